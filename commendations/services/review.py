"""Expert review of nominations (docs/commendations.md#expert-review): the campaign's committee, the
members' scores and votes, and the campaign officials' record of the committee's decision.

The committee, the score's accepted form, the mean, the quorum and the majority are the
``committees`` app's (the same code evaluations' dossiers are judged by). A nomination that fails is
rejected through the workflow (``reject``, the decision summary as its comment); one that passes
stays in expert review until the public notice takes it (``publish``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import workflow
from accounts.cache import NOMINATIONS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from commendations import rules
from commendations.models import Campaign, Nomination, NominationScore, NominationStatus, NominationVote
from commendations.workflow import NOMINATION_WORKFLOW
from committees import scoring
from committees.models import Committee
from committees.selectors import committee_list, member_rows, memberships_of

if TYPE_CHECKING:
    from accounts.models import User

AUDIT_ACTIONS = {
    "campaign_committee_set": gettext_lazy("Expert committee of the campaign set"),
    "nomination_score_enter": gettext_lazy("Nomination score entered"),
    "nomination_score_correct": gettext_lazy("Nomination score corrected"),
    "nomination_vote_cast": gettext_lazy("Vote cast on a nomination"),
    "nomination_review_decide": gettext_lazy("Expert review decision recorded"),
}

S = NominationStatus


def _not_in_review() -> ApplicationError:
    return ApplicationError(_("This nomination is not in expert review."), code="not_in_expert_review", status=409)


# The campaign's committee


@transaction.atomic
def campaign_committee_set(*, actor: User, campaign: Campaign, committee: Committee | None, request=None) -> Campaign:
    """Name (or clear) the committee that reviews the campaign's nominations: one the official sees
    (a province's official: the province's committees). Refused once a member has scored or voted."""
    locked = Campaign.objects.select_for_update(of=("self",)).select_related("region", "committee").get(pk=campaign.pk)
    if not rules.is_official_of_campaign(actor, locked):
        raise PermissionDeniedError(rules.ONLY_CAMPAIGN_OFFICIALS)
    if committee is not None and not committee_list(actor=actor).filter(pk=committee.pk).exists():
        raise ApplicationError(_("Pick a committee you are responsible for."), field="committee")
    if locked.committee_id == (committee.pk if committee else None):
        return locked
    started = (
        NominationScore.objects.filter(nomination__campaign=locked).exists()
        or NominationVote.objects.filter(nomination__campaign=locked).exists()
    )
    if started:
        raise ApplicationError(
            _("The experts have started scoring or voting: the committee can no longer be changed."),
            code="review_started",
            status=409,
        )
    before = str(locked.committee) if locked.committee_id else ""
    locked.committee = committee
    locked.save(update_fields=["committee", "updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="campaign_committee_set",
        from_state=before[:40],
        to_state=str(committee or "")[:40],
        comment=str(committee or ""),
        request=request,
    )
    return locked


def nomination_review_start(*, actor: User, nomination: Nomination, request=None) -> Nomination:
    """province_recommended → in_expert_review; the campaign must have its committee."""

    def apply(locked: Nomination, edge) -> None:
        if locked.campaign.committee_id is None:
            raise ApplicationError(
                _("Name the campaign's expert committee before sending nominations to expert review."),
                code="no_committee",
                status=409,
            )

    return workflow.transition(
        workflow=NOMINATION_WORKFLOW,
        actor=actor,
        obj=nomination,
        action="start_review",
        request=request,
        apply=apply,
    )


# Members' scores and votes


def _lock(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("campaign__region", "campaign__committee", "organisation__region")
        .get(pk=nomination.pk)
    )


def _require_member(actor: User, nomination: Nomination) -> None:
    if not rules.is_review_member(actor, nomination, memberships_of(nomination.campaign.committee_id)):
        raise PermissionDeniedError(rules.ONLY_REVIEW_MEMBERS)
    if rules.is_conflicted_on(actor, nomination):
        raise PermissionDeniedError(rules.CONFLICTED_ON_NOMINATION, code="conflicted")


def _open_for_members(nomination: Nomination) -> None:
    if nomination.status != S.IN_EXPERT_REVIEW:
        raise _not_in_review()
    if nomination.review_passed is not None:
        raise ApplicationError(
            _("The committee's decision on this nomination is already recorded."), code="already_decided", status=409
        )


@bumps_scope_version(NOMINATIONS)
@transaction.atomic
def nomination_score_enter(*, actor: User, nomination: Nomination, value, request=None) -> NominationScore:
    """A member's overall score (0–100); entering it again corrects it until the decision."""
    locked = _lock(nomination)
    _open_for_members(locked)
    _require_member(actor, locked)
    number = scoring.parse_score(value)
    score = NominationScore.objects.filter(nomination=locked, expert=actor).first()
    before = ""
    if score is None:
        score = NominationScore(nomination=locked, expert=actor)
        action = "nomination_score_enter"
    else:
        before = str(score.value)
        action = "nomination_score_correct"
    score.value = number
    score.save()
    audit_record(actor=actor, obj=score, action=action, from_state=before, to_state=str(number), request=request)
    return score


