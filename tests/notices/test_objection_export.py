"""The officials' objection list as xlsx ("notices.objections" in the exports app): the page's filters
over the notices the requester handles, and no more than the officials read on the list and an
objection's page."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from exports.models import Export
from exports.registry import list_export
from notices.models import ObjectionStatus
from notices.rules import ONLY_NOTICE_OFFICIALS, handles_notices
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db
START = reverse("exports:start", args=["notices.objections"])


def read_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))


def cells_of(rows) -> list[str]:
    return [str(value) for row in rows for value in row if value is not None]


def test_the_export_holds_the_provinces_objections_with_the_objectors_contact(client_for, world):
    ours = ObjectionFactory(name="李四", contact="13800138000", ip_address="203.0.113.9")
    theirs = ObjectionFactory(
        entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=world.org_other_province.region.parent)),
        name="王五",
        contact="13900139000",
    )
    response = client_for(world.provincial_official).post(START)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    rows = read_rows(response.content)
    cells = cells_of(rows)
    assert len(rows) == 2
    assert {ours.entry.notice.title, ours.entry.masked_name, "李四", "13800138000", ours.reason} <= set(cells)
    assert "王五" not in cells and theirs.contact not in cells
    assert "203.0.113.9" not in cells  # the page never shows the objector's address
    assert ours.entry.subject.id_number not in "".join(cells)  # the entry is its masked name only


def test_the_export_keeps_the_pages_filters(client_for, world):
    filed = ObjectionFactory(name="甲")
    ObjectionFactory(
        entry=NoticeEntryFactory(notice=filed.entry.notice),
        name="乙",
        status=ObjectionStatus.DISMISSED,
        resolution="不属实",
    )
    ObjectionFactory(name="丙")  # another notice
    client = client_for(world.national_official)
    query = f"?status=filed&notice={filed.entry.notice_id}&page=2"
    rows = read_rows(client.post(START + query).content)
    assert [row[2] for row in rows[1:]] == ["甲"]
    assert Export.objects.get().query == {"status": "filed", "notice": str(filed.entry.notice_id)}


def test_a_notice_outside_the_officials_province_is_no_filter_as_on_the_page(client_for, world):
    ObjectionFactory(name="甲")
    foreign = ObjectionFactory(
        entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=world.org_other_province.region.parent)),
        name="乙",
    )
    client = client_for(world.provincial_official)
    query = f"?notice={foreign.entry.notice_id}"
    listed = [o.name for o in client.get(reverse("notices:objection-list") + query).context["objections"]]
    exported = [row[2] for row in read_rows(client.post(START + query).content)[1:]]
    assert listed == exported == ["甲"]


def test_a_resolved_objection_carries_its_resolution(client_for, world):
    resolver = world.provincial_official
    resolved_at = timezone.now()
    ObjectionFactory(
        status=ObjectionStatus.UPHELD, resolution="情况属实，撤销公示。", resolved_by=resolver, resolved_at=resolved_at
    )
    row = read_rows(client_for(world.national_official).post(START).content)[1]
    assert "情况属实，撤销公示。" in row
    assert (resolver.get_full_name() or resolver.username) in row
    assert timezone.localtime(resolved_at).strftime("%Y-%m-%d %H:%M") in row


@pytest.mark.parametrize("role", ["enterprise_clerk", "city_official", "expert"])
def test_roles_without_the_objection_list_get_403(client_for, world, role):
    ObjectionFactory()
    response = client_for(world.users_by_role()[role]).post(START)
    assert response.status_code == 403
    assert client_for(world.users_by_role()[role]).get(reverse("notices:objection-list")).status_code == 403
    assert not Export.objects.exists()


def test_the_export_is_refused_exactly_like_the_page():
    spec = list_export("notices.objections")
    assert (spec.may_export, spec.refusal, spec.page) == (
        handles_notices,
        ONLY_NOTICE_OFFICIALS,
        "notices:objection-list",
    )


def test_the_page_offers_the_export_with_its_current_filters(client_for, world):
    ObjectionFactory()
    html = client_for(world.provincial_official).get(
        reverse("notices:objection-list"), {"status": "filed", "page": "1"}
    )
    assert f'action="{START}?status=filed"' in html.content.decode()


def test_exporting_takes_the_same_number_of_queries_for_1_and_5_rows(client_for, world, django_assert_num_queries):
    ObjectionFactory(status=ObjectionStatus.DISMISSED, resolution="不属实", resolved_by=world.national_official)
    client = client_for(world.provincial_official)
    client.post(START)  # the first request of a session saves it
    with CaptureQueriesContext(connection) as one_row:
        assert len(read_rows(client.post(START).content)) == 2
    notice = PublicNoticeFactory()
    for _ in range(2):
        ObjectionFactory(entry=NoticeEntryFactory(notice=notice))
    for _ in range(2):
        ObjectionFactory(status=ObjectionStatus.UPHELD, resolution="属实", resolved_by=world.provincial_official)
    with django_assert_num_queries(len(one_row)):
        assert len(read_rows(client.post(START).content)) == 6
