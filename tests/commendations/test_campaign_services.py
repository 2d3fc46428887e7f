"""Campaign services: who opens which campaign, bad input changes nothing, every write audited, the
campaign workflow's close and conclude (docs/commendations.md#campaigns)."""

import datetime

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from catalogues.models import Award
from commendations.models import Campaign, CampaignStatus, NominationStatus
from commendations.services.campaigns import campaign_close, campaign_conclude, campaign_create, campaign_update
from notifications.models import Notification
from tests.accounts.factories import UserFactory, region
from tests.commendations.factories import CampaignFactory, NominationFactory
from tests.eligibility.factories import PublishedRuleSetFactory, RuleSetFactory

pytestmark = pytest.mark.django_db


def award(code):
    return Award.objects.get(code=code)


def values(**overrides):
    return {
        "award": award("provincial_technical_expert"),
        "year": 2026,
        "nominee_kind": "individual",
        "opens_on": datetime.date(2026, 11, 2),
        "closes_on": datetime.date(2026, 12, 31),
        **overrides,
    }


def audit_count():
    return AuditLog.objects.count()


def test_a_provincial_official_opens_a_provincial_campaign_audited(world, django_capture_on_commit_callbacks):
    rule_set = PublishedRuleSetFactory()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaign_create(
            actor=world.provincial_official,
            **values(criteria_rule_set=rule_set, criteria_clauses=["R1.high_skilled", "R1.frontline", "R1.frontline"]),
        )
    assert campaign.region == region("440000")
    assert campaign.status == CampaignStatus.OPEN
    assert campaign.publicity_working_days == 5
    assert campaign.criteria_clauses == ["R1.high_skilled", "R1.frontline"]
    entry = AuditLog.objects.get(action="campaign_create", object_id=str(campaign.pk))
    assert entry.actor == world.provincial_official
    assert entry.changes["award"] == [None, campaign.award_id]
    # The province's city officials are told; the other province's are not.
    told = set(Notification.objects.filter(kind="campaign_opened").values_list("recipient__username", flat=True))
    assert told == {"city", "city_sz"}


def test_national_and_city_officials_open_campaigns_of_their_level(world):
    national = campaign_create(actor=world.national_official, **values(award=award("national_technical_expert")))
    assert national.region.level == "national"
    city = campaign_create(actor=world.city_official, **values(award=award("city_technical_expert")))
    assert city.region == region("440100")


@pytest.mark.parametrize("role", ["clerk", "expert", "admin"])
def test_only_officials_open_campaigns(world, role):
    before = audit_count()
    with pytest.raises(PermissionDeniedError):
        campaign_create(actor=getattr(world, role), **values())
    assert not Campaign.objects.exists() and audit_count() == before


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"award": None}, "award", "invalid"),
        ({"award": "national_technical_expert"}, "award", "award_level_mismatch"),
        ({"year": "abc"}, "year", "invalid"),
        ({"year": 1990}, "year", "invalid"),
        ({"nominee_kind": "everyone"}, "nominee_kind", "invalid"),
        ({"closes_on": datetime.date(2026, 11, 1)}, "closes_on", "window_not_ordered"),
        ({"opens_on": None}, "opens_on", "invalid"),
        ({"publicity_working_days": 0}, "publicity_working_days", "invalid"),
        ({"publicity_working_days": "x"}, "publicity_working_days", "invalid"),
        ({"criteria_clauses": ["R1.honour"]}, "criteria_rule_set", "invalid"),
        ({"criteria_clauses": "R1.honour"}, "criteria_clauses", "invalid"),
    ],
)
def test_bad_input_is_a_400_naming_its_field_and_changes_nothing(world, overrides, field, code):
    if overrides.get("award") == "national_technical_expert":
        overrides = {"award": award("national_technical_expert")}
    before = audit_count()
    with pytest.raises(ApplicationError) as refused:
        campaign_create(actor=world.provincial_official, **values(**overrides))
    assert (refused.value.status, refused.value.field, refused.value.code) == (400, field, code)
    assert not Campaign.objects.exists() and audit_count() == before


