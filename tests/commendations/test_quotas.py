"""Campaign quotas: the plan targets' arithmetic (accounts.quotas), permissions and audit."""

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from accounts.quotas import below_children, exceeds_parent, room_left
from commendations.services import quota_set
from tests.accounts.factories import region
from tests.commendations.factories import CampaignFactory


def test_the_shared_arithmetic():
    assert room_left(parent=10, siblings=7) == 3
    assert room_left(parent=10, siblings=12) == 0
    assert not exceeds_parent(amount=3, siblings=7, parent=10)
    assert exceeds_parent(amount=4, siblings=7, parent=10)
    assert below_children(amount=4, children=5)
    assert not below_children(amount=5, children=5)


@pytest.mark.django_db
def test_a_national_campaign_split_across_provinces_and_cities(world):
    campaign = CampaignFactory(region=region("000000"))
    quota_set(actor=world.national_official, campaign=campaign, region=region("000000"), quota=10)
    quota_set(actor=world.national_official, campaign=campaign, region=region("440000"), quota=6)
    with pytest.raises(ApplicationError) as error:
        quota_set(actor=world.national_official, campaign=campaign, region=region("320000"), quota=5)
    assert error.value.code == "exceeds_parent_quota"
    assert "4" in str(error.value.message)
    quota_set(actor=world.national_official, campaign=campaign, region=region("320000"), quota=4)
    # a province splits its own quota across its cities
    quota_set(actor=world.provincial_official, campaign=campaign, region=region("440100"), quota=4)
    with pytest.raises(ApplicationError) as error:
        quota_set(actor=world.provincial_official, campaign=campaign, region=region("440300"), quota=3)
    assert error.value.code == "exceeds_parent_quota"
    row = quota_set(actor=world.provincial_official, campaign=campaign, region=region("440300"), quota=2)
    # the province's quota cannot drop below what its cities hold
    with pytest.raises(ApplicationError) as error:
        quota_set(actor=world.national_official, campaign=campaign, region=region("440000"), quota=5)
    assert error.value.code == "below_children_quotas"
    assert AuditLog.objects.for_object(row).get().action == "quota_set"


@pytest.mark.django_db
def test_a_child_needs_its_parents_quota_first(world):
    campaign = CampaignFactory(region=region("440000"))
    with pytest.raises(ApplicationError) as error:
        quota_set(actor=world.provincial_official, campaign=campaign, region=region("440100"), quota=1)
    assert error.value.code == "no_parent_quota"


@pytest.mark.django_db
def test_only_the_right_officials_set_quotas(world):
    national = CampaignFactory(region=region("000000"))
    provincial = CampaignFactory(region=region("440000"))
    quota_set(actor=world.national_official, campaign=national, region=region("000000"), quota=10)
    with pytest.raises(PermissionDeniedError):
        quota_set(actor=world.provincial_official, campaign=national, region=region("440000"), quota=2)
    with pytest.raises(PermissionDeniedError):
        quota_set(actor=world.provincial_official_other, campaign=provincial, region=region("440100"), quota=1)
    for actor in (world.city_official, world.clerk, world.expert):
        with pytest.raises(PermissionDeniedError):
            quota_set(actor=actor, campaign=provincial, region=region("440100"), quota=1)


@pytest.mark.django_db
def test_negative_quotas_are_refused(world):
    campaign = CampaignFactory(region=region("000000"))
    with pytest.raises(ApplicationError) as error:
        quota_set(actor=world.national_official, campaign=campaign, region=region("000000"), quota=-1)
    assert (error.value.status, error.value.field) == (400, "quota")
