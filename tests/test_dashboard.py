from django.urls import reverse

from talentportal.dashboard import registry_figures, talents_by_region
from tests.accounts.factories import OrganisationFactory, region
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory


def test_dashboard_figures_count_only_what_is_in_scope(world):
    mine = TalentFactory.create_batch(3, employer=world.org, frontline=True)
    TalentFactory(employer=world.org_other_city, frontline=False)
    TalentFactory(employer=world.org_other_province)
    CredentialFactory(talent=mine[0])
    HonourFactory(talent=mine[1])

    clerk = registry_figures(world.clerk)
    assert (clerk["talents"], clerk["frontline"], clerk["credentials"], clerk["honours"]) == (3, 3, 1, 1)
    assert clerk["honoured_talents_national"] == 1
    assert [row["skill_level__code"] for row in clerk["skill_levels"]] == ["technician"]
    assert registry_figures(world.provincial_official)["talents"] == 4
    assert registry_figures(world.national_official)["talents"] == 5
    assert registry_figures(world.city_official_other_city)["talents"] == 1


def test_national_breakdown_counts_cities_and_direct_organisations_under_their_province(world):
    TalentFactory.create_batch(2, employer=world.org)
    TalentFactory(employer=OrganisationFactory(region=region("440000")))
    TalentFactory(employer=world.org_other_province)
    rows = {row["region"].code: row["talents"] for row in talents_by_region(world.national_official)}
    assert rows == {"440000": 3, "320000": 1}
    cities = {row["region"].code: row["talents"] for row in talents_by_region(world.provincial_official)}
    assert cities == {"440100": 2}


def test_dashboard_page_shows_the_counts(client_for, world):
    TalentFactory.create_batch(2, employer=world.org)
    page = client_for(world.clerk).get(reverse("dashboard")).content.decode()
    assert 'data-figure="talents">2<' in page
