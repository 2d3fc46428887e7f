import datetime
from decimal import Decimal

import pytest
from django.utils.translation import override

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from eligibility.models import Track
from evaluations.models import Committee, DossierStatus, Method, Score, Vote
from evaluations.services.assessment import (
    Tally,
    assessment_complete,
    assessment_prepare,
    committee_decide,
    exemptions_for,
    method_results,
    score_enter,
    tally_of,
    vote_cast,
)
from talents.models import CredentialKind
from tests.accounts.factories import UserFactory, region
from tests.evaluations.assessment.factories import make_panel, score_all, votes
from tests.evaluations.factories import ExpertFactory
from tests.talents.factories import CredentialFactory

pytestmark = pytest.mark.django_db

S = DossierStatus


def province_official():
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("440000"))


def graduate(talent):
    """A graduation certificate in the talent's own occupation: R6 exempts the theory exam."""
    return CredentialFactory(
        talent=talent, kind=CredentialKind.GRADUATION, skill_level=None, obtained_on=datetime.date(2010, 7, 1)
    )


# R6 exemptions


def test_theory_exam_exempt_on_titles_to_skills_with_related_graduation():
    panel = make_panel()
    panel.dossier.track = Track.TITLES_TO_SKILLS
    panel.dossier.save(update_fields=["track"])
    graduate(panel.dossier.talent)
    assert exemptions_for(panel.dossier) == [Method.THEORY_EXAM]


def test_no_exemption_on_other_tracks_or_without_diploma():
    panel = make_panel()
    graduate(panel.dossier.talent)
    assert exemptions_for(panel.dossier) == []  # promotion track
    other = make_panel()
    other.dossier.track = Track.TITLES_TO_SKILLS
    other.dossier.save(update_fields=["track"])
    assert exemptions_for(other.dossier) == []


def test_exemptions_stored_on_first_score_and_exempt_method_refused():
    panel = make_panel()
    panel.dossier.track = Track.TITLES_TO_SKILLS
    panel.dossier.save(update_fields=["track"])
    graduate(panel.dossier.talent)
    score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.SKILL_OPERATION, value=75)
    panel.dossier.refresh_from_db()
    assert panel.dossier.exempt_methods == [Method.THEORY_EXAM]
    with pytest.raises(ApplicationError) as refused:
        score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.THEORY_EXAM, value=75)
    assert refused.value.status == 400 and refused.value.field == "method"


def test_assessment_prepare_stores_exemptions():
    panel = make_panel()
    panel.dossier.track = Track.TITLES_TO_SKILLS
    panel.dossier.save(update_fields=["track"])
    graduate(panel.dossier.talent)
    assert assessment_prepare(dossier=panel.dossier).exempt_methods == [Method.THEORY_EXAM]


# Scores


def test_member_enters_and_corrects_own_score_tied_to_revision():
    panel = make_panel()
    expert = panel.experts[1]
    score = score_enter(actor=expert, dossier=panel.dossier, method=Method.THEORY_EXAM, value="72.5")
    assert score.value == Decimal("72.5") and score.revision_id == panel.dossier.current_revision_id
    score_enter(actor=expert, dossier=panel.dossier, method=Method.THEORY_EXAM, value=64)
    assert Score.objects.get(dossier=panel.dossier, expert=expert).value == 64
    assert list(
        AuditLog.objects.filter(action__startswith="score_").order_by("pk").values_list("action", flat=True)
    ) == [
        "score_enter",
        "score_correct",
    ]


@pytest.mark.parametrize("value", [-1, "100.01", "abc", "12.345"])
def test_score_out_of_range_is_400(value):
    panel = make_panel()
    with pytest.raises(ApplicationError) as refused:
        score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.THEORY_EXAM, value=value)
    assert refused.value.status == 400 and refused.value.field == "value"
    assert not Score.objects.exists()


def test_score_bounds_0_and_100_accepted():
    panel = make_panel()
    score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.THEORY_EXAM, value=0)
    score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.SKILL_OPERATION, value=100)
    assert Score.objects.count() == 2


def test_method_not_of_the_round_is_400():
    panel = make_panel()
    with pytest.raises(ApplicationError) as refused:
        score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.INTERVIEW_DEFENCE, value=70)
    assert refused.value.field == "method"


def test_conflicted_member_cannot_score():
    panel = make_panel()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    with pytest.raises(PermissionDeniedError) as refused:
        score_enter(actor=colleague, dossier=panel.dossier, method=Method.THEORY_EXAM, value=70)
    assert refused.value.code == "conflicted"
    with override("en"):
        assert "own employer" in str(refused.value.message)


