"""Expert review services: the campaign's committee, members' scores and votes (conflict, once, only in
expert review), the decision from the shared tally (quorum, majority), failure → rejected."""

from decimal import Decimal

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from commendations.models import NominationScore, NominationStatus, NominationVote
from commendations.services.review import (
    campaign_committee_set,
    nomination_review_decide,
    nomination_review_decide_all,
    nomination_review_start,
    nomination_score_enter,
    nomination_vote_cast,
)
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.commendations.factories import CampaignFactory, NominationFactory
from tests.commendations.review.factories import make_review
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members

pytestmark = pytest.mark.django_db
S = NominationStatus


def official():
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("440000"))


def vote_all(panel, *choices, nomination=None):
    for expert, choice in zip(panel.experts, choices, strict=False):
        nomination_vote_cast(actor=expert, nomination=nomination or panel.nomination, choice=choice)


# The campaign's committee


def test_campaign_official_sets_a_committee_of_the_province_audited():
    campaign, committee, actor = CampaignFactory(), CommitteeFactory(), official()
    campaign_committee_set(actor=actor, campaign=campaign, committee=committee)
    campaign.refresh_from_db()
    assert campaign.committee == committee
    assert AuditLog.objects.for_object(campaign).get().action == "campaign_committee_set"


def test_another_provinces_committee_is_refused_on_the_field():
    jiangsu = CommitteeFactory(region=region("320000"))
    with pytest.raises(ApplicationError) as caught:
        campaign_committee_set(actor=official(), campaign=CampaignFactory(), committee=jiangsu)
    assert caught.value.field == "committee"


@pytest.mark.parametrize("role", [Role.CITY_OFFICIAL, Role.EXPERT, Role.NATIONAL_OFFICIAL, Role.ENTERPRISE_CLERK])
def test_only_the_campaigns_officials_set_its_committee(role):
    regions = {Role.CITY_OFFICIAL: region("440100"), Role.NATIONAL_OFFICIAL: region("000000")}
    extra = {"organisation": OrganisationFactory()} if role == Role.ENTERPRISE_CLERK else {}
    actor = UserFactory(role=role, region=regions.get(role), **extra)
    with pytest.raises(PermissionDeniedError):
        campaign_committee_set(actor=actor, campaign=CampaignFactory(), committee=CommitteeFactory())


def test_committee_cannot_change_once_scoring_started():
    panel = make_review()
    nomination_score_enter(actor=panel.experts[0], nomination=panel.nomination, value="80")
    with pytest.raises(ApplicationError) as caught:
        campaign_committee_set(actor=official(), campaign=panel.campaign, committee=CommitteeFactory())
    assert caught.value.code == "review_started" and caught.value.status == 409


def test_review_starts_only_with_a_committee():
    nomination = NominationFactory(status=S.PROVINCE_RECOMMENDED)
    with pytest.raises(ApplicationError) as caught:
        nomination_review_start(actor=official(), nomination=nomination)
    assert caught.value.code == "no_committee"
    campaign_committee_set(actor=official(), campaign=nomination.campaign, committee=CommitteeFactory())
    nomination.refresh_from_db()
    assert nomination_review_start(actor=official(), nomination=nomination).status == S.IN_EXPERT_REVIEW


# Scores and votes


def test_member_scores_and_corrects_audited():
    panel = make_review()
    nomination_score_enter(actor=panel.experts[1], nomination=panel.nomination, value="77.5")
    nomination_score_enter(actor=panel.experts[1], nomination=panel.nomination, value="80")
    assert NominationScore.objects.get().value == Decimal("80")
    actions = list(AuditLog.objects.filter(action__startswith="nomination_score").values_list("action", flat=True))
    assert sorted(actions) == ["nomination_score_correct", "nomination_score_enter"]


@pytest.mark.parametrize("value", ["101", "-1", "7.123", "x"])
def test_bad_scores_are_refused_and_change_nothing(value):
    panel = make_review()
    with pytest.raises(ApplicationError) as caught:
        nomination_score_enter(actor=panel.experts[0], nomination=panel.nomination, value=value)
    assert caught.value.field == "value" and not NominationScore.objects.exists()


def test_non_member_expert_is_refused():
    panel = make_review()
    with pytest.raises(PermissionDeniedError):
        nomination_score_enter(actor=ExpertFactory(), nomination=panel.nomination, value="80")
    with pytest.raises(PermissionDeniedError):
        nomination_vote_cast(actor=ExpertFactory(), nomination=panel.nomination, choice="yes")


def test_member_of_the_nominees_employer_is_conflicted():
    employer = OrganisationFactory(region=region("440100"))
    panel = make_review(organisation=employer)
    colleague = ExpertFactory(organisation=employer)
    add_members(panel.committee, [colleague])
    with pytest.raises(PermissionDeniedError) as caught:
        nomination_vote_cast(actor=colleague, nomination=panel.nomination, choice="yes")
    assert caught.value.code == "conflicted"


