"""Admin: notices, entries and objections read-only and scoped; calendar exceptions audited."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AuditLog
from notices.models import CalendarDay, NoticeEntry, Objection, PublicNotice
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db


def queryset_for(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site._registry[model].get_queryset(request)


@pytest.mark.parametrize("model", [PublicNotice, NoticeEntry, Objection])
def test_staff_see_only_their_province(world, model):
    ours = ObjectionFactory()
    ObjectionFactory(entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=region("320000"))))
    expected = {PublicNotice: ours.entry.notice, NoticeEntry: ours.entry, Objection: ours}[model]
    assert list(queryset_for(model, world.provincial_official)) == [expected]
    assert queryset_for(model, world.admin).count() == 2
    assert not queryset_for(model, world.clerk).exists()


@pytest.mark.parametrize("model", [PublicNotice, NoticeEntry, Objection])
def test_records_are_read_only(world, model):
    request = RequestFactory().get("/admin/")
    request.user = world.admin
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_calendar_exceptions_are_edited_by_superusers_and_audited(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:notices_calendarday_add"), {"date": "2031-10-01", "is_working_day": "", "note": "国庆节"}
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=datetime.date(2031, 10, 1))
    assert AuditLog.objects.for_object(day).get().action == "admin_create"
