"""The registry list's xlsx export ("talents.registry" in the exports app): the page's filters over the
requester's scope, ID numbers masked and the birth year only, a small list at once, a large one as a task."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from catalogues.models import Occupation
from exports.models import Export, ExportStatus
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
START = reverse("exports:start", args=["talents.registry"])


def read_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))


def cells_of(rows) -> list[str]:
    return [str(value) for row in rows for value in row if value is not None]


def test_the_export_holds_the_filtered_list_of_the_clerks_own_organisation_masked(client_for, world):
    frontline = TalentFactory(employer=world.org, name="一线", frontline=True)
    office = TalentFactory(employer=world.org, name="机关", frontline=False)
    other = TalentFactory(employer=world.org_same_city, name="别家", frontline=True)
    response = client_for(world.clerk).post(START + "?frontline=true&page=2")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    rows = read_rows(response.content)
    cells = cells_of(rows)
    assert len(rows) == 2  # the header and the one frontline talent (the page number is not a filter)
    assert "一线" in cells and frontline.masked_id_number in cells
    assert "机关" not in cells and "别家" not in cells
    for talent in (frontline, office, other):
        assert not any(talent.id_number in cell for cell in cells)
    export = Export.objects.get()
    assert (export.list_name, export.query, export.rows) == ("talents.registry", {"frontline": "true"}, 1)


def test_the_export_gives_the_birth_year_never_the_masked_birth_date(client_for, world):
    talent = TalentFactory(employer=world.org)
    rows = read_rows(client_for(world.clerk).post(START).content)
    assert talent.birth_date.year in rows[1]
    birth_digits = talent.id_number[6:14]
    assert not any(birth_digits in str(value).replace("-", "") for value in rows[1])


@pytest.mark.parametrize(
    ("role", "shown", "absent"),
    [
        ("city_official", {"广州人才"}, {"深圳人才", "南京人才"}),
        ("provincial_official", {"广州人才", "深圳人才"}, {"南京人才"}),
        ("national_official", {"广州人才", "深圳人才", "南京人才"}, set()),
    ],
)
def test_the_export_holds_the_requesters_scope_only(client_for, world, role, shown, absent):
    TalentFactory(employer=world.org, name="广州人才")
    TalentFactory(employer=world.org_other_city, name="深圳人才")
    TalentFactory(employer=world.org_other_province, name="南京人才")
    cells = cells_of(read_rows(client_for(world.users_by_role()[role]).post(START).content))
    assert shown <= set(cells)
    assert not absent & set(cells)


def test_the_export_has_the_rows_the_page_lists_with_the_same_filters(client_for, world):
    digital = Occupation.objects.filter(is_digital=True).first()
    TalentFactory(employer=world.org, name="甲", occupation=digital, frontline=True)
    TalentFactory(employer=world.org, name="乙", frontline=True)
    TalentFactory(employer=world.org, name="丙", occupation=digital, frontline=False)
    TalentFactory(employer=world.org_other_province, name="丁", occupation=digital, frontline=True)
    client = client_for(world.provincial_official)
    query = "?frontline=true&digital=true&q="
    listed = {t.name for t in client.get(reverse("talents:list") + query).context["talents"]}
    exported = {row[0] for row in read_rows(client.post(START + query).content)[1:]}
    assert listed == exported == {"甲"}


def test_experts_may_not_export_the_registry(client_for, world):
    TalentFactory(employer=world.org)
    response = client_for(world.expert).post(START)
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_the_old_direct_export_url_is_gone():
    with pytest.raises(NoReverseMatch):
        reverse("talents:export")


def test_the_button_posts_the_current_filters_from_the_swapped_table(client_for, world):
    TalentFactory(employer=world.org)
    response = client_for(world.clerk).get(
        reverse("talents:list"),
        {"frontline": "true", "page": "1"},
        headers={"HX-Request": "true", "HX-Target": "talent-table"},
    )
    html = response.content.decode()
    names = [t.name for t in response.templates]  # the rows (a cached partial) render first
    assert "talents/partials/talent_table.html" in names and "talents/talent_list.html" not in names
    assert f'action="{START}?frontline=true"' in html
    assert 'data-export="talents.registry"' in html


def test_exporting_takes_the_same_number_of_queries_for_1_and_5_rows(client_for, world, django_assert_num_queries):
    client = client_for(world.provincial_official)
    TalentFactory(employer=world.org)
    client.post(START)  # the first request of a session saves it
    with CaptureQueriesContext(connection) as one_row:
        assert len(read_rows(client.post(START + "?frontline=true").content)) == 2
    TalentFactory.create_batch(2, employer=world.org)
    TalentFactory.create_batch(2, employer=world.org_other_city)
    with django_assert_num_queries(len(one_row)):
        assert len(read_rows(client.post(START + "?frontline=true").content)) == 6


def test_a_large_export_becomes_a_task_whose_file_has_the_rows(
    client_for, world, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.EXPORT_DIRECT_ROWS = 1
    guangzhou = TalentFactory(employer=world.org, name="广州人才")
    TalentFactory(employer=world.org_other_city, name="深圳人才")
    TalentFactory(employer=world.org_other_province, name="南京人才")
    client = client_for(world.provincial_official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START)
    export = Export.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exports:status", args=[export.pk])
    export.refresh_from_db()
    assert (export.status, export.direct, export.rows) == (ExportStatus.DONE, False, 2)
    download = client.get(reverse("exports:download", args=[export.pk]))
    rows = read_rows(b"".join(download.streaming_content))
    cells = cells_of(rows)
    assert len(rows) == 3
    assert {"广州人才", "深圳人才"} <= set(cells) and "南京人才" not in cells
    assert guangzhou.masked_id_number in cells and guangzhou.id_number not in "".join(cells)
