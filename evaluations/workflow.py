"""The dossier workflow of DESIGN.md §5, once: the transition table as data, and the one function
that applies a transition (row lock, legal-edge check, role check, state change, audit, notification).

```
draft ─submit→ submitted ─city approve→ city_approved ─province approve→ in_assessment
  ↑  withdraw ←┘   │ return (comment required) → returned ─resubmit→ submitted
                   └ reject → rejected
in_assessment ─scores complete→ in_committee ─vote→ passed | failed
passed ─publish notice→ in_publicity ─notice ends, no upheld objection→ certified
```
Withdrawing leaves the dossier ``withdrawn``, editable and submittable again like a draft.
Services call ``transition`` inside their own transaction and do their extra writes (a frozen
revision, a review record, a certificate) in the ``apply`` callback, under the same row lock.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from evaluations import rules
from evaluations.models import Dossier, DossierStatus

S = DossierStatus


def _always(dossier) -> bool:
    return True


@dataclass(frozen=True)
class Edge:
    action: str
    source: str
    target: str
    # Who may take it (403 otherwise); ``actor`` None is the portal itself.
    allowed: Callable
    # Which of several edges of one action from one state applies (approve: city or province).
    applies: Callable = _always
    comment_required: bool = False


def _officials_next(actor, dossier) -> bool:
    """The official whose level is due on a submitted dossier: the city's, or the province's when the
    city is skipped."""
    if rules.needs_city_review(dossier):
        return rules.is_city_official_for(actor, dossier)
    return rules.is_provincial_official_for(actor, dossier)


def _chair_or_province(actor, dossier) -> bool:
    return rules.is_committee_member(actor, dossier, chair=True) or rules.is_provincial_official_for(actor, dossier)


def _system_chair_or_province(actor, dossier) -> bool:
    """Closing scoring: the chair or a provincial official (a plain member scores but does not close)."""
    return rules.is_system(actor) or _chair_or_province(actor, dossier)


def _system_or_province(actor, dossier) -> bool:
    return rules.is_system(actor) or rules.is_provincial_official_for(actor, dossier)


EDGES = [
    *(Edge("submit", source, S.SUBMITTED, rules.is_clerk_of) for source in (S.DRAFT, S.RETURNED, S.WITHDRAWN)),
    Edge("withdraw", S.SUBMITTED, S.WITHDRAWN, rules.is_clerk_of),
    Edge("approve", S.SUBMITTED, S.CITY_APPROVED, rules.is_city_official_for, applies=rules.needs_city_review),
    Edge(
        "approve",
        S.SUBMITTED,
        S.IN_ASSESSMENT,
        rules.is_provincial_official_for,
        applies=lambda d: not rules.needs_city_review(d),
    ),
    Edge("approve", S.CITY_APPROVED, S.IN_ASSESSMENT, rules.is_provincial_official_for),
    Edge("return", S.SUBMITTED, S.RETURNED, _officials_next, comment_required=True),
    Edge("return", S.CITY_APPROVED, S.RETURNED, rules.is_provincial_official_for, comment_required=True),
    Edge("reject", S.SUBMITTED, S.REJECTED, _officials_next, comment_required=True),
    Edge("reject", S.CITY_APPROVED, S.REJECTED, rules.is_provincial_official_for, comment_required=True),
    Edge("complete_scoring", S.IN_ASSESSMENT, S.IN_COMMITTEE, _system_chair_or_province),
    Edge("decide_pass", S.IN_COMMITTEE, S.PASSED, _chair_or_province),
    Edge("decide_fail", S.IN_COMMITTEE, S.FAILED, _chair_or_province),
    Edge("publish", S.PASSED, S.IN_PUBLICITY, rules.is_provincial_official_for),
    Edge("certify", S.IN_PUBLICITY, S.CERTIFIED, _system_or_province),
    Edge("fail_after_objection", S.IN_PUBLICITY, S.FAILED, _system_or_province, comment_required=True),
]

# Audit action codes (AuditLog.action) and their labels, registered in EvaluationsConfig.ready().
ACTION_LABELS = {
    "submit": gettext_lazy("Dossier submitted"),
    "withdraw": gettext_lazy("Dossier withdrawn"),
    "approve": gettext_lazy("Dossier approved"),
    "return": gettext_lazy("Dossier returned for revision"),
    "reject": gettext_lazy("Dossier rejected"),
    "complete_scoring": gettext_lazy("Assessment scores complete"),
    "decide_pass": gettext_lazy("Committee passed the dossier"),
    "decide_fail": gettext_lazy("Committee failed the dossier"),
    "publish": gettext_lazy("Dossier put in public notice"),
    "certify": gettext_lazy("Certificate issued"),
    "fail_after_objection": gettext_lazy("Failed after an upheld objection"),
}
AUDIT_ACTIONS = {f"dossier_{action}": label for action, label in ACTION_LABELS.items()}

# Called after commit with (dossier, action, from_state, to_state, actor, comment); the
# notifications of evaluations.notify register here (kept as a hook so this module stays the core).
_after_commit_hooks: list[Callable] = []


def register_after_transition(hook: Callable) -> None:
    if hook not in _after_commit_hooks:
        _after_commit_hooks.append(hook)


def edge_for(dossier, action: str) -> Edge | None:
    """The edge ``action`` takes from the dossier's current state, or None if it is illegal there."""
    for edge in EDGES:
        if edge.action == action and edge.source == dossier.status and edge.applies(dossier):
            return edge
    return None


