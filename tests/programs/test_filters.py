"""One filter definition per programs list (programs.filters): the page, its export and its API endpoint
take the same names and narrow alike; a bad value is a form error on the page (and ignored), a 400 on the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from exports.registry import list_export
from programs.filters import ActivityFilter, EnrolmentFilter, PlanFilter, PlatformFilter
from tests.accounts.factories import region
from tests.programs.factories import LEADING, ActivityFactory, PlatformFactory, TrainingInstitutionFactory
from tests.programs.test_list_exports import column, read_rows, start

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_each_list_export_keeps_exactly_its_filter_names():
    assert list_export("programs.activities").parameters == ActivityFilter.parameter_names()
    assert list_export("programs.enrolments").parameters == EnrolmentFilter.parameter_names()
    assert list_export("programs.platforms").parameters == PlatformFilter.parameter_names()
    assert list_export("programs.plans").parameters == PlanFilter.parameter_names()


def test_only_activities_i_manage_on_page_export_and_api(world, client_for):
    ActivityFactory(organiser=TrainingInstitutionFactory(region=region("440100")), title="广州研修班")
    ActivityFactory(organiser=TrainingInstitutionFactory(region=region("000000")), title="全国研修班")
    official = world.provincial_official  # manages Guangdong's activities, sees the national ones too
    page = client_for(official).get(reverse("programs:activity-list"))
    assert {a.title for a in page.context["activities"]} == {"广州研修班", "全国研修班"}
    page = client_for(official).get(reverse("programs:activity-list"), {"mine": "on"})
    assert {a.title for a in page.context["activities"]} == {"广州研修班"}
    assert column(read_rows(client_for(official).post(start("programs.activities", "?mine=on"))), "标题") == [
        "广州研修班"
    ]
    body = api(official).get("/api/v1/activities/", {"mine": "true"}).json()
    assert [a["title"] for a in body["results"]] == ["广州研修班"]
    # A role that manages nothing gets nothing, and the national ministry only the national activity.
    assert (
        client_for(world.clerk).get(reverse("programs:activity-list"), {"mine": "on"}).context["page"].object_list == []
    )
    body = api(world.national_official).get("/api/v1/activities/", {"mine": "true"}).json()
    assert [a["title"] for a in body["results"]] == ["全国研修班"]


def test_the_plan_filter_takes_the_plan_code_everywhere(world, client_for):
    ActivityFactory(organiser=TrainingInstitutionFactory(region=region("440100")), title="广州研修班")
    page = client_for(world.city_official).get(reverse("programs:activity-list"), {"plan": LEADING})
    assert [a.title for a in page.context["activities"]] == ["广州研修班"]
    body = api(world.city_official).get("/api/v1/activities/", {"plan": LEADING}).json()
    assert [a["title"] for a in body["results"]] == ["广州研修班"]
    page = client_for(world.city_official).get(reverse("programs:activity-list"), {"plan": "digital_talents_2024_2026"})
    assert page.context["page"].object_list == []


def test_a_bad_filter_value_is_a_form_error_on_the_page_and_a_400_on_the_api(world, client_for):
    ActivityFactory(organiser=TrainingInstitutionFactory(region=region("440100")), title="广州研修班")
    page = client_for(world.city_official).get(reverse("programs:activity-list"), {"status": "bogus", "q": "广州"})
    assert "status" in page.context["filters"].errors
    assert [a.title for a in page.context["activities"]] == ["广州研修班"]  # the bad value ignored, the good kept
    assert api(world.city_official).get("/api/v1/activities/", {"status": "bogus"}).status_code == 400
    assert api(world.city_official).get("/api/v1/platforms/", {"kind": "bogus"}).status_code == 400


def test_the_platform_page_shows_a_bad_kind_and_ignores_it(world, client_for):
    PlatformFactory(host=world.org, name="数控大师工作室")
    page = client_for(world.city_official).get(reverse("programs:platform-list"), {"kind": "bogus"})
    assert [p.name for p in page.context["platforms"]] == ["数控大师工作室"]
    assert "kind" in page.context["filters"].errors
