"""``/api/v1/eligibility-runs/``: start with a scope, read status, progress and summary, cancel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eligibility.models import EligibilityRun, RunStatus
from tests.eligibility.runs.factories import finished_run

LIST = "api:eligibility-run-list"


def post(client, data, capture=None):
    if capture is None:
        return client.post(reverse(LIST), data, content_type="application/json")
    with capture(execute=True):
        return client.post(reverse(LIST), data, content_type="application/json")


def test_post_starts_a_run_and_get_shows_progress_and_summary(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    client = client_for(world.provincial_official)
    created = post(client, {"scope": "region", "region": "440000"}, django_capture_on_commit_callbacks)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["scope"], body["region"], body["rule_set"]["code"]) == ("region", "440000", "batch-test")

    detail = client.get(reverse("api:eligibility-run-detail", args=[body["id"]])).json()
    assert detail["status"] == "finished"
    assert detail["progress"]["done"] == detail["progress"]["total"] == 20
    assert detail["progress"]["percent"] == 100
    assert detail["progress"]["eta_seconds"] is None
    summary = detail["summary"]
    assert sum(summary["outcomes"]["green_channel"].values()) == 20
    assert [row["region"] for row in summary["regions"]] == ["440100", "440300"]
    assert summary["changes"] is None  # first run on this scope


def test_a_running_run_reports_rate_and_eta(client_for, world, rule_set):
    run = finished_run(region_code="440100", status=RunStatus.RUNNING, total=100, finished_at=None)
    started = timezone.now() - datetime.timedelta(seconds=10)
    EligibilityRun.objects.filter(pk=run.pk).update(done=25, started_at=started)
    body = client_for(world.city_official).get(reverse("api:eligibility-run-detail", args=[run.pk])).json()
    progress = body["progress"]
    assert (progress["done"], progress["total"], progress["percent"]) == (25, 100, 25)
    assert 1.5 <= progress["rate"] <= 2.5  # 25 talents in a little over 10 s
    assert progress["eta_seconds"] == int(75 / progress["rate"])  # 75 more at that rate
    assert body["summary"] is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "scope"),
        ({"scope": "round"}, "scope"),
        ({"scope": "region"}, "region"),
        ({"scope": "region", "region": "999999"}, "region"),
        ({"scope": "region", "region": "320100"}, "region"),  # outside Guangdong
        ({"scope": "all"}, "scope"),  # only national officials
    ],
)
def test_bad_scopes_are_400_with_a_field_message(client_for, world, rule_set, people, data, field):
    response = post(client_for(world.provincial_official), data)
    assert response.status_code == 400
    assert field in response.json()
    assert not EligibilityRun.objects.exists()


def test_a_second_start_is_409(client_for, world, rule_set, people):
    client = client_for(world.national_official)
    assert post(client, {"scope": "all"}).status_code == 201  # not eager: stays running
    second = post(client, {"scope": "all"})
    assert second.status_code == 409
    assert second.json()["code"] == "run_active"
    assert EligibilityRun.objects.count() == 1


def test_cancel(client_for, world, rule_set, people):
    client = client_for(world.city_official)
    run_id = post(client, {"scope": "region", "region": "440100"}).json()["id"]
    response = client.post(reverse("api:eligibility-run-cancel", args=[run_id]))
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert client.post(reverse("api:eligibility-run-cancel", args=[run_id])).status_code == 409


def test_the_list_is_scoped(client_for, world, rule_set):
    mine, other = finished_run(region_code="440100"), finished_run(region_code="440300")
    ids = [row["id"] for row in client_for(world.city_official).get(reverse(LIST)).json()["results"]]
    assert ids == [mine.pk]
    assert (
        client_for(world.city_official).get(reverse("api:eligibility-run-detail", args=[other.pk])).status_code == 404
    )
