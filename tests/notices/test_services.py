"""Notice services: publish, object, resolve, close — permissions, conflicts, handlers, audit."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from notices.calendar import add_working_days
from notices.models import CalendarDay, EntryOutcome, NoticeStatus, Objection, ObjectionStatus, PublicNotice
from notices.services import (
    NoticeSubject,
    notice_close,
    notice_publish,
    notices_close_due,
    objection_file,
    objection_resolve,
)
from notices.tasks import notices_close_due_task
from notifications.models import Notification
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory, past_notice
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def subjects(*talents):
    return [NoticeSubject(t, f"{t.name[0]}*{i}", t.employer.name, "车工 技师") for i, t in enumerate(talents)]


# Publishing


def test_publish_opens_today_and_closes_after_n_working_days(world, handlers):
    today = timezone.localdate()
    holiday = add_working_days(today, 2, {})
    CalendarDay.objects.create(date=holiday, is_working_day=False, note="假日")
    talents = [TalentFactory(employer=world.org), TalentFactory(employer=world.org_other_city)]

    notice = notice_publish(
        actor=world.provincial_official,
        title="2026年车工技师评价结果公示",
        body="",
        region=region("440000"),
        source="evaluations",
        subjects=subjects(*talents),
    )

    assert notice.opens_on == today
    assert notice.closes_on == add_working_days(today, 5, {holiday: False})
    assert notice.closes_on > add_working_days(today, 5, {})
    assert [e.subject for e in notice.entries.order_by("position")] == talents
    assert notice.entries.filter(outcome=EntryOutcome.PENDING).count() == 2
    log = AuditLog.objects.for_object(notice).get()
    assert (log.action, log.to_state, log.actor) == ("notice_publish", "open", world.provincial_official)


def test_a_subject_in_an_open_notice_cannot_be_published_again(world, handlers):
    talent = TalentFactory(employer=world.org)
    notice_publish(
        actor=world.provincial_official,
        title="A",
        body="",
        region=region("440000"),
        source="evaluations",
        subjects=subjects(talent),
    )
    with pytest.raises(ApplicationError) as error:
        notice_publish(
            actor=world.national_official,
            title="B",
            body="",
            region=region("440000"),
            source="evaluations",
            subjects=subjects(TalentFactory(employer=world.org), talent),
        )
    assert error.value.status == 409
    assert PublicNotice.objects.count() == 1


def test_a_subject_of_a_closed_notice_may_be_published_again(world, handlers):
    entry = NoticeEntryFactory(notice=PublicNoticeFactory(status=NoticeStatus.CLOSED))
    notice = notice_publish(
        actor=world.provincial_official,
        title="B",
        body="",
        region=region("440000"),
        source="evaluations",
        subjects=subjects(entry.subject),
    )
    assert notice.entries.get().subject == entry.subject


@pytest.mark.parametrize("who", ["clerk", "city_official", "provincial_official_other", "expert"])
def test_only_the_province_or_ministry_publishes(world, handlers, who):
    with pytest.raises(PermissionDeniedError):
        notice_publish(
            actor=getattr(world, who),
            title="A",
            body="",
            region=region("440000"),
            source="evaluations",
            subjects=subjects(TalentFactory(employer=world.org)),
        )
    assert not PublicNotice.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"subjects": []}, "subjects"), ({"working_days": 0}, "working_days"), ({"title": " "}, "title")],
)
def test_publish_refuses_bad_input(world, handlers, kwargs, field):
    arguments = {
        "actor": world.provincial_official,
        "title": "A",
        "body": "",
        "region": region("440000"),
        "source": "evaluations",
        "subjects": subjects(TalentFactory(employer=world.org)),
    } | kwargs
    with pytest.raises(ApplicationError) as error:
        notice_publish(**arguments)
    assert (error.value.status, error.value.field) == (400, field)


# Objections


def test_objection_is_filed_while_open_audited_without_contact_and_officials_told(
    world, django_capture_on_commit_callbacks
):
    entry = NoticeEntryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        objection = objection_file(entry=entry, name=" 李四 ", contact="13800138000", reason="岗位不符")
    assert (objection.name, objection.status) == ("李四", ObjectionStatus.FILED)
    log = AuditLog.objects.for_object(objection).get()
    assert log.action == "objection_file" and "13800138000" not in log.comment
    told = set(Notification.objects.filter(kind="objection_filed").values_list("recipient__region__code", flat=True))
    assert told == {"440000"}  # Guangdong's officials, not Jiangsu's
    assert Notification.objects.filter(kind="objection_filed", recipient=world.provincial_official).exists()


@pytest.mark.parametrize("field", ["name", "contact", "reason"])
def test_objection_needs_all_three_fields(field):
    data = {"name": "李四", "contact": "13800138000", "reason": "岗位不符"} | {field: "  "}
    with pytest.raises(ApplicationError) as error:
        objection_file(entry=NoticeEntryFactory(), **data)
    assert (error.value.status, error.value.field) == (400, field)
    assert not Objection.objects.exists()


def test_no_objection_after_the_last_day():
    entry = NoticeEntryFactory(notice=past_notice())
    with pytest.raises(ApplicationError) as error:
        objection_file(entry=entry, name="李四", contact="13800138000", reason="岗位不符")
    assert error.value.status == 409
    assert not Objection.objects.exists()


def test_objections_are_accepted_on_the_last_day():
    today = timezone.localdate()
    entry = NoticeEntryFactory(notice=PublicNoticeFactory(opens_on=today - datetime.timedelta(days=7), closes_on=today))
    assert objection_file(entry=entry, name="李四", contact="x@example.com", reason="岗位不符").pk


def test_no_objection_to_a_withdrawn_entry():
    entry = NoticeEntryFactory(outcome=EntryOutcome.WITHDRAWN)
    with pytest.raises(ApplicationError) as error:
        objection_file(entry=entry, name="李四", contact="13800138000", reason="岗位不符")
    assert error.value.status == 409


# Resolving


def test_upheld_objection_withdraws_the_entry_and_calls_the_handler(world, handlers):
    objection = ObjectionFactory()
    objection_resolve(actor=world.provincial_official, objection=objection, upheld=True, resolution="经核实属实")

    objection.refresh_from_db()
    objection.entry.refresh_from_db()
    assert (objection.status, objection.resolved_by) == (ObjectionStatus.UPHELD, world.provincial_official)
    assert objection.entry.outcome == EntryOutcome.WITHDRAWN
    assert [(s, e.pk, a) for s, e, a in handlers.withdrawn] == [
        (objection.entry.subject, objection.entry.pk, world.provincial_official)
    ]
    assert AuditLog.objects.for_object(objection).filter(action="objection_resolve", to_state="upheld").exists()
    assert AuditLog.objects.for_object(objection.entry).filter(action="notice_entry_withdraw").exists()


def test_dismissed_objection_keeps_the_entry(world, handlers):
    objection = ObjectionFactory()
    objection_resolve(actor=world.national_official, objection=objection, upheld=False, resolution="经核实不属实")
    objection.entry.refresh_from_db()
    assert objection.entry.outcome == EntryOutcome.PENDING
    assert handlers.withdrawn == []


def test_a_failing_handler_rolls_the_resolution_back(world):
    from notices import registry
    from talents.models import Talent

    def boom(subject, entry, actor):
        raise ApplicationError("subject refuses", status=409)

    registry.register_subject_handlers(Talent, on_confirmed=boom, on_withdrawn=boom)
    try:
        objection = ObjectionFactory()
        with pytest.raises(ApplicationError) as refused:
            objection_resolve(actor=world.provincial_official, objection=objection, upheld=True, resolution="属实")
        assert (refused.value.code, refused.value.status) == ("invalid", 409)
    finally:
        registry.unregister_subject_handlers(Talent)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.FILED
    assert objection.entry.outcome == EntryOutcome.PENDING


def test_resolution_text_is_required(world, handlers):
    objection = ObjectionFactory()
    with pytest.raises(ApplicationError) as error:
        objection_resolve(actor=world.provincial_official, objection=objection, upheld=False, resolution=" ")
    assert error.value.field == "resolution"


def test_an_objection_is_resolved_once(world, handlers):
    objection = ObjectionFactory()
    objection_resolve(actor=world.provincial_official, objection=objection, upheld=False, resolution="不属实")
    with pytest.raises(ApplicationError) as error:
        objection_resolve(actor=world.provincial_official, objection=objection, upheld=True, resolution="属实")
    assert error.value.status == 409


@pytest.mark.parametrize("who", ["clerk", "city_official", "provincial_official_other", "expert"])
def test_only_officials_of_the_notice_region_resolve(world, handlers, who):
    objection = ObjectionFactory()
    with pytest.raises(PermissionDeniedError):
        objection_resolve(actor=getattr(world, who), objection=objection, upheld=True, resolution="属实")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.FILED


# Closing


def test_close_confirms_pending_entries_and_calls_the_handlers(world, handlers):
    notice = past_notice()
    kept = NoticeEntryFactory(notice=notice)
    NoticeEntryFactory(notice=notice, outcome=EntryOutcome.WITHDRAWN)

    notice_close(notice=notice, actor=world.provincial_official)

    notice.refresh_from_db()
    kept.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED and notice.closed_at is not None
    assert kept.outcome == EntryOutcome.CONFIRMED
    assert [(s, e.pk) for s, e, a in handlers.confirmed] == [(kept.subject, kept.pk)]
    assert AuditLog.objects.for_object(notice).filter(action="notice_close", to_state="closed").exists()


def test_close_waits_for_the_last_day_to_pass(world, handlers):
    notice = PublicNoticeFactory(closes_on=timezone.localdate())
    NoticeEntryFactory(notice=notice)
    with pytest.raises(ApplicationError) as error:
        notice_close(notice=notice, actor=world.provincial_official)
    assert error.value.status == 409
    assert handlers.confirmed == []


def test_close_waits_for_objections_to_be_resolved(world, handlers):
    objection = ObjectionFactory(entry=NoticeEntryFactory(notice=past_notice()))
    with pytest.raises(ApplicationError) as error:
        notice_close(notice=objection.entry.notice, actor=world.provincial_official)
    assert (error.value.status, error.value.code) == (409, "objections_unresolved")


def test_a_closed_notice_is_not_closed_again(world, handlers):
    notice = past_notice(status=NoticeStatus.CLOSED)
    with pytest.raises(ApplicationError) as error:
        notice_close(notice=notice, actor=world.provincial_official)
    assert error.value.status == 409


def test_officials_of_another_province_cannot_close(world, handlers):
    notice = past_notice()
    with pytest.raises(PermissionDeniedError):
        notice_close(notice=notice, actor=world.provincial_official_other)


def test_the_daily_task_closes_only_due_notices_without_open_objections(world, handlers):
    due = past_notice()
    NoticeEntryFactory(notice=due)
    blocked = past_notice()
    ObjectionFactory(entry=NoticeEntryFactory(notice=blocked))
    running = PublicNoticeFactory()

    assert notices_close_due_task.apply().get() == 1

    statuses = dict(PublicNotice.objects.values_list("pk", "status"))
    assert statuses == {due.pk: "closed", blocked.pk: "open", running.pk: "open"}
    assert len(handlers.confirmed) == 1
    assert notices_close_due() == []  # nothing left to do
    assert not mail.outbox or all("异议" not in m.body for m in mail.outbox)


def test_the_daily_task_is_on_the_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["notices-close-due"]["task"] == notices_close_due_task.name
