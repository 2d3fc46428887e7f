from accounts.models import Organisation
from accounts.scoping import organisation_scope
from accounts.selectors import organisation_list


def visible(world, user):
    return set(organisation_list(actor=user).values_list("name", flat=True))


def test_each_role_sees_the_organisations_of_its_scope(world):
    everyone = set(Organisation.objects.values_list("name", flat=True))
    guangzhou = {world.org.name, world.org_same_city.name}
    guangdong = guangzhou | {world.org_other_city.name}
    assert visible(world, world.clerk) == {world.org.name}
    assert visible(world, world.city_official) == guangzhou
    assert visible(world, world.city_official_other_city) == {world.org_other_city.name}
    assert visible(world, world.provincial_official) == guangdong
    assert visible(world, world.provincial_official_other) == {world.org_other_province.name}
    assert visible(world, world.national_official) == everyone
    assert visible(world, world.admin) == everyone
    assert visible(world, world.expert) == set()


def test_province_sees_organisations_directly_under_it(world):
    from tests.accounts.factories import OrganisationFactory, region

    direct = OrganisationFactory(name="广东省直属单位", region=region("440000"))
    assert direct.name in visible(world, world.provincial_official)
    assert direct.name not in visible(world, world.city_official)


def test_inactive_or_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.national_official.is_active = False
    assert not Organisation.objects.filter(organisation_scope(world.national_official)).exists()
    assert not Organisation.objects.filter(organisation_scope(AnonymousUser())).exists()