def test_one_vote_per_member():
    panel = make_review()
    nomination_vote_cast(actor=panel.experts[0], nomination=panel.nomination, choice="yes")
    with pytest.raises(ApplicationError) as caught:
        nomination_vote_cast(actor=panel.experts[0], nomination=panel.nomination, choice="no")
    assert caught.value.code == "already_voted" and NominationVote.objects.count() == 1


def test_unknown_vote_is_a_400():
    panel = make_review()
    with pytest.raises(ApplicationError) as caught:
        nomination_vote_cast(actor=panel.experts[0], nomination=panel.nomination, choice="maybe")
    assert caught.value.field == "choice"


def test_no_scores_or_votes_outside_expert_review():
    panel = make_review()
    panel.nomination.status = S.PROVINCE_RECOMMENDED
    panel.nomination.save()
    with pytest.raises(ApplicationError) as caught:
        nomination_vote_cast(actor=panel.experts[0], nomination=panel.nomination, choice="yes")
    assert caught.value.code == "not_in_expert_review" and caught.value.status == 409


# The decision


def test_votes_before_quorum_cannot_decide():
    panel = make_review(size=3)
    vote_all(panel, "yes")  # 1 of 3, quorum is 2/3
    with pytest.raises(ApplicationError) as caught:
        nomination_review_decide(actor=official(), nomination=panel.nomination)
    assert caught.value.code == "quorum_not_reached" and caught.value.status == 409
    panel.nomination.refresh_from_db()
    assert panel.nomination.review_passed is None and panel.nomination.status == S.IN_EXPERT_REVIEW


def test_passed_stays_in_expert_review_with_its_summary():
    panel = make_review(size=3)
    nomination_score_enter(actor=panel.experts[0], nomination=panel.nomination, value="90")
    nomination_score_enter(actor=panel.experts[1], nomination=panel.nomination, value="85.01")
    vote_all(panel, "yes", "yes")
    decided = nomination_review_decide(actor=official(), nomination=panel.nomination)
    assert decided.review_passed is True and decided.status == S.IN_EXPERT_REVIEW
    assert "87.51" in decided.review_summary  # the shared rounded mean (half up)
    assert AuditLog.objects.filter(action="nomination_review_decide", to_state="passed").exists()


def test_failed_is_rejected_through_the_workflow_with_the_summary():
    panel = make_review(size=3)
    vote_all(panel, "yes", "no", "abstain")  # 1 of 3 yes < 2/3
    decided = nomination_review_decide(actor=official(), nomination=panel.nomination)
    assert decided.status == S.REJECTED and decided.review_passed is False
    reject = AuditLog.objects.get(action="nomination_reject")
    assert reject.comment == decided.review_summary and reject.to_state == S.REJECTED


def test_the_committees_own_threshold_applies():
    panel = make_review(size=2, pass_numerator=1, pass_denominator=2)
    vote_all(panel, "yes", "no")  # one half is enough for this committee
    assert nomination_review_decide(actor=official(), nomination=panel.nomination).review_passed is True


def test_decision_is_recorded_once():
    panel = make_review(size=2)
    vote_all(panel, "yes", "yes")
    nomination_review_decide(actor=official(), nomination=panel.nomination)
    with pytest.raises(ApplicationError) as caught:
        nomination_review_decide(actor=official(), nomination=panel.nomination)
    assert caught.value.code == "already_decided"
    with pytest.raises(ApplicationError):
        nomination_score_enter(actor=panel.experts[0], nomination=panel.nomination, value="50")


def test_only_the_campaigns_officials_decide():
    panel = make_review(size=2)
    vote_all(panel, "yes", "yes")
    for actor in (
        panel.experts[0],
        UserFactory(role=Role.NATIONAL_OFFICIAL, region=region("000000")),
        UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("320000")),
    ):
        with pytest.raises(PermissionDeniedError):
            nomination_review_decide(actor=actor, nomination=panel.nomination)


def test_decide_all_leaves_those_without_quorum():
    panel = make_review(size=2, nominations=3)
    vote_all(panel, "yes", "yes")
    vote_all(panel, "no", "no", nomination=panel.others[0])
    decided, left = nomination_review_decide_all(actor=official(), campaign=panel.campaign)
    assert (decided, left) == (2, 1)
    statuses = {n.pk: (n.status, n.review_passed) for n in [panel.nomination, *panel.others]}
    for nomination in [panel.nomination, *panel.others]:
        nomination.refresh_from_db()
        statuses[nomination.pk] = (nomination.status, nomination.review_passed)
    assert statuses[panel.nomination.pk] == (S.IN_EXPERT_REVIEW, True)
    assert statuses[panel.others[0].pk] == (S.REJECTED, False)
    assert statuses[panel.others[1].pk] == (S.IN_EXPERT_REVIEW, None)