def allowed_actions(actor, dossier) -> list[str]:
    """The actions this actor may take now (buttons on the dossier page, the API's hints)."""
    return [
        edge.action
        for edge in EDGES
        if edge.source == dossier.status and edge.applies(dossier) and edge.allowed(actor, dossier)
    ]


def illegal_transition_error(dossier, action: str) -> ApplicationError:
    label = ACTION_LABELS.get(action, action)
    return ApplicationError(
        _("This dossier is “%(status)s”: “%(action)s” is not possible now.")
        % {"status": DossierStatus(dossier.status).label, "action": label},
        code="illegal_transition",
        status=409,
    )


def decided_meanwhile_error(dossier) -> ApplicationError:
    return ApplicationError(
        _("This dossier was decided by someone else meanwhile: it is now “%(status)s”.")
        % {"status": DossierStatus(dossier.status).label},
        code="decided_meanwhile",
        status=409,
    )


def transition(
    *,
    actor,
    dossier: Dossier,
    action: str,
    comment: str = "",
    request=None,
    apply: Callable[[Dossier, Edge], None] | None = None,
) -> Dossier:
    """Apply one workflow action to a dossier and return it, locked and updated.

    Two officials approving at the same moment: the second waits for the row lock, then finds the new
    state and gets the 409 (``illegal_transition``, or ``decided_meanwhile`` when the step from the new
    state exists but belongs to someone else). Raises ApplicationError 409 (illegal here), PermissionDeniedError 403
    (not this actor's step), ApplicationError 400 (comment required). ``apply(dossier, edge)`` runs
    under the lock before the state is saved, for the service's own writes.
    """
    comment = (comment or "").strip()
    seen_status = dossier.status  # as the caller loaded it
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("organisation__region", "round__region", "round__committee", "talent")
            .get(pk=dossier.pk)
        )
        edge = edge_for(locked, action)
        if edge is None:
            raise illegal_transition_error(locked, action)
        if not edge.allowed(actor, locked):
            if locked.status != seen_status:
                # Not this actor's step any more because a colleague decided first: a conflict, not a 403.
                raise decided_meanwhile_error(locked)
            raise PermissionDeniedError(_("You may not take this step on this dossier."))
        if edge.comment_required and not comment:
            raise ApplicationError(_("A comment is required to return or reject a dossier."), field="comment")
        if apply is not None:
            apply(locked, edge)
        before = locked.status
        locked.status = edge.target
        fields = ["status", "updated_at"]
        now = timezone.now()
        if edge.target == S.SUBMITTED:
            locked.submitted_at = now
            fields.append("submitted_at")
        if edge.target in (S.PASSED, S.FAILED, S.REJECTED, S.CERTIFIED):
            locked.decided_at = now
            fields.append("decided_at")
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            obj=locked,
            action=f"dossier_{action}",
            from_state=before,
            to_state=locked.status,
            comment=comment,
            request=request,
        )
        for hook in list(_after_commit_hooks):
            transaction.on_commit(
                lambda hook=hook: hook(locked, action, before, locked.status, actor, comment), robust=True
            )
    return locked
