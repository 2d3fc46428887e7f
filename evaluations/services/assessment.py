"""Assessment and committee decision (docs/evaluations.md, rules R6 and R7): scores, votes, and the two steps
that move a dossier on (scores complete → in_committee; the committee's decision → passed | failed).

Decisions taken here, in one place:
- Exemptions (R6) are determined by ``eligibility.engine.r6_theory_exemption`` when the first score of
  a dossier is entered (or by ``assessment_prepare`` if the step approving it into assessment calls
  it), and stored in ``Dossier.exempt_methods``; until then pages show the freshly computed value.
- Scores are complete when the chair (or a provincial official of the dossier's province) says so,
  not automatically; it is refused (409) while a non-exempt method has no score on the current revision.
- Quorum and majority are ``committees.scoring`` (the one tally of every committee review): members
  conflicted on this dossier (their own employer: they may not vote) do not count. Pass: R7 passed for
  every non-exempt method AND the committee's majority of the votes cast (abstentions are present).
"""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import workflow
from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from committees import scoring
from committees.models import Committee
from committees.scoring import Tally, rounded_mean
from committees.selectors import member_rows
from eligibility.engine import Parameters, r6_theory_exemption, r7_assessment
from eligibility.models import Track
from eligibility.snapshots import load_snapshot
from evaluations import rules
from evaluations.models import Dossier, DossierStatus, Method, Score, Vote
from evaluations.rules import is_chair_or_province
from evaluations.workflow import DOSSIER_WORKFLOW

if TYPE_CHECKING:
    from accounts.models import User

AUDIT_ACTIONS = {
    "score_enter": gettext_lazy("Score entered"),
    "score_correct": gettext_lazy("Score corrected"),
    "vote_cast": gettext_lazy("Vote cast"),
}

CONFLICTED_MESSAGE = gettext_lazy("You cannot score or vote on a dossier of your own employer.")


# Reads shared by the services and the selectors (pure over loaded rows).


def exemptions_for(dossier: Dossier, *, as_of: datetime.date | None = None) -> list[str]:
    """R6 (skills-title-integration-opinions, measure 4): on the titles→skills track, a graduation
    certificate related to the occupation exempts the theoretical knowledge exam."""
    if dossier.track != Track.TITLES_TO_SKILLS:
        return []
    methods = {m.method for m in dossier.round.methods.all()}
    if Method.THEORY_EXAM not in methods:
        return []
    snapshot = load_snapshot(dossier.talent)
    if r6_theory_exemption(snapshot, as_of or timezone.localdate()).passed:
        return [Method.THEORY_EXAM.value]
    return []


def current_exemptions(dossier: Dossier) -> list[str]:
    """The stored exemptions once scoring started, else what R6 says today."""
    if dossier.exempt_methods or dossier.status != DossierStatus.IN_ASSESSMENT:
        return list(dossier.exempt_methods)
    return exemptions_for(dossier)


@dataclass(frozen=True)
class MethodResult:
    method: str
    label: str
    pass_mark: int
    exempt: bool
    count: int
    mean: Decimal | None
    passed: bool | None  # None: exempt


def method_results(dossier: Dossier, scores, exempt) -> list[MethodResult]:
    """Per method of the round: the mean of its scores on the current revision (``rounded_mean``)
    against its pass mark (R7, through ``eligibility.engine.r7_assessment`` with the method's own
    pass mark)."""
    params = Parameters.of(dossier.round.rule_set)
    exempt = set(exempt)
    by_method: dict[str, list[Decimal]] = {}
    for score in scores:
        if score.revision_id == dossier.current_revision_id:
            by_method.setdefault(score.method, []).append(score.value)
    results = []
    for round_method in dossier.round.methods.all():
        values = by_method.get(round_method.method, [])
        mean = rounded_mean(values)
        is_exempt = round_method.method in exempt
        passed = None
        if not is_exempt:
            passed = r7_assessment(
                {round_method.method: mean},
                [round_method.method],
                exempt,
                replace(params, r7_pass_mark=round_method.pass_mark),
            ).passed
        results.append(
            MethodResult(
                method=round_method.method,
                label=round_method.get_method_display(),
                pass_mark=round_method.pass_mark,
                exempt=is_exempt,
                count=len(values),
                mean=mean,
                passed=passed,
            )
        )
    return results


