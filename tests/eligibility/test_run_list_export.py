"""xlsx export of the batch-run list (exports registry): the page's filtered runs of the requester's
regions, counts from each run's frozen summary; a role the page refuses gets 403; the query count
does not grow with the runs."""

import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eligibility.models import RunStatus
from exports.models import Export
from tests.eligibility.runs.factories import finished_run

pytestmark = pytest.mark.django_db
START = reverse("exports:start", args=["eligibility.runs"])


def read_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.status_code
    return list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def frozen_summary() -> dict:
    tracks = ("green_channel", "skills_to_titles", "titles_to_skills", "promotion")
    return {
        "outcomes": {track: {"eligible": 7, "needs_review": 2, "ineligible": 11} for track in tracks},
        "regions": [],
        "changes": {track: {"newly_eligible": 3, "no_longer_eligible": 1} for track in tracks},
    }


def test_the_export_holds_the_filtered_runs_of_the_requesters_regions(world, client_for):
    finished = finished_run(region_code="440100", started_by=world.city_official, summary=frozen_summary(), total=20)
    finished_run(region_code="440100", status=RunStatus.FAILED)
    finished_run(region_code="320100")  # Nanjing: not the Guangzhou official's
    finished_run()  # all talents: national officials only
    client = in_english(client_for(world.city_official))
    page = client.get(reverse("eligibility:run-list"), {"status": "finished"})
    assert [run for run, _progress in page.context["runs"]] == [finished]
    assert 'data-export="eligibility.runs"' in page.content.decode()
    rows = read_rows(client.post(START + "?status=finished&page=2"))
    header, line = rows[0], rows[1:]
    assert [row[0] for row in line] == [finished.pk]
    assert Export.objects.get().query == {"status": "finished"}
    values = dict(zip(header, line[0], strict=True))
    assert values["Scope"] == finished.region.name_en
    assert values["Status"] == "Finished"
    assert values["Started by"] == (world.city_official.get_full_name() or world.city_official.username)
    assert values["Progress (%)"] == 100
    assert values["Green channel: Eligible"] == 7
    assert values["Promotion: Ineligible"] == 11
    assert values["Skills to titles: Newly eligible"] == 3
    assert len(read_rows(client.post(START))) == 3  # both Guangzhou runs, whatever their status


def test_a_run_without_a_frozen_summary_has_empty_counts(world, client_for):
    finished_run(region_code="440100")
    rows = read_rows(in_english(client_for(world.city_official)).post(START))
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["Scope"] and values["Green channel: Eligible"] is None


def test_national_officials_export_every_run(world, client_for):
    for code in ("440100", "320100", None):
        finished_run(region_code=code)
    assert len(read_rows(client_for(world.national_official).post(START))) == 4


@pytest.mark.parametrize("who", ["clerk", "expert"])
def test_roles_the_run_list_refuses_get_403(world, client_for, who):
    finished_run(region_code="440100")
    client = client_for(getattr(world, who))
    assert client.get(reverse("eligibility:run-list")).status_code == 403
    assert client.post(START).status_code == 403
    assert not Export.objects.exists()


def test_the_export_queries_do_not_grow(world, client_for, django_assert_num_queries):
    client = client_for(world.provincial_official)
    finished_run(region_code="440100", started_by=world.city_official, summary=frozen_summary())
    client.post(START)  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        client.post(START)
    for code in ("440100", "440300", "440000", "440300"):
        finished_run(region_code=code, started_by=world.provincial_official, summary=frozen_summary())
    with django_assert_num_queries(len(one)):
        response = client.post(START)
    assert len(read_rows(response)) == 6
