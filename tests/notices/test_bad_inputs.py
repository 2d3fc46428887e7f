"""Public notices and objections, bad inputs: a notice closed before its last day, one not open yet, a missing
or too long contact, objections to a withdrawn entry through the API, the page throttle's answer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.errors import ApplicationError
from accounts.models import AuditLog
from notices.models import EntryOutcome, NoticeStatus, Objection
from notices.services import objection_file
from notifications.models import Notification
from tests.notices.factories import NoticeEntryFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db

DATA = {"name": "李四", "contact": "13800138000", "reason": "该人员实际从事岗位与申报职业不符。"}


def closed_early_notice():
    """Closed (by an official) although its last day is still ahead."""
    return PublicNoticeFactory(status=NoticeStatus.CLOSED, closed_at=timezone.now())


def future_notice():
    today = timezone.localdate()
    opens_on = today + datetime.timedelta(days=2)
    return PublicNoticeFactory(opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=7))


def assert_nothing_filed():
    assert not Objection.objects.exists()
    assert not AuditLog.objects.filter(action="objection_file").exists()
    assert not Notification.objects.filter(kind="objection_filed").exists()


@pytest.mark.parametrize("make_notice", [closed_early_notice, future_notice], ids=["closed-early", "not-open-yet"])
def test_no_objection_outside_an_open_period(make_notice):
    entry = NoticeEntryFactory(notice=make_notice())
    with pytest.raises(ApplicationError) as refused:
        objection_file(entry=entry, **DATA)
    assert (refused.value.status, refused.value.code) == (409, "notice_closed")
    assert str(refused.value.message)
    assert_nothing_filed()


@pytest.mark.parametrize(("field", "limit"), [("name", 100), ("contact", 100), ("reason", 5000)])
def test_too_long_fields_are_refused_on_their_field(field, limit):
    entry = NoticeEntryFactory()
    with pytest.raises(ApplicationError) as refused:
        objection_file(entry=entry, **(DATA | {field: "1" * (limit + 1)}))
    assert (refused.value.status, refused.value.field, refused.value.code) == (400, field, "max_length")
    assert_nothing_filed()
    assert objection_file(entry=entry, **(DATA | {field: "1" * limit})).pk


@pytest.fixture
def api():
    return APIClient()


def test_api_missing_contact_alone_is_named(api):
    entry = NoticeEntryFactory()
    response = api.post("/api/v1/objections/", {"entry": entry.pk, "name": "李四", "reason": "岗位不符"})
    assert response.status_code == 400
    assert "contact" in response.json() and "name" not in response.json() and "reason" not in response.json()
    assert_nothing_filed()


def test_api_blank_contact_is_refused(api):
    entry = NoticeEntryFactory()
    response = api.post("/api/v1/objections/", {"entry": entry.pk, **(DATA | {"contact": "   "})})
    assert response.status_code == 400 and "contact" in response.json()
    assert_nothing_filed()


@pytest.mark.parametrize("make_notice", [closed_early_notice, future_notice], ids=["closed-early", "not-open-yet"])
def test_api_objection_outside_the_period_is_409(api, make_notice):
    entry = NoticeEntryFactory(notice=make_notice())
    response = api.post("/api/v1/objections/", {"entry": entry.pk, **DATA})
    assert response.status_code == 409 and response.json()["code"] == "notice_closed"
    assert_nothing_filed()


def test_api_objection_to_a_withdrawn_entry_is_409(api):
    entry = NoticeEntryFactory(outcome=EntryOutcome.WITHDRAWN)
    response = api.post("/api/v1/objections/", {"entry": entry.pk, **DATA})
    assert response.status_code == 409 and response.json()["code"] == "entry_withdrawn"
    assert_nothing_filed()


def test_api_objection_to_an_unknown_entry_is_a_field_error(api):
    response = api.post("/api/v1/objections/", {"entry": 987654, **DATA})
    assert response.status_code == 400 and "entry" in response.json()
    assert_nothing_filed()


def test_page_objection_to_a_notice_closed_early_is_refused_clearly(client):
    entry = NoticeEntryFactory(notice=closed_early_notice())
    response = client.post(reverse("notices:notice-detail", args=[entry.notice_id]), {"entry": entry.pk, **DATA})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert_nothing_filed()


def test_page_throttle_answers_with_a_message_and_files_nothing(client, settings):
    settings.NOTICES_OBJECTION_PAGE_RATE = (1, 3600)
    entry = NoticeEntryFactory()
    url = reverse("notices:notice-detail", args=[entry.notice_id])
    assert client.post(url, {"entry": entry.pk, **DATA}).status_code == 302
    response = client.post(url, {"entry": entry.pk, **DATA})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert Objection.objects.count() == 1


def test_the_public_api_never_shows_the_objectors_contact(api):
    entry = NoticeEntryFactory()
    api.post("/api/v1/objections/", {"entry": entry.pk, **DATA})
    assert Objection.objects.count() == 1
    detail = api.get(f"/api/v1/notices/{entry.notice_id}/").content.decode()
    assert DATA["contact"] not in detail and DATA["name"] not in detail