def test_non_member_cannot_score():
    panel = make_panel()
    with pytest.raises(PermissionDeniedError):
        score_enter(actor=ExpertFactory(), dossier=panel.dossier, method=Method.THEORY_EXAM, value=70)


def test_no_score_outside_assessment():
    panel = make_panel(status=S.IN_COMMITTEE)
    with pytest.raises(ApplicationError) as refused:
        score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.THEORY_EXAM, value=70)
    assert refused.value.status == 409


# Method results (R7)


def test_mean_against_each_method_pass_mark():
    panel = make_panel(size=2)
    panel.round.methods.filter(method=Method.SKILL_OPERATION).update(pass_mark=70)
    dossier = panel.dossier
    for expert, theory, skill in ((panel.experts[0], 60, 69), (panel.experts[1], 59, 70)):
        score_enter(actor=expert, dossier=dossier, method=Method.THEORY_EXAM, value=theory)
        score_enter(actor=expert, dossier=dossier, method=Method.SKILL_OPERATION, value=skill)
    results = {r.method: r for r in method_results(dossier, dossier.scores.all(), [])}
    assert results[Method.THEORY_EXAM].mean == Decimal("59.50") and results[Method.THEORY_EXAM].passed is False
    assert results[Method.SKILL_OPERATION].mean == Decimal("69.50") and results[Method.SKILL_OPERATION].passed is False


@pytest.mark.parametrize(
    ("values", "shown", "passed"),
    [
        # 59.995 rounds half up to 60.00: the figure shown is the figure judged, and it reaches 60
        (("59.99", "60.00"), Decimal("60.00"), True),
        # 59.985 rounds half up to 59.99: just below the pass mark
        (("59.98", "59.99"), Decimal("59.99"), False),
        # 59.99333… rounds to 59.99
        (("59.99", "59.99", "60.00"), Decimal("59.99"), False),
    ],
)
def test_pass_fail_is_judged_on_the_mean_shown_rounded_half_up_to_two_decimals(values, shown, passed):
    panel = make_panel(size=len(values), methods=[Method.THEORY_EXAM])
    panel.round.methods.update(pass_mark=60)
    dossier = panel.dossier
    for expert, value in zip(panel.experts, values, strict=True):
        score_enter(actor=expert, dossier=dossier, method=Method.THEORY_EXAM, value=value)
    (result,) = method_results(dossier, dossier.scores.all(), [])
    assert result.mean == shown and result.passed is passed


# Closing scoring


def test_chair_closes_scoring_when_every_method_scored():
    panel = make_panel()
    score_all(panel, experts=panel.experts[:1])
    dossier = assessment_complete(actor=panel.chair, dossier=panel.dossier)
    assert dossier.status == S.IN_COMMITTEE


def test_closing_with_a_method_unscored_is_409_and_nothing_changes():
    panel = make_panel()
    score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.THEORY_EXAM, value=80)
    with pytest.raises(ApplicationError) as refused:
        assessment_complete(actor=province_official(), dossier=panel.dossier)
    assert refused.value.status == 409 and refused.value.code == "scores_missing"
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.IN_ASSESSMENT


def test_plain_member_cannot_close_scoring():
    panel = make_panel()
    score_all(panel)
    with pytest.raises(PermissionDeniedError):
        assessment_complete(actor=panel.experts[1], dossier=panel.dossier)


def test_exempt_method_need_not_be_scored():
    panel = make_panel()
    panel.dossier.track = Track.TITLES_TO_SKILLS
    panel.dossier.save(update_fields=["track"])
    graduate(panel.dossier.talent)
    score_enter(actor=panel.experts[1], dossier=panel.dossier, method=Method.SKILL_OPERATION, value=90)
    assert assessment_complete(actor=panel.chair, dossier=panel.dossier).status == S.IN_COMMITTEE


# Votes


def test_one_vote_per_member_second_is_409():
    panel = make_panel(status=S.IN_COMMITTEE)
    vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="yes")
    with pytest.raises(ApplicationError) as refused:
        vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="no")
    assert refused.value.status == 409 and refused.value.code == "already_voted"
    assert Vote.objects.get().choice == "yes"


def test_conflicted_member_cannot_vote():
    panel = make_panel(status=S.IN_COMMITTEE)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    with pytest.raises(PermissionDeniedError):
        vote_cast(actor=colleague, dossier=panel.dossier, choice="yes")


def test_bad_choice_is_400_and_wrong_state_409():
    panel = make_panel(status=S.IN_COMMITTEE)
    with pytest.raises(ApplicationError) as bad:
        vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="maybe")
    assert bad.value.status == 400
    early = make_panel()
    with pytest.raises(ApplicationError) as wrong_state:
        vote_cast(actor=early.experts[1], dossier=early.dossier, choice="yes")
    assert wrong_state.value.status == 409


