"""The province's last place under concurrent recommendations: real PostgreSQL connections."""

import time

import pytest
from django.db import connection

import workflow
from accounts.models import Region, Role
from commendations.models import CampaignQuota, Nomination, NominationStatus
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.commendations.factories import CampaignFactory, NominationFactory
from tests.talents.factories import TalentFactory
from tests.transactional import load_reference_data, run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    load_reference_data()


def test_two_officials_take_the_last_place_at_once_and_exactly_one_succeeds(monkeypatch):
    from commendations.services import nomination_recommend

    # Both have counted the places used before either moves its nomination: without the quota row's lock
    # both would succeed (this makes the race certain instead of a matter of timing).
    original = workflow.transition

    def transition_after_a_pause(**kwargs):
        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(workflow, "transition", transition_after_a_pause)

    assert connection.vendor == "postgresql"
    guangdong = Region.objects.get(code="440000")
    campaign = CampaignFactory(region=guangdong)
    CampaignQuota.objects.create(campaign=campaign, region=guangdong, quota=1)
    officials = [UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=guangdong) for _ in range(2)]
    org = OrganisationFactory()
    nominations = [
        NominationFactory(
            campaign=campaign, talent=TalentFactory(employer=org), status=NominationStatus.CITY_RECOMMENDED
        )
        for _ in range(2)
    ]
    outcomes = run_concurrently(
        [
            lambda o=official, n=nomination: nomination_recommend(actor=o, nomination=n)
            for official, nomination in zip(officials, nominations, strict=True)
        ]
    )
    assert sorted(outcomes) == ["ok", "quota_exhausted"]
    assert Nomination.objects.filter(status=NominationStatus.PROVINCE_RECOMMENDED).count() == 1
