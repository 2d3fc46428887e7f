"""Writes of the officials' review (docs/evaluations.md): a decision on a dossier, bulk approval, the mark
of the revision a reviewer has seen.

Every state change goes through ``workflow.transition`` (the dossier workflow): its row lock makes two officials
approving the same dossier at the same moment take exactly one transition (the second waits, then
finds the new state: 409). The review record is written in the transition's ``apply`` callback, under
that lock, so it always names the revision that was judged.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError
from evaluations import rules
from evaluations.models import (
    Dossier,
    DossierReview,
    DossierStatus,
    ReviewDecision,
    ReviewLevel,
    RevisionSeen,
)
from evaluations.selectors.scope import dossiers_visible_to
from evaluations.workflow import DOSSIER_WORKFLOW
from workflow import transition

if TYPE_CHECKING:
    from accounts.models import User

# The review decisions are the workflow's actions of the same name.
DECISION_ACTIONS: dict[str, str] = {
    ReviewDecision.APPROVE: "approve",
    ReviewDecision.RETURN: "return",
    ReviewDecision.REJECT: "reject",
}
COMMENT_MAX_LENGTH = 4000


def review_level(dossier: Dossier, edge) -> str:
    """A submitted dossier is judged by the city unless the city is skipped (city-less organisation,
    green channel); a city-approved one by the province."""
    if edge.source == DossierStatus.SUBMITTED and rules.needs_city_review(dossier):
        return ReviewLevel.CITY
    return ReviewLevel.PROVINCE


@bumps_scope_version(DOSSIERS)
def dossier_review(*, actor: "User", dossier: Dossier, decision: str, comment: str = "", request=None) -> Dossier:
    """Approve, return or reject a dossier: one transition and one review record, or nothing. The
    returned dossier carries the record as ``recorded_review``.

    Raises ApplicationError 400 (unknown decision; comment missing on return/reject, field "comment"),
    PermissionDeniedError 403 (not this official's step), ApplicationError 409 (not possible in this state,
    or the dossier moved on since the caller loaded it).
    """
    if decision not in DECISION_ACTIONS:
        raise ApplicationError(_("Choose approve, return or reject."), field="decision")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ApplicationError(
            _("Keep the comment under %(count)s characters.") % {"count": COMMENT_MAX_LENGTH}, field="comment"
        )

    def record(locked: Dossier, edge) -> None:
        if locked.current_revision_id is None:
            raise ApplicationError(
                _("This dossier has no submitted revision to review."), code="no_revision", status=409
            )
        # Handed back on the returned dossier, so callers answer with exactly this record.
        locked.recorded_review = DossierReview.objects.create(
            dossier=locked,
            revision_id=locked.current_revision_id,
            level=review_level(locked, edge),
            decision=decision,
            comment=comment,
            reviewer=actor,
        )

    with transaction.atomic():
        return transition(
            workflow=DOSSIER_WORKFLOW,
            actor=actor,
            obj=dossier,
            action=DECISION_ACTIONS[decision],
            comment=comment,
            request=request,
            apply=record,
        )


@dataclass
class BulkApproval:
    approved: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (dossier id, why)


@bumps_scope_version(DOSSIERS)
def dossier_bulk_approve(*, actor: "User", dossier_ids, request=None) -> BulkApproval:
    """Approve each dossier in its own transaction: one that cannot be approved (moved on, out of scope,
    not this official's step) is skipped with the reason and the others go ahead."""
    result = BulkApproval()
    visible = dossiers_visible_to(actor)
    for dossier_id in dict.fromkeys(int(pk) for pk in dossier_ids):
        dossier = visible.filter(pk=dossier_id).first()
        if dossier is None:
            result.skipped.append((dossier_id, _("Not found.")))
            continue
        try:
            dossier_review(actor=actor, dossier=dossier, decision=ReviewDecision.APPROVE, request=request)
        except ApplicationError as error:
            result.skipped.append((dossier_id, str(error.message)))
        else:
            result.approved.append(dossier_id)
    return result


def revision_seen_record(*, actor: "User", dossier: Dossier) -> RevisionSeen | None:
    """Remember the revision a reviewer opens; return the mark as it was before (None: first visit)."""
    previous = RevisionSeen.objects.filter(dossier=dossier, user=actor).select_related("revision").first()
    if dossier.current_revision_id is None or (
        previous is not None and previous.revision_id == dossier.current_revision_id
    ):
        return previous
    try:
        with transaction.atomic():
            RevisionSeen.objects.update_or_create(
                dossier=dossier, user=actor, defaults={"revision_id": dossier.current_revision_id}
            )
    except IntegrityError:  # the same reviewer opening the page twice at once: one mark is enough
        pass
    return previous