@bumps_scope_version(NOMINATIONS)
@transaction.atomic
def nomination_vote_cast(*, actor: User, nomination: Nomination, choice: str, request=None) -> NominationVote:
    """One vote per member (yes, no, abstain); casting it makes the member present."""
    locked = _lock(nomination)
    _open_for_members(locked)
    _require_member(actor, locked)
    scoring.parse_vote(choice)
    already = ApplicationError(_("You have already voted on this nomination."), code="already_voted", status=409)
    if NominationVote.objects.filter(nomination=locked, expert=actor).exists():
        raise already
    try:
        with transaction.atomic():
            vote = NominationVote.objects.create(nomination=locked, expert=actor, choice=choice)
    except IntegrityError:
        raise already from None
    audit_record(actor=actor, obj=vote, action="nomination_vote_cast", to_state=choice, request=request)
    return vote


# The committee's decision


def nomination_tally(nomination: Nomination, choices, members: list[tuple[int, int | None]]) -> scoring.Tally:
    """The shared tally; members working for the nomination's organisation are conflicted, not counted."""
    eligible = scoring.eligible_members(members, conflicted_organisation_id=nomination.organisation_id)
    committee = nomination.campaign.committee
    if committee is None:
        raise ApplicationError(_("The campaign has no expert committee."), code="no_committee", status=409)
    return scoring.tally(committee, choices, members=eligible)


def decision_summary(result: scoring.Tally, mean) -> str:
    return _(
        "In favour %(yes)s, against %(no)s, abstaining %(abstain)s, of %(members)s members; mean score %(mean)s."
    ) % {
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
        "members": result.members,
        "mean": mean if mean is not None else "—",
    }


@transaction.atomic
def nomination_review_decide(*, actor: User, nomination: Nomination, request=None) -> Nomination:
    """A campaign official records the committee's decision from the votes: passed (the committee's
    majority of the votes cast) stays in expert review for the notice; failed is rejected. Refused
    (409) before the quorum and when already recorded."""
    locked = _lock(nomination)
    if not rules.is_official_of_campaign(actor, locked.campaign):
        raise PermissionDeniedError(rules.ONLY_CAMPAIGN_OFFICIALS)
    _open_for_members(locked)
    choices = list(locked.review_votes.values_list("choice", flat=True))
    result = nomination_tally(locked, choices, member_rows(locked.campaign.committee_id))
    if not result.quorum_reached:
        raise scoring.quorum_error(result)
    mean = scoring.rounded_mean(list(locked.review_scores.values_list("value", flat=True)))
    passed = result.majority_reached
    summary = decision_summary(result, mean)
    locked.review_passed, locked.review_summary = passed, summary
    locked.save(update_fields=["review_passed", "review_summary", "updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="nomination_review_decide",
        to_state="passed" if passed else "failed",
        comment=summary,
        request=request,
    )
    if passed:
        return locked
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=locked, action="reject", comment=summary, request=request
    )


def nomination_review_decide_all(*, actor: User, campaign: Campaign, request=None) -> tuple[int, int]:
    """Record the decision on every undecided nomination of the campaign in expert review; those
    without a quorum are left as they are. Returns (decided, left without a quorum)."""
    if not rules.is_official_of_campaign(actor, campaign):
        raise PermissionDeniedError(rules.ONLY_CAMPAIGN_OFFICIALS)
    pending = Nomination.objects.filter(
        campaign=campaign, status=S.IN_EXPERT_REVIEW, review_passed__isnull=True
    ).order_by("pk")
    decided = left = 0
    for nomination in pending:
        try:
            nomination_review_decide(actor=actor, nomination=nomination, request=request)
        except ApplicationError as error:
            if error.code != "quorum_not_reached":
                raise
            left += 1
        else:
            decided += 1
    return decided, left
