"""The notices API: public notices, public objections (throttled), officials' objections and resolve."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from notices.models import EntryOutcome, Objection, ObjectionStatus
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory, past_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_notices_are_public(api):
    entry = NoticeEntryFactory(masked_name="王*明")
    listed = api.get("/api/v1/notices/")
    assert listed.status_code == 200
    assert listed.json()["results"][0]["entry_count"] == 1
    detail = api.get(f"/api/v1/notices/{entry.notice_id}/").json()
    assert detail["entries"][0]["masked_name"] == "王*明"
    assert entry.subject.name not in str(detail)
    assert detail["region"] == "440000"
    # The detail carries the count its schema (PublicNoticeDetail) declares, like the list's rows.
    assert detail["entry_count"] == 1


def test_notice_list_query_count_is_constant(api, django_assert_num_queries):
    NoticeEntryFactory()
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/notices/")
    for _ in range(10):
        NoticeEntryFactory()
    with django_assert_num_queries(len(one)):
        assert len(api.get("/api/v1/notices/").json()["results"]) == 11


def test_anyone_files_an_objection_and_gets_a_receipt(api):
    entry = NoticeEntryFactory()
    response = api.post(
        "/api/v1/objections/", {"entry": entry.pk, "name": "李四", "contact": "13800138000", "reason": "岗位不符"}
    )
    assert response.status_code == 201, response.json()
    assert set(response.json()) == {"id", "receipt_number", "entry", "status", "filed_at"}
    assert Objection.objects.get().contact == "13800138000"


def test_objection_without_fields_gets_field_messages(api):
    response = api.post("/api/v1/objections/", {"entry": NoticeEntryFactory().pk})
    assert response.status_code == 400
    assert {"name", "contact", "reason"} <= set(response.json())


def test_objection_after_the_period_is_409(api):
    entry = NoticeEntryFactory(notice=past_notice())
    response = api.post(
        "/api/v1/objections/", {"entry": entry.pk, "name": "李四", "contact": "1380", "reason": "岗位不符"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "notice_closed"


def test_public_objections_are_throttled_per_address(api):
    entry = NoticeEntryFactory()
    data = {"entry": entry.pk, "name": "李四", "contact": "13800138000", "reason": "岗位不符"}
    answers = [api.post("/api/v1/objections/", data).status_code for _ in range(11)]
    assert answers[:10] == [201] * 10 and answers[10] == 429
    assert Objection.objects.count() == 10


def test_objections_are_listed_for_the_notice_province_only(api, world):
    ours = ObjectionFactory()
    ObjectionFactory(entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=region("320000"))))
    api.force_authenticate(world.provincial_official)
    rows = api.get("/api/v1/objections/").json()["results"]
    assert [row["id"] for row in rows] == [ours.pk]
    assert rows[0]["contact"] == ours.contact
    api.force_authenticate(world.clerk)
    assert api.get("/api/v1/objections/").status_code == 403
    api.force_authenticate(world.provincial_official_other)
    assert api.get(f"/api/v1/objections/{ours.pk}/").status_code == 404


def test_objection_list_filters_and_query_count(api, world, django_assert_num_queries):
    first = ObjectionFactory()
    api.force_authenticate(world.national_official)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/objections/")
    for _ in range(10):
        ObjectionFactory(entry=first.entry)
    with django_assert_num_queries(len(one)):
        assert len(api.get("/api/v1/objections/").json()["results"]) == 11
    ObjectionFactory(status=ObjectionStatus.DISMISSED, resolution="不属实")
    rows = api.get("/api/v1/objections/", {"status": "dismissed"}).json()["results"]
    assert [row["status"] for row in rows] == ["dismissed"]


def test_resolve_action(api, world, handlers):
    objection = ObjectionFactory()
    api.force_authenticate(world.provincial_official)
    url = f"/api/v1/objections/{objection.pk}/resolve/"
    assert api.post(url, {"decision": "upheld"}).status_code == 400
    response = api.post(url, {"decision": "upheld", "resolution": "经核实属实"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "upheld"
    objection.entry.refresh_from_db()
    assert objection.entry.outcome == EntryOutcome.WITHDRAWN
    assert api.post(url, {"decision": "dismissed", "resolution": "再议"}).status_code == 409
