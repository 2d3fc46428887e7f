"""Batch-run pages: list and start, live progress, summary, the difference from the previous run."""

import io
import re

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eligibility.clauses import level_name
from eligibility.models import EligibilityRun, EligibilityRunResult, RunStatus
from tests.accounts.factories import OrganisationFactory, region
from tests.eligibility.runs.factories import finished_run
from tests.talents.factories import HonourFactory, TalentFactory


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def start_page_run(client, scope, capture):
    with capture(execute=True):
        return client.post(reverse("eligibility:run-start"), {"scope": scope})


def test_officials_start_a_run_from_the_page_and_see_its_summary(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    client = in_english(client_for(world.provincial_official))
    response = start_page_run(client, "440000", django_capture_on_commit_callbacks)
    run = EligibilityRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("eligibility:run-detail", args=[run.pk])

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Outcomes by track" in html and "Outcomes by region" in html
    assert "nothing to compare with" in html  # the first run on this scope
    assert 'hx-trigger="every 2s"' not in html  # finished: no more polling
    assert page.context["outcome_rows"][0][0] == "Green channel"
    assert sum(count for count, _query in page.context["outcome_rows"][0][1]) == 20
    assert [total for _name, total, _query, _counts in page.context["region_rows"]] == [12, 8]  # Guangzhou, Shenzhen


def test_the_page_lists_only_runs_in_scope(client_for, world, rule_set):
    mine = finished_run(region_code="440100")
    shenzhen = finished_run(region_code="440300")
    jiangsu = finished_run(region_code="320000")
    national = finished_run()
    listed = {
        "city_official": {mine},
        "provincial_official": {mine, shenzhen},
        "national_official": {mine, shenzhen, jiangsu, national},
    }
    for who, expected in listed.items():
        page = client_for(getattr(world, who)).get(reverse("eligibility:run-list"))
        assert {run for run, _progress in page.context["runs"]} == expected, who


def test_start_choices_follow_the_officials_regions(client_for, world, rule_set):
    city = client_for(world.city_official).get(reverse("eligibility:run-list")).context["form"]
    assert [code for code, _label in city.fields["scope"].choices] == ["440100"]
    province = client_for(world.provincial_official).get(reverse("eligibility:run-list")).context["form"]
    codes = [code for code, _label in province.fields["scope"].choices]
    assert codes[0] == "440000" and "440300" in codes and "all" not in codes and "320000" not in codes
    national = client_for(world.national_official).get(reverse("eligibility:run-list")).context["form"]
    assert national.fields["scope"].choices[0][0] == "all"


def test_a_double_start_from_the_page_shows_the_conflict(client_for, world, rule_set, people):
    client = in_english(client_for(world.city_official))
    first = client.post(reverse("eligibility:run-start"), {"scope": "440100"})  # not eager: stays running
    assert first.status_code == 302
    second = client.post(reverse("eligibility:run-start"), {"scope": "440100"})
    assert second.status_code == 409
    assert "already in progress" in second.content.decode()
    assert EligibilityRun.objects.count() == 1


def test_a_region_outside_the_scope_is_not_a_choice(client_for, world, rule_set):
    response = client_for(world.city_official).post(reverse("eligibility:run-start"), {"scope": "440300"})
    assert response.status_code == 400
    assert not EligibilityRun.objects.exists()


@pytest.fixture
def broker_down():
    conf = current_app.conf
    previous = conf.broker_write_url, conf.task_always_eager
    conf.broker_write_url, conf.task_always_eager = "redis://127.0.0.1:1/0", False
    yield
    conf.broker_write_url, conf.task_always_eager = previous


def test_redis_down_answers_503_with_a_message_and_the_portal_keeps_working(
    client_for, world, rule_set, people, broker_down
):
    client = in_english(client_for(world.provincial_official))
    response = client.post(reverse("eligibility:run-start"), {"scope": "440000"})
    assert response.status_code == 503
    assert "task queue (Redis) is not reachable" in response.content.decode()
    assert not EligibilityRun.objects.exists()
    for name in ("dashboard", "talents:list", "eligibility:run-list"):
        assert client.get(reverse(name)).status_code == 200, name
    api = client.post(reverse("api:eligibility-run-list"), {"scope": "region", "region": "440000"}, "application/json")
    assert api.status_code == 503
    assert api.json()["code"] == "queue_unavailable"


def test_progress_partial_polls_while_running_and_refreshes_at_the_end(client_for, world, rule_set):
    run = finished_run(region_code="440100", status=RunStatus.RUNNING, total=40, finished_at=None)
    EligibilityRun.objects.filter(pk=run.pk).update(done=10, chunks_done=1, chunk_count=4)
    client = client_for(world.city_official)
    htmx = {"HX-Request": "true", "HX-Target": "run-progress"}
    url = reverse("eligibility:run-progress", args=[run.pk])
    running = client.get(url, headers=htmx)
    html = running.content.decode()
    assert 'hx-trigger="every 2s"' in html and "25%" in html
    assert "HX-Refresh" not in running.headers
    EligibilityRun.objects.filter(pk=run.pk).update(status=RunStatus.FINISHED, done=40, chunks_done=4)
    done = client.get(url, headers=htmx)
    assert done.headers["HX-Refresh"] == "true"
    assert 'hx-trigger="every 2s"' not in done.content.decode()


def test_changes_page_and_export_list_newly_eligible_talents_masked(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    client = in_english(client_for(world.city_official))
    start_page_run(client, "440100", django_capture_on_commit_callbacks)
    first = EligibilityRun.objects.get()
    # Between the runs a skilled Guangzhou talent without an honour becomes a national technical expert.
    newcomer = next(
        t for t in people.guangzhou if t.credentials.filter(kind="skill_level").exists() and not t.honours.exists()
    )
    HonourFactory(talent=newcomer)
    start_page_run(client, "440100", django_capture_on_commit_callbacks)
    second = EligibilityRun.objects.exclude(pk=first.pk).get()
    assert second.previous_id == first.pk
    before = EligibilityRunResult.objects.get(run=first, talent=newcomer).green_channel
    after = EligibilityRunResult.objects.get(run=second, talent=newcomer).green_channel
    assert (before, after) == ("needs_review", "eligible")  # R1(b) frontline, then R1(a)

    detail = client.get(reverse("eligibility:run-detail", args=[second.pk]))
    changes = {track: (newly, gone) for track, _label, newly, gone in detail.context["change_rows"]}
    assert changes["green_channel"] == (1, 0)

    query = "?track=green_channel&direction=newly_eligible"
    page = client.get(reverse("eligibility:run-changes", args=[second.pk]) + query)
    assert page.status_code == 200
    html = page.content.decode()
    assert newcomer.masked_id_number in html and newcomer.id_number not in html
    assert [row["talent_id"] for row in page.context["rows"]] == [newcomer.pk]
    reasons = page.context["rows"][0]["reasons"]
    assert {r["clause"] for r in reasons} >= {"R1.high_skilled", "R1.honour"}
    assert all(r["passed"] for r in reasons if r["clause"].startswith("R1"))

    formula = '=HYPERLINK("http://x","y")'  # user text never becomes a live formula (issue 14)
    newcomer.__class__.objects.filter(pk=newcomer.pk).update(name=formula)
    export = client.get(reverse("eligibility:run-changes-export", args=[second.pk]) + query)
    cell = load_workbook(io.BytesIO(export.content)).worksheets[0]["A2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    newcomer.__class__.objects.filter(pk=newcomer.pk).update(name=newcomer.name)
    export = client.get(reverse("eligibility:run-changes-export", args=[second.pk]) + query)
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(export.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == (newcomer.name, newcomer.masked_id_number)
    assert rows[1][5] == "Needs review"
    assert rows[0][6] == "Reasons" and "✓" in rows[1][6]
    level = EligibilityRunResult.objects.get(run=second, talent=newcomer).green_channel_level
    assert level and rows[1][4] == level_name(level, "en") != level  # the level's name, never its code
    assert newcomer.id_number.encode() not in export.content

    gone = client.get(reverse("eligibility:run-changes", args=[second.pk]) + "?direction=no_longer_eligible")
    assert gone.context["rows"] == []


def test_changes_of_a_first_run_or_a_bad_track_are_404(client_for, world, rule_set):
    first = finished_run(region_code="440100")
    client = client_for(world.city_official)
    assert client.get(reverse("eligibility:run-changes", args=[first.pk])).status_code == 404
    second = finished_run(region_code="440100", previous=first)
    url = reverse("eligibility:run-changes", args=[second.pk])
    assert client.get(url + "?track=standard").status_code == 404
    assert client.get(url + "?direction=sideways").status_code == 404
    assert client.get(url).status_code == 200


def test_cancel_from_the_page(client_for, world, rule_set, people):
    client = in_english(client_for(world.city_official))
    client.post(reverse("eligibility:run-start"), {"scope": "440100"})
    run = EligibilityRun.objects.get()
    response = client.post(reverse("eligibility:run-cancel", args=[run.pk]), follow=True)
    assert "was cancelled" in response.content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


# Query counts: constant in the number of rows


@pytest.mark.parametrize("who", ["provincial_official", "national_official"])
def test_run_list_page_queries_do_not_grow(client_for, world, rule_set, django_assert_num_queries, who):
    client = client_for(getattr(world, who))
    url = reverse("eligibility:run-list")
    finished_run(region_code="440100", started_by=world.provincial_official)
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(9):
        finished_run(region_code="440300", started_by=world.city_official)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["runs"]) == 10


def test_api_run_list_queries_do_not_grow(client_for, world, rule_set, django_assert_num_queries):
    client = client_for(world.national_official)
    url = reverse("api:eligibility-run-list")
    finished_run(region_code="440100", started_by=world.provincial_official)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(9):
        finished_run(started_by=world.national_official, nightly=True)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.json()["results"]) == 10


def test_changes_page_queries_do_not_grow(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client = client_for(world.national_official)
    empty = finished_run(region_code="440000")  # a previous run without results: everyone eligible is new
    start_page_run(client, "440000", django_capture_on_commit_callbacks)
    run = EligibilityRun.objects.exclude(pk=empty.pk).get()
    assert run.previous_id == empty.pk
    url = reverse("eligibility:run-changes", args=[run.pk]) + "?track=skills_to_titles&direction=newly_eligible"
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) > 1
    assert all(row["reasons"] for row in response.context["rows"])
    eligible = EligibilityRunResult.objects.filter(run=run, skills_to_titles="eligible")
    eligible.exclude(pk=eligible.order_by("pk").values("pk")[:1]).update(skills_to_titles="ineligible")
    with django_assert_num_queries(len(many)):
        response = client.get(url)
    assert len(response.context["rows"]) == 1


def test_each_summary_count_opens_the_talents_behind_it(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    client = in_english(client_for(world.provincial_official))
    start_page_run(client, "440000", django_capture_on_commit_callbacks)
    run = EligibilityRun.objects.get()
    page = client.get(reverse("eligibility:run-detail", args=[run.pk]))
    html = page.content.decode()
    label, cells = page.context["outcome_rows"][0]
    count, query = next((count, query) for count, query in cells if count)
    link = f"{reverse('eligibility:run-results', args=[run.pk])}?{query}"
    assert link.replace("&", "&amp;") in html
    track, outcome = (part.split("=")[1] for part in query.split("&")[:2])
    expected = set(EligibilityRunResult.objects.filter(run=run, **{track: outcome}).values_list("talent_id", flat=True))
    assert len(expected) == count
    listed = client.get(link).content.decode()
    shown = {int(pk) for pk in re.findall(r'data-talent="(\d+)"', listed)}
    assert shown == expected or (len(shown) == 50 and shown <= expected)
    name, _total, _total_query, region_cells = page.context["region_rows"][0]
    region_count, region_query = next((c, q) for c, q in region_cells if c)
    listed = client.get(f"{reverse('eligibility:run-results', args=[run.pk])}?{region_query}").content.decode()
    assert len(re.findall(r'data-talent="', listed)) == min(region_count, 50)


def test_the_results_page_takes_the_same_queries_for_one_and_many_talents(client_for, world, rule_set):
    run = finished_run(region_code="440100")
    client = client_for(world.city_official)
    url = reverse("eligibility:run-results", args=[run.pk]) + "?track=green_channel&outcome=eligible"

    def add(n):
        for talent in TalentFactory.create_batch(n, employer=OrganisationFactory(region=region("440100"))):
            EligibilityRunResult.objects.create(
                run=run,
                talent=talent,
                region=talent.employer.region,
                green_channel="eligible",
                skills_to_titles="ineligible",
                titles_to_skills="ineligible",
                promotion="ineligible",
                clauses_evaluated=0,
                clauses_passed=0,
            )

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as several:
        html = client.get(url).content.decode()
    assert len(one.captured_queries) == len(several.captured_queries)
    assert html.count('data-talent="') == 5
