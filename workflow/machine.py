"""The workflow mechanism: a workflow as data, and the one function that applies a transition."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from workflow.registry import after_transition_hooks

if TYPE_CHECKING:
    from accounts.models import User

# A translatable text: a plain ``str`` or a ``gettext_lazy`` proxy, rendered when it is used.
Text = str | Promise
# Who may take an edge: (actor, obj) → bool; ``actor`` None is the portal itself (a task, a notice).
ActorPredicate = Callable[["User | None", Any], bool]
# Which of several edges of one action from one state applies: obj → bool.
ObjectPredicate = Callable[[Any], bool]
# The caller's own writes, under the row lock, before the new state is saved: (locked obj, edge).
ApplyCallback = Callable[[Any, "Edge"], None]
# Run after commit: (obj, action, from_state, to_state, actor, comment).
TransitionHook = Callable[[Any, str, str, str, "User | None", str], None]


def _always(obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class Edge:
    """One legal step: ``action`` takes an object from ``source`` to ``target``."""

    action: str
    source: str
    target: str
    # Who may take it (403 otherwise).
    allowed: ActorPredicate
    # Which of several edges of one action from one state applies (a dossier's approve: city or province).
    applies: ObjectPredicate = _always
    comment_required: bool = False


@dataclass(frozen=True, eq=False)
class Workflow:
    """A model's workflow, as data. State codes are stable strings, never translated; labels are.

    Messages are ``gettext_lazy`` texts formatted with ``%(status)s`` (the current state's label),
    ``%(action)s`` (the action's label) and ``%(target)s`` (the label of the state the action leads to,
    or the action's code when no edge has that action).
    """

    name: str
    model: type[models.Model]
    # The status field's choices: every state, with its translated label.
    status_choices: type[models.TextChoices]
    edges: tuple[Edge, ...]
    action_labels: Mapping[str, Text]
    # 409 when no edge of the action leaves the current state.
    illegal_message: Text
    # 409 when the step from the new state belongs to someone else because the state moved meanwhile.
    decided_meanwhile_message: Text
    # 403 when the edge exists but is not this actor's.
    forbidden_message: Text
    # 400 when a comment-required edge gets a blank comment.
    comment_required_message: Text
    status_field: str = "status"
    # Audit action ``f"{audit_prefix}_{action}"``, unless ``audit_action`` fixes one code for every step.
    audit_prefix: str = ""
    audit_action: str = ""
    # Target state → datetime fields set to now when an edge enters it.
    stamps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Relations the predicates read, loaded with the locked row.
    lock_select_related: tuple[str, ...] = ()
    illegal_code: str = "illegal_transition"
    illegal_field: str | None = None
    comment_field: str = "comment"

    @property
    def states(self) -> list[str]:
        return list(self.status_choices.values)

    @property
    def actions(self) -> list[str]:
        """Every action of the table, in table order."""
        return list(dict.fromkeys(edge.action for edge in self.edges))

    def status_of(self, obj: Any) -> str:
        return str(getattr(obj, self.status_field))

    def status_label(self, status: str) -> Text:
        return self.status_choices(status).label if status in self.status_choices.values else status

    def action_label(self, action: str) -> Text:
        return self.action_labels.get(action, action)

    def audit_action_for(self, action: str) -> str:
        return self.audit_action or f"{self.audit_prefix}_{action}"

    def audit_labels(self) -> dict[str, Text]:
        """The audit action codes this workflow writes, with their labels (prefixed workflows only: a
        fixed ``audit_action`` is labelled by its app)."""
        if self.audit_action:
            return {}
        return {self.audit_action_for(action): label for action, label in self.action_labels.items()}

    def check(self) -> None:
        """Refuse an inconsistent table at registration: unknown states, unlabelled actions, no audit code."""
        field_names = {f.name for f in self.model._meta.get_fields()}
        problems = []
        if self.status_field not in field_names:
            problems.append(f"{self.model.__name__} has no field {self.status_field!r}")
        if not (self.audit_action or self.audit_prefix):
            problems.append("neither audit_prefix nor audit_action is set")
        for edge in self.edges:
            for state in (edge.source, edge.target):
                if state not in self.status_choices.values:
                    problems.append(f"edge {edge.action!r} names unknown state {state!r}")
            if edge.action not in self.action_labels:
                problems.append(f"action {edge.action!r} has no label")
        for state, names in self.stamps.items():
            if state not in self.status_choices.values:
                problems.append(f"stamps name unknown state {state!r}")
            problems.extend(f"stamp field {name!r} is not a field" for name in names if name not in field_names)
        if problems:
            raise ValueError(f"Workflow {self.name!r}: " + "; ".join(problems))


def edge_for(workflow: Workflow, obj: Any, action: str) -> Edge | None:
    """The edge ``action`` takes from the object's current state, or None if it is illegal there."""
    status = workflow.status_of(obj)
    for edge in workflow.edges:
        if edge.action == action and edge.source == status and edge.applies(obj):
            return edge
    return None


def allowed_actions(workflow: Workflow, actor: User | None, obj: Any) -> list[str]:
    """The actions this actor may take now (buttons on a page, an API's hints), in table order."""
    status = workflow.status_of(obj)
    return list(
        dict.fromkeys(
            edge.action
            for edge in workflow.edges
            if edge.source == status and edge.applies(obj) and edge.allowed(actor, obj)
        )
    )


def _message_params(workflow: Workflow, obj: Any, action: str) -> dict[str, Text]:
    target = next((edge.target for edge in workflow.edges if edge.action == action), None)
    return {
        "status": workflow.status_label(workflow.status_of(obj)),
        "action": workflow.action_label(action),
        "target": workflow.status_label(target) if target is not None else action,
    }


def illegal_transition_error(workflow: Workflow, obj: Any, action: str) -> ApplicationError:
    """409: ``action`` is not possible from the object's current state."""
    return ApplicationError(
        str(workflow.illegal_message) % _message_params(workflow, obj, action),
        code=workflow.illegal_code,
        status=409,
        field=workflow.illegal_field,
    )


def decided_meanwhile_error(workflow: Workflow, obj: Any, action: str = "") -> ApplicationError:
    """409: the object moved on since the caller loaded it, and the step from there is someone else's."""
    return ApplicationError(
        str(workflow.decided_meanwhile_message) % _message_params(workflow, obj, action),
        code="decided_meanwhile",
        status=409,
    )


def forbidden_error(workflow: Workflow) -> PermissionDeniedError:
    return PermissionDeniedError(str(workflow.forbidden_message))


def comment_required_error(workflow: Workflow) -> ApplicationError:
    return ApplicationError(str(workflow.comment_required_message), field=workflow.comment_field)


def _auto_now_fields(model: type[models.Model]) -> list[str]:
    """``updated_at`` and its kind: ``save(update_fields=…)`` refreshes them only when named."""
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def transition(
    *,
    workflow: Workflow,
    actor: User | None,
    obj: Any,
    action: str,
    comment: str = "",
    request: Any = None,
    apply: ApplyCallback | None = None,
) -> Any:
    """Apply one action of ``workflow`` to ``obj`` and return the object, locked and updated.

    In order, under ``select_for_update`` of the row: the edge from the current state (409
    ``workflow.illegal_code`` if none), the actor (403; or 409 ``decided_meanwhile`` when the state
    moved since the caller loaded ``obj`` — two officials deciding at once: the second waits for the
    lock, then finds the new state), the comment (400 when required and blank). Then ``apply(locked,
    edge)`` does the caller's own writes under the same lock, the state and the target's stamps are
    saved with ``update_fields``, the audit row is written (from, to, comment) and the workflow's hooks
    are scheduled to run after commit. Any error rolls everything back.
    """
    comment = (comment or "").strip()
    seen_status = workflow.status_of(obj)  # as the caller loaded it
    manager = workflow.model._default_manager
    with transaction.atomic():
        locked = manager.select_for_update(of=("self",)).select_related(*workflow.lock_select_related).get(pk=obj.pk)
        edge = edge_for(workflow, locked, action)
        if edge is None:
            raise illegal_transition_error(workflow, locked, action)
        if not edge.allowed(actor, locked):
            if workflow.status_of(locked) != seen_status:
                # Not this actor's step any more because a colleague decided first: a conflict, not a 403.
                raise decided_meanwhile_error(workflow, locked, action)
            raise forbidden_error(workflow)
        if edge.comment_required and not comment:
            raise comment_required_error(workflow)
        if apply is not None:
            apply(locked, edge)
        before = workflow.status_of(locked)
        setattr(locked, workflow.status_field, edge.target)
        fields = [workflow.status_field, *_auto_now_fields(workflow.model)]
        now = timezone.now()
        for name in workflow.stamps.get(edge.target, ()):
            setattr(locked, name, now)
            fields.append(name)
        locked.save(update_fields=list(dict.fromkeys(fields)))
        audit_record(
            actor=actor,
            obj=locked,
            action=workflow.audit_action_for(action),
            from_state=before,
            to_state=edge.target,
            comment=comment,
            request=request,
        )
        for hook in after_transition_hooks(workflow):
            transaction.on_commit(partial(hook, locked, action, before, edge.target, actor, comment), robust=True)
    return locked
