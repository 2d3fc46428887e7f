"""Workflows as data, below every domain app (docs/conventions.md §4 and 16).

A workflow is a :class:`Workflow`: the model and its status field, the edge table (action, source,
target, who may, when it applies, comment required), translated labels and messages, how each step
is audited, which timestamps each target state stamps. :func:`transition` applies one action to one
object (row lock, edge 409, actor 403 or 409 "decided meanwhile", comment 400, the caller's writes,
``save(update_fields=…)``, audit row, after-commit hooks); :func:`allowed_actions` feeds buttons and
API hints. Domain apps declare their table in ``<app>/workflow.py`` and register it in
``AppConfig.ready()`` (docs/workflows.md). This package imports only Django and ``accounts``.
"""

from workflow.machine import (
    ApplyCallback,
    Edge,
    TransitionHook,
    Workflow,
    allowed_actions,
    comment_required_error,
    decided_meanwhile_error,
    edge_for,
    forbidden_error,
    illegal_transition_error,
    transition,
)
from workflow.registry import (
    after_transition_hooks,
    register_after_transition,
    register_workflow,
    registered_workflows,
    workflow_named,
)

__all__ = [
    "ApplyCallback",
    "Edge",
    "TransitionHook",
    "Workflow",
    "after_transition_hooks",
    "allowed_actions",
    "comment_required_error",
    "decided_meanwhile_error",
    "edge_for",
    "forbidden_error",
    "illegal_transition_error",
    "register_after_transition",
    "register_workflow",
    "registered_workflows",
    "transition",
    "workflow_named",
]
