"""Committees and rounds: who may form and open them (R8), what they must name, their defaults (R7)."""

import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from catalogues.models import Occupation, TitleSeries
from evaluations.models import OrganiserKind, RoundKind
from evaluations.services.rounds import committee_create, committee_update, round_create
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.factories import CommitteeFactory, ExpertFactory, add_members
from tests.talents.factories import catalogue

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def experts(world):
    return [ExpertFactory(organisation=world.org_other_city) for _ in range(3)]


def round_data(**overrides):
    data = {
        "kind": RoundKind.SKILL_EVALUATION,
        "title": "2026年车工技师评价",
        "occupation": catalogue(Occupation, "6-18-01-01"),
        "target_level": "technician",
        "opens_on": TODAY(),
        "closes_on": TODAY() + datetime.timedelta(days=30),
        "methods": ["theory_exam", ("skill_operation", 70)],
    }
    return data | overrides


# Committees


def test_committee_of_province_experts_defaults_to_two_thirds_and_audits(world, experts):
    committee = committee_create(
        actor=world.provincial_official, name=" 机械委员会 ", members=experts, chair=experts[0]
    )
    assert committee.name == "机械委员会" and committee.region == region("440000")
    assert (committee.quorum_numerator, committee.quorum_denominator) == (2, 3)
    assert (committee.pass_numerator, committee.pass_denominator) == (2, 3)
    rows = dict(committee.committeemember_set.values_list("expert_id", "is_chair"))
    assert rows == {experts[0].pk: True, experts[1].pk: False, experts[2].pk: False}
    assert AuditLog.objects.for_object(committee).filter(action="committee_create").exists()


def test_committee_members_are_experts_of_the_province(world, experts):
    outsider = ExpertFactory(organisation=world.org_other_province)
    with pytest.raises(ApplicationError) as caught:
        committee_create(actor=world.provincial_official, name="委员会", members=[*experts, outsider])
    assert caught.value.field == "members"
    with pytest.raises(ApplicationError) as caught:
        committee_create(actor=world.provincial_official, name="委员会", members=[world.clerk])
    assert caught.value.field == "members"
    with pytest.raises(ApplicationError) as caught:
        committee_create(actor=world.provincial_official, name="委员会", members=experts[:2], chair=experts[2])
    assert caught.value.field == "chair"


@pytest.mark.parametrize(("numerator", "denominator"), [(4, 3), (0, 3), (1, 0)])
def test_committee_fractions(world, experts, numerator, denominator):
    with pytest.raises(ApplicationError) as caught:
        committee_create(
            actor=world.provincial_official,
            name="委员会",
            members=experts,
            quorum_numerator=numerator,
            quorum_denominator=denominator,
        )
    assert caught.value.field == "quorum_numerator"


@pytest.mark.parametrize("role", ["clerk", "city_official", "national_official", "expert"])
def test_only_provincial_officials_form_committees(world, experts, role):
    with pytest.raises(PermissionDeniedError):
        committee_create(actor=getattr(world, role), name="委员会", members=experts)


def test_committee_update_changes_members_and_audits(world, experts):
    committee = CommitteeFactory(created_by=world.provincial_official)
    add_members(committee, experts[:2], chair=experts[0])
    committee_update(
        actor=world.provincial_official,
        committee=committee,
        name=committee.name,
        members=experts[1:],
        chair=experts[2],
        quorum_numerator=1,
        quorum_denominator=2,
        pass_numerator=2,
        pass_denominator=3,
    )
    rows = dict(committee.committeemember_set.values_list("expert_id", "is_chair"))
    assert rows == {experts[1].pk: False, experts[2].pk: True}
    committee.refresh_from_db()
    assert (committee.quorum_numerator, committee.quorum_denominator) == (1, 2)
    assert AuditLog.objects.for_object(committee).filter(action="committee_update").count() == 1
    other = CommitteeFactory(region=region("320000"))
    with pytest.raises(PermissionDeniedError):
        committee_update(
            actor=world.provincial_official,
            committee=other,
            name="x",
            members=experts,
            quorum_numerator=2,
            quorum_denominator=3,
            pass_numerator=2,
            pass_denominator=3,
        )


# Rounds


def test_provincial_round_with_default_pass_marks(world):
    committee = CommitteeFactory(created_by=world.provincial_official)
    round_ = round_create(actor=world.provincial_official, committee=committee, **round_data())
    assert round_.region == region("440000") and round_.organiser_kind == OrganiserKind.HR_DEPARTMENT
    marks = dict(round_.methods.values_list("method", "pass_mark"))
    assert marks == {"theory_exam": round_.rule_set.r7_pass_mark, "skill_operation": 70}
    assert AuditLog.objects.for_object(round_).filter(action="round_create").exists()


def test_title_review_names_a_series_and_a_title_level(world):
    data = round_data(kind=RoundKind.TITLE_REVIEW, occupation=None)
    with pytest.raises(ApplicationError) as caught:
        round_create(actor=world.provincial_official, **data)
    assert caught.value.field == "title_series"
    series = catalogue(TitleSeries, "engineering")
    with pytest.raises(ApplicationError) as caught:
        round_create(actor=world.provincial_official, **data | {"title_series": series})  # technician: a skill level
    assert caught.value.field == "target_level"
    round_ = round_create(
        actor=world.provincial_official, **data | {"title_series": series, "target_level": "intermediate"}
    )
    assert round_.title_series == series and round_.occupation is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occupation": None}, "occupation"),
        ({"target_level": "deputy_senior"}, "target_level"),
        ({"target_level": "nonsense"}, "target_level"),
        ({"closes_on": TODAY() - datetime.timedelta(days=1)}, "closes_on"),
        ({"methods": []}, "methods"),
        ({"methods": ["dancing"]}, "methods"),
        ({"methods": [("theory_exam", 101)]}, "methods"),
        ({"title": "  "}, "title"),
    ],
)
def test_round_bad_input(world, overrides, field):
    with pytest.raises(ApplicationError) as caught:
        round_create(actor=world.provincial_official, **round_data(**overrides))
    assert caught.value.field == field


def test_round_committee_of_another_province_is_refused(world):
    with pytest.raises(ApplicationError) as caught:
        round_create(
            actor=world.provincial_official, committee=CommitteeFactory(region=region("320000")), **round_data()
        )
    assert caught.value.field == "committee"


def test_self_evaluating_enterprise_creates_its_own_skill_round(world):
    enterprise = OrganisationFactory(region=region("440100"), may_self_evaluate=True)
    clerk = UserFactory(role="enterprise_clerk", organisation=enterprise)
    round_ = round_create(actor=clerk, **round_data())
    assert round_.organiser_kind == OrganiserKind.SELF_EVALUATING_ENTERPRISE and round_.organiser == enterprise
    with pytest.raises(ApplicationError) as caught:
        round_create(
            actor=clerk,
            **round_data(kind=RoundKind.TITLE_REVIEW, title_series=catalogue(TitleSeries, "engineering")),
        )
    assert caught.value.field == "kind"


def test_other_enterprises_get_403_with_r8(world):
    with pytest.raises(PermissionDeniedError) as caught:
        round_create(actor=world.clerk, **round_data())
    assert "R8" in str(caught.value.message)


@pytest.mark.parametrize("role", ["city_official", "national_official", "expert"])
def test_other_roles_may_not_create_rounds(world, role):
    with pytest.raises(PermissionDeniedError):
        round_create(actor=getattr(world, role), **round_data())
