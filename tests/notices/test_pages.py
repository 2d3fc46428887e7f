"""Public notice pages (anonymous visitors read and object) and the officials' objection pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices.models import EntryOutcome, NoticeStatus, Objection, ObjectionStatus
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory, past_notice

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def objection_data(entry, **overrides):
    return {"entry": entry.pk, "name": "李四", "contact": "13800138000", "reason": "岗位不符"} | overrides


# Public list and detail


def test_anonymous_visitors_see_open_and_recently_closed_notices(client):
    open_notice = PublicNoticeFactory(title="公示一")
    long_closed = past_notice(
        title="公示二", status=NoticeStatus.CLOSED, closed_at=timezone.now() - datetime.timedelta(days=90)
    )
    recent = past_notice(title="公示三", status=NoticeStatus.CLOSED, closed_at=timezone.now())

    response = client.get(reverse("notices:notice-list"))

    assert response.status_code == 200
    titles = [n.title for n in response.context["notices"]]
    assert open_notice.title in titles and recent.title in titles and long_closed.title not in titles
    # a long-closed notice is still reachable by its link
    assert client.get(reverse("notices:notice-detail", args=[long_closed.pk])).status_code == 200


def test_notice_list_query_count_is_constant(client, django_assert_num_queries):
    entries = [NoticeEntryFactory()]
    one = count_queries(client, reverse("notices:notice-list"))
    entries += [NoticeEntryFactory() for _ in range(10)]
    with django_assert_num_queries(one):
        body = client.get(reverse("notices:notice-list")).content.decode()
    for entry in entries:  # every notice is on the page
        assert f'href="{reverse("notices:notice-detail", args=[entry.notice_id])}"' in body


def test_notice_detail_shows_masked_names_and_never_the_objectors_contact(client):
    entry = NoticeEntryFactory(masked_name="王*明")
    ObjectionFactory(entry=entry, contact="13912345678")
    response = client.get(reverse("notices:notice-detail", args=[entry.notice_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "王*明" in body and entry.subject.name not in body
    assert "13912345678" not in body
    assert 'name="csrfmiddlewaretoken"' in body and f'id="object-{entry.pk}"' in body


def test_notice_detail_query_count_is_constant(client, django_assert_num_queries):
    notice = PublicNoticeFactory()
    NoticeEntryFactory(notice=notice)
    url = reverse("notices:notice-detail", args=[notice.pk])
    one = count_queries(client, url)
    for _ in range(10):
        NoticeEntryFactory(notice=notice)
    with django_assert_num_queries(one):
        body = client.get(url).content.decode()
    for entry in notice.entries.all():  # every entry is on the page, with its objection form's choice
        assert f'id="object-{entry.pk}"' in body


def test_anonymous_objection_is_filed_with_a_thank_you_and_a_receipt(client):
    entry = NoticeEntryFactory()
    response = client.post(reverse("notices:notice-detail", args=[entry.notice_id]), objection_data(entry), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notices:objection-receipt")
    objection = Objection.objects.get()
    assert objection.entry == entry
    body = response.content.decode()
    assert f'id="receipt-number">{objection.receipt_number}<' in body
    assert "13800138000" not in body
    assert response["Cache-Control"] == "no-store"
    # Shown once: a reload (or another visitor) does not see it again.
    again = client.get(reverse("notices:objection-receipt"))
    assert again.status_code == 302 and objection.receipt_number not in again.content.decode()


def test_objection_form_shows_field_errors(client):
    entry = NoticeEntryFactory()
    response = client.post(reverse("notices:notice-detail", args=[entry.notice_id]), objection_data(entry, reason=""))
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert not Objection.objects.exists()


def test_objection_after_the_period_is_refused_clearly(client):
    entry = NoticeEntryFactory(notice=past_notice())
    response = client.post(reverse("notices:notice-detail", args=[entry.notice_id]), objection_data(entry))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Objection.objects.exists()


def test_objection_to_an_entry_of_another_notice_is_404(client):
    entry = NoticeEntryFactory()
    other = PublicNoticeFactory()
    response = client.post(reverse("notices:notice-detail", args=[other.pk]), objection_data(entry))
    assert response.status_code == 404


def test_objections_from_one_address_are_limited(client, settings):
    settings.NOTICES_OBJECTION_PAGE_RATE = (2, 3600)
    entry = NoticeEntryFactory()
    url = reverse("notices:notice-detail", args=[entry.notice_id])
    for _ in range(2):
        assert client.post(url, objection_data(entry)).status_code == 302
    response = client.post(url, objection_data(entry))
    assert response.status_code == 400
    assert Objection.objects.count() == 2


# Officials


def test_objection_list_is_scoped_to_the_officials_province(client, world):
    ours = ObjectionFactory()
    theirs = ObjectionFactory(
        entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=world.org_other_province.region.parent))
    )
    client.force_login(world.provincial_official)
    response = client.get(reverse("notices:objection-list"))
    shown = list(response.context["objections"])
    assert shown == [ours] and theirs not in shown
    assert ours.contact in response.content.decode()  # officials need to reach the objector


def test_objection_list_filters(client, world):
    filed = ObjectionFactory()
    ObjectionFactory(status=ObjectionStatus.DISMISSED, resolution="不属实")
    other_notice = ObjectionFactory()
    client.force_login(world.national_official)
    response = client.get(reverse("notices:objection-list"), {"status": "filed", "notice": filed.entry.notice_id})
    assert list(response.context["objections"]) == [filed]
    assert other_notice not in response.context["objections"]


def test_objection_list_query_count_is_constant(client, world, django_assert_num_queries):
    objections = [ObjectionFactory()]
    client.force_login(world.provincial_official)
    url = reverse("notices:objection-list")
    one = count_queries(client, url)
    notice = PublicNoticeFactory()
    objections += [ObjectionFactory(entry=NoticeEntryFactory(notice=notice)) for _ in range(10)]
    # one more notice in the filter's choices does not add a query either
    with django_assert_num_queries(one):
        body = client.get(url).content.decode()
    for objection in objections:  # every objection is on the page
        assert f'href="{reverse("notices:objection-resolve", args=[objection.pk])}"' in body


def test_resolving_on_the_page(client, world, handlers):
    objection = ObjectionFactory()
    client.force_login(world.provincial_official)
    url = reverse("notices:objection-resolve", args=[objection.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "upheld", "resolution": ""})
    assert response.status_code == 200 and "resolution" in response.context["form"].errors
    response = client.post(url, {"decision": "upheld", "resolution": "经核实属实"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert objection.entry.outcome == EntryOutcome.WITHDRAWN
    assert len(handlers.withdrawn) == 1


def test_resolve_page_of_another_province_is_404(client, world):
    objection = ObjectionFactory()
    client.force_login(world.provincial_official_other)
    assert client.get(reverse("notices:objection-resolve", args=[objection.pk])).status_code == 404


def test_closing_on_the_page(client, world, handlers):
    notice = past_notice()
    NoticeEntryFactory(notice=notice)
    client.force_login(world.provincial_official)
    response = client.post(reverse("notices:notice-close", args=[notice.pk]))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED
    assert len(handlers.confirmed) == 1


def test_closing_too_early_shows_why(client, world, handlers):
    notice = PublicNoticeFactory()
    client.force_login(world.provincial_official)
    response = client.post(reverse("notices:notice-close", args=[notice.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.OPEN


def test_officials_see_the_close_button_once_the_notice_is_due_and_unresolved_counts(client, world):
    objection = ObjectionFactory(entry=NoticeEntryFactory(notice=past_notice()))
    client.force_login(world.provincial_official)
    body = client.get(reverse("notices:notice-detail", args=[objection.entry.notice_id])).content.decode()
    assert reverse("notices:notice-close", args=[objection.entry.notice_id]) in body
    assert "status=filed" in body
    running = PublicNoticeFactory()  # objections still accepted: nothing to close yet
    body = client.get(reverse("notices:notice-detail", args=[running.pk])).content.decode()
    assert reverse("notices:notice-close", args=[running.pk]) not in body
    client.force_login(world.clerk)
    body = client.get(reverse("notices:notice-detail", args=[objection.entry.notice_id])).content.decode()
    assert reverse("notices:notice-close", args=[objection.entry.notice_id]) not in body
