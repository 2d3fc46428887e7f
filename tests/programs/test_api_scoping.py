"""Every programs list answers exactly the rows in the caller's scope (docs/roles.md)."""

import pytest
from rest_framework.test import APIClient

from tests.programs.factories import program_subjects

pytestmark = pytest.mark.django_db

ALL = {"own", "other_org", "other_city", "other_province"}
GUANGZHOU = {"own", "other_org"}
GUANGDONG = GUANGZHOU | {"other_city"}

# role → keys of program_subjects it sees, per list
EXPECTED = {
    "activities": {
        "clerk": GUANGZHOU,  # the other Guangzhou organisation's activity is in the clerk's region
        "city_official": GUANGZHOU,
        "provincial_official": GUANGDONG,
        "national_official": ALL,
        "expert": set(),
    },
    "enrolments": {
        "clerk": {"own"},
        "city_official": GUANGZHOU,
        "provincial_official": GUANGDONG,
        "national_official": ALL,
        "expert": set(),
    },
    "questions": {
        "clerk": {"own"},
        "city_official": GUANGZHOU,
        "provincial_official": GUANGDONG,
        "national_official": ALL,
        "expert": set(),
    },
    "platforms": {
        "clerk": {"own"},
        "city_official": GUANGZHOU,
        "provincial_official": GUANGDONG,
        "national_official": ALL,
        "expert": set(),
    },
}
SUBJECT_ATTRIBUTE = {
    "activities": "activities",
    "enrolments": "enrolments",
    "questions": "questions",
    "platforms": "platforms",
}


def listed_ids(user, endpoint, query=""):
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/{endpoint}/{query}")
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", EXPECTED)
@pytest.mark.parametrize("role", ["clerk", "city_official", "provincial_official", "national_official", "expert"])
def test_list_scope(world, endpoint, role):
    subjects = program_subjects(world)
    objects = getattr(subjects, SUBJECT_ATTRIBUTE[endpoint])
    expected = {objects[key].pk for key in EXPECTED[endpoint][role]}
    assert listed_ids(getattr(world, role), endpoint) == expected


@pytest.mark.parametrize(
    ("role", "regions"),
    [
        ("clerk", set()),
        ("city_official", {"000000", "440000", "440100"}),
        ("provincial_official", {"000000", "440000", "440100", "440300"}),
        ("national_official", {"000000", "440000", "320000", "440100", "440300", "320100"}),
        ("expert", set()),
    ],
)
def test_target_scope(world, role, regions):
    program_subjects(world)
    client = APIClient()
    client.force_authenticate(getattr(world, role))
    body = client.get("/api/v1/targets/?plan=leading_talents_2024_2026&metric=leading_talents").json()
    assert {row["region"] for row in body["results"]} == regions