def test_criteria_must_be_clauses_of_a_published_rule_set(world):
    with pytest.raises(ApplicationError) as refused:
        campaign_create(
            actor=world.provincial_official,
            **values(criteria_rule_set=PublishedRuleSetFactory(), criteria_clauses=["R1.high_skilled", "R99.magic"]),
        )
    assert refused.value.code == "unknown_clause" and "R99.magic" in str(refused.value.message)
    with pytest.raises(ApplicationError) as refused:
        campaign_create(actor=world.provincial_official, **values(criteria_rule_set=RuleSetFactory()))
    assert refused.value.field == "criteria_rule_set"
    assert not Campaign.objects.exists()


def test_a_second_campaign_for_the_same_award_year_and_region_is_a_409(world):
    campaign_create(actor=world.provincial_official, **values())
    with pytest.raises(ApplicationError) as refused:
        campaign_create(actor=world.provincial_official, **values())
    assert (refused.value.status, refused.value.code) == (409, "duplicate_campaign")
    assert Campaign.objects.count() == 1


def test_update_records_the_changed_fields(world):
    campaign = campaign_create(actor=world.provincial_official, **values())
    campaign_update(actor=world.provincial_official, campaign=campaign, publicity_working_days=7)
    campaign.refresh_from_db()
    assert campaign.publicity_working_days == 7
    entry = AuditLog.objects.get(action="campaign_update")
    assert entry.changes == {"publicity_working_days": [5, 7]}
    campaign_update(actor=world.provincial_official, campaign=campaign, publicity_working_days=7)
    assert AuditLog.objects.filter(action="campaign_update").count() == 1  # nothing changed, nothing recorded


def test_update_refusals(world):
    campaign = campaign_create(actor=world.provincial_official, **values())
    with pytest.raises(PermissionDeniedError):
        campaign_update(actor=world.provincial_official_other, campaign=campaign, year=2027)
    with pytest.raises(ApplicationError) as refused:
        campaign_update(actor=world.provincial_official, campaign=campaign, region=region("320000"))
    assert refused.value.field == "region"
    NominationFactory(campaign=campaign)
    with pytest.raises(ApplicationError) as refused:
        campaign_update(actor=world.provincial_official, campaign=campaign, nominee_kind="organisation")
    assert (refused.value.status, refused.value.code) == (409, "nominations_exist")
    campaign_close(actor=world.provincial_official, campaign=campaign)
    with pytest.raises(ApplicationError) as refused:
        campaign_update(actor=world.provincial_official, campaign=campaign, year=2027)
    assert (refused.value.status, refused.value.code) == (409, "campaign_not_open")
    campaign.refresh_from_db()
    assert (campaign.year, campaign.nominee_kind) == (2026, "individual")


def test_close_then_conclude_once_every_nomination_is_decided(world):
    campaign = CampaignFactory(region=region("440000"), award=award("provincial_technical_expert"))
    nomination = NominationFactory(campaign=campaign, status=NominationStatus.IN_PUBLICITY)
    NominationFactory(campaign=campaign, status=NominationStatus.DRAFT)  # never put forward: does not block
    with pytest.raises(ApplicationError) as refused:
        campaign_conclude(actor=world.provincial_official, campaign=campaign)  # still open
    assert refused.value.status == 409
    campaign = campaign_close(actor=world.provincial_official, campaign=campaign, comment="截止")
    assert campaign.status == CampaignStatus.CLOSED
    with pytest.raises(ApplicationError) as refused:
        campaign_conclude(actor=world.provincial_official, campaign=campaign)
    assert (refused.value.status, refused.value.code) == (409, "nominations_undecided")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    nomination.status = NominationStatus.CONFERRED
    nomination.save(update_fields=["status"])
    campaign = campaign_conclude(actor=world.provincial_official, campaign=campaign)
    assert campaign.status == CampaignStatus.CONCLUDED
    steps = list(AuditLog.objects.filter(object_id=str(campaign.pk)).order_by("pk").values_list("action", "to_state"))
    assert steps == [("campaign_close", "closed"), ("campaign_conclude", "concluded")]


def test_only_the_organising_officials_close_a_campaign(world):
    campaign = CampaignFactory(region=region("440000"))
    for actor in (world.city_official, world.provincial_official_other, world.national_official, world.clerk):
        with pytest.raises(PermissionDeniedError):
            campaign_close(actor=actor, campaign=campaign)
    other_national = UserFactory(role="national_official", region=region("000000"))
    national = CampaignFactory(region=region("000000"), award=award("china_skills_award"))
    assert campaign_close(actor=other_national, campaign=national).status == CampaignStatus.CLOSED