def r7_passed(results: list[MethodResult]) -> bool:
    return all(result.passed for result in results if not result.exempt)


def tally_of(dossier: Dossier, votes, members) -> Tally:
    """``members``: (expert id, organisation id) of the committee; those of the dossier's organisation
    are conflicted and not counted (``committees.scoring``, the one tally of every review)."""
    eligible = scoring.eligible_members(members, conflicted_organisation_id=dossier.organisation_id)
    # A round without a committee yet has no members; its tally shows the default fractions (2/3).
    committee = dossier.round.committee or Committee()
    return scoring.tally(committee, (vote.choice for vote in votes), members=eligible)


def committee_members_of(dossier: Dossier) -> list[tuple[int, int | None]]:
    return member_rows(dossier.round.committee_id)


# Writes


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("organisation__region", "round__committee", "round__rule_set", "talent")
        .get(pk=dossier.pk)
    )


def _require_member(actor: "User", dossier: Dossier) -> None:
    if not rules.is_committee_member(actor, dossier):
        raise PermissionDeniedError(_("Only members of the round's committee may do this."))
    if rules.is_conflicted(actor, dossier):
        raise PermissionDeniedError(CONFLICTED_MESSAGE, code="conflicted")


def _store_exemptions(dossier: Dossier) -> None:
    dossier.exempt_methods = exemptions_for(dossier)
    dossier.save(update_fields=["exempt_methods", "updated_at"])


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def assessment_prepare(*, dossier: Dossier) -> Dossier:
    """Determine and store the dossier's exemptions (R6) when it enters assessment."""
    locked = _lock(dossier)
    if locked.status == DossierStatus.IN_ASSESSMENT and not locked.scores.exists():
        _store_exemptions(locked)
    return locked


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def score_enter(*, actor: "User", dossier: Dossier, method: str, value, request=None) -> Score:
    """A committee member's score (0–100) for one method, tied to the current revision; entering it
    again corrects it while the dossier is in assessment."""
    locked = _lock(dossier)
    if locked.status != DossierStatus.IN_ASSESSMENT:
        raise ApplicationError(
            _("Scores can be entered only while the dossier is in assessment."), code="not_in_assessment", status=409
        )
    _require_member(actor, locked)
    round_methods = {m.method for m in locked.round.methods.all()}
    if method not in round_methods:
        raise ApplicationError(_("This round does not assess by that method."), field="method")
    if not locked.scores.exists():
        _store_exemptions(locked)
    if method in locked.exempt_methods:
        raise ApplicationError(_("This method is exempt for this dossier (R6): it is not scored."), field="method")
    number = scoring.parse_score(value)
    if locked.current_revision_id is None:
        raise ApplicationError(_("The dossier has no submitted revision to score."), code="no_revision", status=409)
    score = Score.objects.filter(dossier=locked, method=method, expert=actor).first()
    before = ""
    if score is None:
        score = Score(dossier=locked, method=method, expert=actor)
        action = "score_enter"
    else:
        before = str(score.value)
        action = "score_correct"
    score.value = number
    score.revision_id = locked.current_revision_id
    score.save()
    audit_record(
        actor=actor,
        obj=score,
        action=action,
        from_state=before,
        to_state=str(number),
        comment=str(Method(method).label),
        request=request,
    )
    return score


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def scores_enter(*, actor: "User", dossier: Dossier, values: dict[str, Decimal], request=None) -> list[Score]:
    """A member's scores for several methods at once (the dossier page's one form): each as ``score_enter``
    does it, all or none; a method whose score is unchanged is left alone (no correction audited)."""
    if not values:
        raise ApplicationError(_("Enter at least one score."), field="value")
    current = dict(Score.objects.filter(dossier=dossier, expert=actor).values_list("method", "value"))
    return [
        score_enter(actor=actor, dossier=dossier, method=method, value=value, request=request)
        for method, value in values.items()
        if current.get(method) != value
    ]


