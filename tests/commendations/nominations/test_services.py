"""Nomination services: drafting, editing, submission (window, criteria), return, reject, withdraw."""

import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from commendations.models import CampaignStatus, NominationStatus, NomineeKind
from commendations.services import (
    nomination_create,
    nomination_recommend,
    nomination_reject,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from commendations.services.nominations import CriteriaFailedError
from tests.accounts.factories import OrganisationFactory, region
from tests.commendations.factories import CampaignQuotaFactory, open_campaign, technician
from tests.talents.factories import TalentFactory

TEXTS = {"achievements": "主持完成关键零件加工工艺改进。", "recommendation": "推荐。"}


def draft(world, campaign=None, actor=None, talent=None):
    campaign = campaign or open_campaign()
    return nomination_create(
        actor=actor or world.clerk, campaign=campaign, talent=talent or technician(world.org), **TEXTS
    )


@pytest.mark.django_db
def test_a_clerk_drafts_edits_and_submits(world):
    nomination = draft(world)
    assert nomination.status == NominationStatus.DRAFT
    assert nomination.organisation == world.org and nomination.nominated_by == world.clerk
    nomination = nomination_update(actor=world.clerk, nomination=nomination, achievements="新的事迹。")
    assert nomination.achievements == "新的事迹。"
    nomination = nomination_submit(actor=world.clerk, nomination=nomination)
    assert nomination.status == NominationStatus.SUBMITTED and nomination.submitted_at is not None
    actions = list(AuditLog.objects.for_object(nomination).order_by("pk").values_list("action", flat=True))
    assert actions == ["nomination_create", "nomination_update", "nomination_submit"]
    with pytest.raises(ApplicationError) as error:  # no longer editable
        nomination_update(actor=world.clerk, nomination=nomination, achievements="再改。")
    assert error.value.status == 409


@pytest.mark.django_db
def test_a_city_official_nominates_in_their_city_only(world):
    nomination = draft(world, actor=world.city_official)
    assert nomination.nominated_by == world.city_official
    with pytest.raises(ApplicationError) as error:
        draft(world, actor=world.city_official, talent=technician(world.org_other_city))
    assert error.value.code == "not_your_nominee"


@pytest.mark.django_db
def test_a_clerk_nominates_only_their_own_talents(world):
    with pytest.raises(ApplicationError) as error:
        draft(world, talent=technician(world.org_same_city))
    assert error.value.code == "not_your_nominee" and error.value.field == "talent"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provincial_official", "national_official", "expert"])
def test_other_roles_do_not_nominate(world, role):
    with pytest.raises(PermissionDeniedError):
        draft(world, actor=getattr(world, role))


@pytest.mark.django_db
def test_an_organisation_campaign_nominates_the_clerks_organisation(world):
    campaign = open_campaign(nominee_kind=NomineeKind.ORGANISATION)
    nomination = nomination_create(actor=world.clerk, campaign=campaign, nominee_organisation=world.org, **TEXTS)
    assert nomination.organisation == world.org and nomination.talent is None
    with pytest.raises(ApplicationError):
        nomination_create(actor=world.clerk, campaign=campaign, nominee_organisation=world.org_same_city)
    with pytest.raises(ApplicationError) as error:
        nomination_create(actor=world.clerk, campaign=campaign, talent=technician(world.org))
    assert error.value.field == "nominee_organisation"
    # organisations are not judged against talents' criteria
    assert nomination_submit(actor=world.clerk, nomination=nomination).status == NominationStatus.SUBMITTED


@pytest.mark.django_db
def test_one_live_nomination_per_nominee_is_a_409(world):
    campaign = open_campaign()
    talent = technician(world.org)
    first = draft(world, campaign=campaign, talent=talent)
    with pytest.raises(ApplicationError) as error:
        draft(world, campaign=campaign, actor=world.city_official, talent=talent)
    assert error.value.status == 409 and error.value.code == "duplicate"
    nomination_withdraw(actor=world.clerk, nomination=first)
    assert draft(world, campaign=campaign, talent=talent).status == NominationStatus.DRAFT


@pytest.mark.django_db
def test_the_database_constraint_race_is_a_409_too(world, monkeypatch):
    """Two drafts at the same moment both pass the existence check; the partial unique index decides."""
    from commendations.services import nominations

    campaign = open_campaign()
    talent = technician(world.org)
    draft(world, campaign=campaign, talent=talent)
    monkeypatch.setattr(nominations, "_duplicate_exists", lambda *args: False)
    with pytest.raises(ApplicationError) as error:
        draft(world, campaign=campaign, talent=talent)
    assert error.value.status == 409 and error.value.code == "duplicate"


@pytest.mark.django_db
def test_outside_the_window_or_closed_campaigns_take_nothing(world):
    today = timezone.localdate()
    late = open_campaign(opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=1))
    early = open_campaign(opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9))
    closed = open_campaign(status=CampaignStatus.CLOSED)
    for campaign, code in ((late, "window_closed"), (early, "window_not_open"), (closed, "campaign_not_open")):
        with pytest.raises(ApplicationError) as error:
            draft(world, campaign=campaign)
        assert error.value.code == code and error.value.status == 400
    # a draft made in time cannot be submitted after the window
    campaign = open_campaign()
    nomination = draft(world, campaign=campaign)
    with pytest.raises(ApplicationError) as error:
        nomination_submit(actor=world.clerk, nomination=nomination, today=campaign.closes_on + datetime.timedelta(1))
    assert error.value.code == "window_closed"
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT


@pytest.mark.django_db
def test_a_province_campaign_takes_its_own_province_only(world):
    campaign = open_campaign(region=region("320000"))
    with pytest.raises(ApplicationError) as error:
        draft(world, campaign=campaign)
    assert error.value.code == "outside_campaign_region"


@pytest.mark.django_db
def test_failing_the_criteria_refuses_the_submission_with_every_reason(world):
    nomination = draft(world, talent=TalentFactory(employer=world.org))  # no skill level
    with pytest.raises(CriteriaFailedError) as error:
        nomination_submit(actor=world.clerk, nomination=nomination)
    assert error.value.status == 400
    assert [(r["clause"], r["passed"]) for r in error.value.reasons] == [("R9.technician", False)]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT


@pytest.mark.django_db
def test_submitting_needs_the_texts(world):
    nomination = nomination_create(actor=world.clerk, campaign=open_campaign(), talent=technician(world.org))
    with pytest.raises(ApplicationError) as error:
        nomination_submit(actor=world.clerk, nomination=nomination)
    assert error.value.field == "achievements"


@pytest.mark.django_db
def test_return_needs_a_comment_then_the_nominator_revises_and_resubmits(world):
    nomination = nomination_submit(actor=world.clerk, nomination=draft(world))
    with pytest.raises(ApplicationError):
        nomination_return(actor=world.city_official, nomination=nomination, comment=" ")
    nomination = nomination_return(actor=world.city_official, nomination=nomination, comment="补充材料。")
    assert nomination.status == NominationStatus.RETURNED
    nomination = nomination_update(actor=world.clerk, nomination=nomination, recommendation="补充后的推荐。")
    assert nomination_submit(actor=world.clerk, nomination=nomination).status == NominationStatus.SUBMITTED


@pytest.mark.django_db
def test_city_then_province_recommend_or_reject(world):
    CampaignQuotaFactory(campaign=(campaign := open_campaign()), region=region("440000"), quota=2)
    nomination = nomination_submit(actor=world.clerk, nomination=draft(world, campaign=campaign))
    with pytest.raises(PermissionDeniedError):
        nomination_recommend(actor=world.city_official_other_city, nomination=nomination)
    nomination = nomination_recommend(actor=world.city_official, nomination=nomination)
    assert nomination.status == NominationStatus.CITY_RECOMMENDED
    nomination = nomination_recommend(actor=world.provincial_official, nomination=nomination)
    assert nomination.status == NominationStatus.PROVINCE_RECOMMENDED
    other = nomination_submit(actor=world.clerk, nomination=draft(world, campaign=campaign))
    with pytest.raises(ApplicationError):
        nomination_reject(actor=world.city_official, nomination=other, comment="")
    other = nomination_reject(actor=world.city_official, nomination=other, comment="事迹不突出。")
    assert other.status == NominationStatus.REJECTED and other.decided_at is not None


@pytest.mark.django_db
def test_a_province_level_organisation_skips_the_city(world):
    organisation = OrganisationFactory(region=region("440000"))
    clerk = type(world.clerk).objects.create(username="clerk_gd", role=world.clerk.role, organisation=organisation)
    CampaignQuotaFactory(campaign=(campaign := open_campaign()), region=region("440000"), quota=1)
    nomination = draft(world, campaign=campaign, actor=clerk, talent=technician(organisation))
    nomination = nomination_submit(actor=clerk, nomination=nomination)
    assert nomination_recommend(actor=world.provincial_official, nomination=nomination).status == (
        NominationStatus.PROVINCE_RECOMMENDED
    )


@pytest.mark.django_db
def test_only_the_nominator_withdraws(world):
    nomination = draft(world, actor=world.city_official)
    with pytest.raises(PermissionDeniedError):
        nomination_withdraw(actor=world.clerk, nomination=nomination)
    assert nomination_withdraw(actor=world.city_official, nomination=nomination).status == NominationStatus.WITHDRAWN
