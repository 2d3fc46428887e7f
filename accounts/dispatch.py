"""Enqueueing a Celery task by its name, so a service never imports its app's ``tasks`` module.

A task is a thin wrapper that imports the service it calls (docs/conventions.md §7); the service enqueueing it
by import would close a circle. Each app's ``AppConfig.ready()`` imports its ``tasks`` module, so
every process (web, worker, shell) has the task registered, and ``task`` returns the task object
itself: eager mode (the embedded default) still runs it in-process, and a test that replaces its
``delay`` or ``apply_async`` still sees the call.
"""

from celery import current_app
from celery.app.task import Task
from django.db import transaction


def task(name: str) -> Task:
    """The registered task called ``name`` (a KeyError names a task module nobody imported)."""
    return current_app.tasks[name]


def delay_on_commit(name: str, *args, **kwargs) -> None:
    """``delay`` the task once the current transaction has committed (at once outside one)."""
    transaction.on_commit(lambda: task(name).delay(*args, **kwargs))