def _missing_methods(dossier: Dossier) -> list[str]:
    scored = set(
        dossier.scores.filter(revision_id=dossier.current_revision_id).values_list("method", flat=True).distinct()
    )
    return [
        m.get_method_display()
        for m in dossier.round.methods.all()
        if m.method not in dossier.exempt_methods and m.method not in scored
    ]


@bumps_scope_version(DOSSIERS)
def assessment_complete(*, actor: "User", dossier: Dossier, request=None) -> Dossier:
    """The chair or a provincial official closes scoring: → in_committee (complete_scoring)."""

    def apply(locked: Dossier, edge) -> None:
        if not is_chair_or_province(actor, locked):
            raise PermissionDeniedError(_("Only the committee's chair or a provincial official may close scoring."))
        if not locked.scores.exists():
            _store_exemptions(locked)
        missing = _missing_methods(locked)
        if missing:
            raise ApplicationError(
                _("Scores are missing for: %(methods)s.") % {"methods": "、".join(str(m) for m in missing)},
                code="scores_missing",
                status=409,
            )

    return workflow.transition(
        workflow=DOSSIER_WORKFLOW, actor=actor, obj=dossier, action="complete_scoring", request=request, apply=apply
    )


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def vote_cast(*, actor: "User", dossier: Dossier, choice: str, request=None) -> Vote:
    """One vote per member on a dossier before the committee; casting it makes the member present."""
    locked = _lock(dossier)
    if locked.status != DossierStatus.IN_COMMITTEE:
        raise ApplicationError(
            _("Votes can be cast only while the dossier is before the committee."), code="not_in_committee", status=409
        )
    _require_member(actor, locked)
    scoring.parse_vote(choice)
    if locked.current_revision_id is None:
        raise ApplicationError(_("The dossier has no submitted revision to vote on."), code="no_revision", status=409)
    already = ApplicationError(_("You have already voted on this dossier."), code="already_voted", status=409)
    if Vote.objects.filter(dossier=locked, expert=actor).exists():
        raise already
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                dossier=locked, expert=actor, choice=choice, revision_id=locked.current_revision_id
            )
    except IntegrityError:
        raise already from None
    audit_record(actor=actor, obj=vote, action="vote_cast", to_state=choice, request=request)
    return vote


def decision_summary(tally: Tally, results: list[MethodResult]) -> str:
    parts = []
    exempt = _("exempt")
    for r in results:
        if r.exempt:
            parts.append(f"{r.label}: {exempt}")
        else:
            parts.append(f"{r.label}: {r.mean if r.mean is not None else '—'} / {r.pass_mark}")
    methods = "; ".join(parts)
    return _(
        "In favour %(yes)s, against %(no)s, abstaining %(abstain)s, of %(members)s members. Methods: %(methods)s."
    ) % {"yes": tally.yes, "no": tally.no, "abstain": tally.abstain, "members": tally.members, "methods": methods}


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def committee_decide(*, actor: "User", dossier: Dossier, request=None) -> Dossier:
    """The chair or a provincial official records the committee's decision from the votes and scores."""
    locked = _lock(dossier)
    if locked.status != DossierStatus.IN_COMMITTEE:
        raise workflow.illegal_transition_error(DOSSIER_WORKFLOW, locked, "decide_pass")
    if not is_chair_or_province(actor, locked):
        raise PermissionDeniedError(_("Only the committee's chair or a provincial official may record the decision."))
    if locked.round.committee_id is None:
        raise ApplicationError(
            _("This round has no review committee, so no vote can decide its dossiers."),
            code="no_committee",
            status=409,
        )
    tally = tally_of(locked, locked.votes.all(), committee_members_of(locked))
    if not tally.quorum_reached:
        raise scoring.quorum_error(tally)
    results = method_results(locked, locked.scores.all(), locked.exempt_methods)
    passed = r7_passed(results) and tally.majority_reached
    return workflow.transition(
        workflow=DOSSIER_WORKFLOW,
        actor=actor,
        obj=locked,
        action="decide_pass" if passed else "decide_fail",
        comment=decision_summary(tally, results),
        request=request,
    )