# Quorum and the 2/3 rule (exact integer arithmetic)


def _tally(yes, no, abstain, members, q=(2, 3), p=(2, 3)):
    return Tally(yes, no, abstain, members, q[0], q[1], p[0], p[1])


@pytest.mark.parametrize(
    ("cast", "members", "reached"),
    [(2, 3, True), (1, 3, False), (4, 6, True), (3, 6, False), (6, 9, True), (5, 9, False), (0, 0, False)],
)
def test_quorum_boundaries(cast, members, reached):
    assert _tally(cast, 0, 0, members).quorum_reached is reached


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "majority"),
    [(2, 1, 0, True), (1, 1, 0, False), (4, 1, 1, True), (3, 2, 1, False), (2, 0, 1, True), (0, 0, 1, False)],
)
def test_pass_threshold_boundaries(yes, no, abstain, majority):
    assert _tally(yes, no, abstain, 9).majority_reached is majority


def test_conflicted_members_do_not_count_for_quorum():
    panel = make_panel(size=2, status=S.IN_COMMITTEE)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    members = list(panel.committee.committeemember_set.values_list("expert_id", "expert__organisation_id"))
    assert tally_of(panel.dossier, [], members).members == 2


def test_tally_of_a_round_without_committee_counts_nobody_at_the_default_fractions():
    panel = make_panel(size=1)
    panel.dossier.round.committee = None
    tally = tally_of(panel.dossier, [], [])
    assert (tally.members, tally.quorum_numerator, tally.quorum_denominator) == (0, 2, 3)


def _in_committee(size=3, score=80):
    panel = make_panel(size=size)
    score_all(panel, value=score)
    assessment_complete(actor=panel.chair, dossier=panel.dossier)
    panel.dossier.refresh_from_db()
    return panel


def test_exactly_two_thirds_present_and_yes_passes():
    panel = _in_committee()
    votes(panel, "yes", "yes")  # 2 of 3 present (quorum exactly), 2 of 2 yes
    dossier = committee_decide(actor=panel.chair, dossier=panel.dossier)
    assert dossier.status == S.PASSED and dossier.decided_at is not None
    assert AuditLog.objects.filter(action="dossier_decide_pass").exists()


def test_two_yes_one_no_of_three_passes_one_yes_one_no_fails():
    panel = _in_committee()
    votes(panel, "yes", "yes", "no")
    assert committee_decide(actor=province_official(), dossier=panel.dossier).status == S.PASSED
    other = _in_committee()
    votes(other, "yes", "no")
    assert committee_decide(actor=other.chair, dossier=other.dossier).status == S.FAILED


def test_no_quorum_is_409_and_nothing_changes():
    panel = _in_committee()
    votes(panel, "yes")
    with pytest.raises(ApplicationError) as refused:
        committee_decide(actor=panel.chair, dossier=panel.dossier)
    assert refused.value.status == 409 and refused.value.code == "quorum_not_reached"
    assert "Quorum not reached" in str(refused.value.message) or "法定人数" in str(refused.value.message)
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.IN_COMMITTEE


def test_unanimous_yes_fails_when_a_method_is_below_pass_mark():
    panel = _in_committee(score=59)
    votes(panel, "yes", "yes", "yes")
    assert committee_decide(actor=panel.chair, dossier=panel.dossier).status == S.FAILED


def test_only_chair_or_province_decides():
    panel = _in_committee()
    votes(panel, "yes", "yes", "yes")
    with pytest.raises(PermissionDeniedError):
        committee_decide(actor=panel.experts[1], dossier=panel.dossier)
    other_province = UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("320000"))
    with pytest.raises(PermissionDeniedError):
        committee_decide(actor=other_province, dossier=panel.dossier)


def test_decide_in_wrong_state_is_409():
    panel = make_panel()
    with pytest.raises(ApplicationError) as refused:
        committee_decide(actor=panel.chair, dossier=panel.dossier)
    assert refused.value.status == 409


def test_committee_fraction_parameters_are_used():
    panel = _in_committee(size=4)
    Committee.objects.filter(pk=panel.committee.pk).update(quorum_numerator=3, quorum_denominator=4)
    panel.dossier.round.committee.refresh_from_db()
    votes(panel, "yes", "yes")  # 2 of 4 < 3/4
    with pytest.raises(ApplicationError) as refused:
        committee_decide(actor=panel.chair, dossier=panel.dossier)
    assert (refused.value.code, refused.value.status) == ("quorum_not_reached", 409)
