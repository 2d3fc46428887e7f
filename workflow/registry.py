"""The registered workflows and their after-commit hooks, filled from ``AppConfig.ready()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.models import register_audit_actions

if TYPE_CHECKING:
    from workflow.machine import TransitionHook, Workflow

_workflows: dict[str, Workflow] = {}
_hooks: dict[str, list[TransitionHook]] = {}


def register_workflow(workflow: Workflow) -> Workflow:
    """Make a workflow known (the table-driven test runs every one); registers its audit labels too.
    Registering the same workflow again is harmless; another one under a taken name is an error."""
    existing = _workflows.get(workflow.name)
    if existing is not None and existing is not workflow:
        raise ValueError(f"Workflow {workflow.name!r} is registered twice.")
    workflow.check()
    register_audit_actions(workflow.audit_labels())
    _workflows[workflow.name] = workflow
    return workflow


def registered_workflows() -> list[Workflow]:
    return list(_workflows.values())


def workflow_named(name: str) -> Workflow:
    try:
        return _workflows[name]
    except KeyError:
        raise LookupError(f"No workflow named {name!r} is registered.") from None


def register_after_transition(workflow: Workflow, hook: TransitionHook) -> None:
    """Call ``hook(obj, action, from_state, to_state, actor, comment)`` after each committed transition
    of ``workflow`` (notifications and the like; a failing hook is logged, never undoes the step)."""
    hooks = _hooks.setdefault(workflow.name, [])
    if hook not in hooks:
        hooks.append(hook)


def after_transition_hooks(workflow: Workflow) -> list[TransitionHook]:
    return list(_hooks.get(workflow.name, ()))
