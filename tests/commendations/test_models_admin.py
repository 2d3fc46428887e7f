"""Campaigns, quotas and nominations: the database's guarantees and the admin's scope."""

import datetime

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from commendations.models import Campaign, CampaignQuota, Nomination, NominationStatus
from tests.accounts.factories import OrganisationFactory, region
from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def queryset_for(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site._registry[model].get_queryset(request)


def test_status_codes_are_stable():
    assert NominationStatus.values == [
        "draft",
        "submitted",
        "city_recommended",
        "province_recommended",
        "in_expert_review",
        "in_publicity",
        "conferred",
        "rejected",
        "returned",
        "withdrawn",
    ]


def test_a_campaign_window_closes_after_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(opens_on=datetime.date(2026, 12, 1), closes_on=datetime.date(2026, 11, 1))


def test_a_nomination_names_exactly_one_nominee():
    talent = TalentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationFactory(talent=talent, nominee_organisation=talent.employer)


def test_one_live_nomination_per_talent_and_campaign_but_withdrawn_ones_do_not_count():
    first = NominationFactory(status=NominationStatus.WITHDRAWN)
    second = NominationFactory(campaign=first.campaign, talent=first.talent)
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationFactory(campaign=first.campaign, talent=second.talent)


def test_one_quota_row_per_region():
    quota = CampaignQuotaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignQuotaFactory(campaign=quota.campaign, region=quota.region)


def test_campaigns_are_seen_nationally_or_within_their_province(world):
    national = CampaignFactory(region=region("000000"))
    guangdong = CampaignFactory(region=region("440000"))
    jiangsu = CampaignFactory(region=region("320000"))
    assert set(queryset_for(Campaign, world.provincial_official)) == {national, guangdong}
    assert set(queryset_for(Campaign, world.city_official)) == {national, guangdong}
    assert set(queryset_for(Campaign, world.provincial_official_other)) == {national, jiangsu}
    assert set(queryset_for(Campaign, world.admin)) >= {national, guangdong, jiangsu}
    quota = CampaignQuotaFactory(campaign=jiangsu, region=region("320100"))
    assert list(queryset_for(CampaignQuota, world.provincial_official_other)) == [quota]
    assert not queryset_for(CampaignQuota, world.provincial_official).exists()


def test_nominations_follow_their_organisations_scope(world):
    ours = NominationFactory(talent=TalentFactory(employer=world.org))
    other_city = NominationFactory(talent=TalentFactory(employer=world.org_other_city))
    NominationFactory(talent=TalentFactory(employer=world.org_other_province))
    assert list(queryset_for(Nomination, world.clerk)) == [ours]
    assert list(queryset_for(Nomination, world.city_official)) == [ours]
    assert set(queryset_for(Nomination, world.provincial_official)) == {ours, other_city}
    assert queryset_for(Nomination, world.admin).count() == 3
    assert not queryset_for(Nomination, world.expert).exists()


def test_organisations_can_be_nominated():
    unit = OrganisationFactory()
    nomination = NominationFactory(talent=None, nominee_organisation=unit, organisation=unit)
    assert str(unit) in str(nomination)


@pytest.mark.parametrize("model", [Campaign, CampaignQuota, Nomination])
def test_admin_writes_are_for_superusers_only(world, model):
    request = RequestFactory().get("/admin/")
    request.user = world.provincial_official
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
