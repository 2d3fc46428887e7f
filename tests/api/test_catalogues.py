"""Regions, organisations and the catalogues: read-only, by code, for every signed-in user."""

import pytest

from tests.accounts.factories import OrganisationFactory


def codes_of(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


@pytest.mark.parametrize("user", ["clerk", "city_official", "national_official", "expert"])
def test_every_signed_in_user_reads_the_regions(user, world, api_as):
    client = api_as(getattr(world, user))
    assert codes_of(client.get("/api/v1/regions/", {"level": "national"})) == ["000000"]
    guangdong = client.get("/api/v1/regions/440000/").json()
    assert guangdong == {
        "code": "440000",
        "name": "广东省",
        "name_en": guangdong["name_en"],
        "level": "province",
        "parent": "000000",
    }


def test_region_filters_and_search(world, api_as):
    client = api_as(world.clerk)
    cities = codes_of(client.get("/api/v1/regions/", {"parent": "440000"}))
    assert {"440100", "440300"} <= set(cities)
    assert all(code.startswith("44") for code in cities)
    assert codes_of(client.get("/api/v1/regions/", {"search": "南京"})) == ["320100"]
    assert codes_of(client.get("/api/v1/regions/", {"search": "3201"})) == ["320100"]
    assert client.get("/api/v1/regions/999999/").status_code == 404
    assert client.get("/api/v1/regions/", {"level": "county"}).status_code == 400


def test_regions_are_read_only(world, api_as):
    client = api_as(world.admin)
    assert client.post("/api/v1/regions/", {"code": "990000"}, format="json").status_code == 405
    assert client.delete("/api/v1/regions/440000/").status_code == 405


def test_organisation_filters_and_search(world, api_as):
    college = OrganisationFactory(name="广东技师学院", kind="technical_college", region=world.org_other_city.region)
    client = api_as(world.national_official)

    def listed(**params):
        response = client.get("/api/v1/organisations/", params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert listed(region="440000") == {world.org.pk, world.org_same_city.pk, world.org_other_city.pk, college.pk}
    assert listed(region="440300") == {world.org_other_city.pk, college.pk}
    assert listed(kind="technical_college") == {college.pk}
    assert listed(search="技师") == {college.pk}
    assert listed(search=world.org.credit_code) == {world.org.pk}
    detail = client.get(f"/api/v1/organisations/{college.pk}/").json()
    assert (detail["credit_code"], detail["region"], detail["kind"]) == (
        college.credit_code,
        "440300",
        "technical_college",
    )


def test_organisations_are_read_only(world, api_as):
    client = api_as(world.provincial_official)
    assert client.post("/api/v1/organisations/", {}, format="json").status_code == 405
    assert client.patch(f"/api/v1/organisations/{world.org.pk}/", {}, format="json").status_code == 405


def test_occupations_filter_and_show_their_series_by_code(world, api_as):
    client = api_as(world.expert)
    occupation = client.get("/api/v1/occupations/6-18-01-01/")
    assert occupation.status_code == 200
    assert occupation.json()["code"] == "6-18-01-01"
    digital = client.get("/api/v1/occupations/", {"is_digital": "true"}).json()
    assert len(digital["results"]) > 0
    assert all(row["is_digital"] for row in digital["results"])
    software = client.get("/api/v1/occupations/", {"title_series": "computer_software"}).json()["results"]
    assert software and {row["title_series"] for row in software} == {"computer_software"}
    assert codes_of(client.get("/api/v1/occupations/", {"search": "6-18-01-01"})) == ["6-18-01-01"]


def test_levels_are_listed_in_ascending_order(world, api_as):
    client = api_as(world.clerk)
    assert codes_of(client.get("/api/v1/skill-levels/")) == [
        "junior_worker",
        "intermediate_worker",
        "senior_worker",
        "technician",
        "senior_technician",
        "principal_technician",
        "chief_technician",
    ]
    assert codes_of(client.get("/api/v1/title-levels/")) == [
        "junior",
        "assistant",
        "intermediate",
        "deputy_senior",
        "senior",
    ]


def test_awards_and_title_series(world, api_as):
    client = api_as(world.clerk)
    national = codes_of(client.get("/api/v1/awards/", {"level": "national"}))
    assert {"china_skills_award", "national_technical_expert", "state_council_special_allowance"} <= set(national)
    assert "provincial_special_allowance" not in national
    assert client.get("/api/v1/awards/china_skills_award/").json()["level"] == "national"
    assert "engineering" in codes_of(client.get("/api/v1/title-series/"))
    assert client.get("/api/v1/title-series/engineering/").json()["is_digital"] is False
    assert client.get("/api/v1/awards/no_such_award/").status_code == 404
