"""Writes to public notices: publish, file and resolve objections, close (docs/evaluations.md, docs/commendations.md).

The owning app's handlers (``notices.registry``) run inside the transaction that confirms or
withdraws its subject. Rows are locked in one order — notice, then objection — so a resolution and a
closing of the same notice serialise.
"""

import datetime
import secrets
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import private_files
from accounts.cache import NOTICES, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.http import client_ip
from accounts.services import audit_record, full_clean_or_raise
from notices import registry
from notices.calendar import add_working_days, lookahead_end
from notices.models import (
    CalendarDay,
    EntryOutcome,
    NoticeEntry,
    NoticeStatus,
    Objection,
    ObjectionStatus,
    PublicNotice,
    default_issuing_authority,
)
from notices.rules import ONLY_NOTICE_OFFICIALS, can_handle_notice_region
from notifications.recipients import provincial_officials_of
from notifications.services import notify_on_commit

if TYPE_CHECKING:
    from accounts.models import User

MAX_WORKING_DAYS = 60
# Receipt numbers: no 0/O or 1/I/L to misread on the telephone; 31^10 ≈ 8·10^14 per year, so
# one receipt says nothing about another.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class NoticeSubject:
    """One line of a notice: the owning app's object and what the public may read about it."""

    subject: models.Model
    masked_name: str
    organisation_name: str
    description: str
    masked_id_number: str = ""
    details: str = ""


def calendar_exceptions(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return dict(CalendarDay.objects.filter(date__gt=start, date__lte=end).values_list("date", "is_working_day"))


def notice_closing_date(opens_on: datetime.date, working_days: int) -> datetime.date:
    return add_working_days(
        opens_on, working_days, calendar_exceptions(opens_on, lookahead_end(opens_on, working_days))
    )


def _check_official(actor: "User | None", region) -> None:
    if actor is None or not can_handle_notice_region(actor, region):
        raise PermissionDeniedError(ONLY_NOTICE_OFFICIALS)


# Publishing


@bumps_scope_version(NOTICES)
@transaction.atomic
def notice_publish(
    *,
    actor: "User",
    title: str,
    body: str,
    region,
    source: str,
    subjects: list[NoticeSubject],
    working_days: int = 5,
    issuing_authority: str = "",
    contact: str = "",
    request=None,
) -> PublicNotice:
    """Open a notice today for ``working_days`` working days; a subject is in at most one open notice."""
    _check_official(actor, region)
    if not subjects:
        raise ApplicationError(_("A notice lists at least one subject."), field="subjects")
    if not isinstance(working_days, int) or not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ApplicationError(
            _("The publicity period is between 1 and %(max)d working days.") % {"max": MAX_WORKING_DAYS},
            field="working_days",
        )
    keys_by_type: dict[int, list[int]] = defaultdict(list)
    for item in subjects:
        model = type(item.subject)
        registry.handlers_for(model)  # a subject nobody can confirm is a programming error
        content_type = ContentType.objects.get_for_model(model)
        keys_by_type[content_type.pk].append(item.subject.pk)
    for content_type_id, ids in keys_by_type.items():
        if len(set(ids)) != len(ids):
            raise ApplicationError(_("A subject is listed twice in this notice."), field="subjects")
        # Lock the subjects so two officials publishing the same dossier at once cannot both succeed.
        subject_model = ContentType.objects.get_for_id(content_type_id).model_class()
        assert subject_model is not None  # the type was just taken from a live subject
        list(subject_model._default_manager.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        taken = NoticeEntry.objects.filter(
            subject_type_id=content_type_id, subject_id__in=ids, notice__status=NoticeStatus.OPEN
        ).select_related("notice")
        clash = taken.first()
        if clash is not None:
            raise ApplicationError(
                _("“%(name)s” is already in the open notice “%(notice)s”.")
                % {"name": clash.masked_name, "notice": clash.notice.title},
                code="subject_in_open_notice",
                status=409,
            )

    opens_on = timezone.localdate()
    notice = PublicNotice(
        title=(title or "").strip(),
        body=(body or "").strip(),
        region=region,
        source=source,
        opens_on=opens_on,
        closes_on=notice_closing_date(opens_on, working_days),
        working_days=working_days,
        issuing_authority=(issuing_authority or "").strip() or default_issuing_authority(region),
        contact=(contact or "").strip(),
        status=NoticeStatus.OPEN,
        published_by=actor,
    )
    full_clean_or_raise(notice)
    notice.save()
    entries = []
    for position, item in enumerate(subjects, start=1):
        entry = NoticeEntry(
            notice=notice,
            subject_type=ContentType.objects.get_for_model(type(item.subject)),
            subject_id=item.subject.pk,
            masked_name=(item.masked_name or "")[:100],
            organisation_name=(item.organisation_name or "")[:200],
            description=(item.description or "")[:300],
            masked_id_number=(item.masked_id_number or "")[:30],
            details=(item.details or "").strip(),
            position=position,
        )
        full_clean_or_raise(entry, exclude=["notice", "subject_type"], validate_unique=False)
        entries.append(entry)
    NoticeEntry.objects.bulk_create(entries)
    audit_record(
        actor=actor,
        obj=notice,
        action="notice_publish",
        to_state=NoticeStatus.OPEN,
        comment=_("%(count)d entries, objections until %(date)s.")
        % {"count": len(entries), "date": notice.closes_on.isoformat()},
        request=request,
    )
    return notice


# Objections


def _required(value, field: str, message: str, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ApplicationError(message, field=field)
    if max_length is not None and len(text) > max_length:
        raise ApplicationError(_("At most %(max)d characters.") % {"max": max_length}, field=field, code="max_length")
    return text


def notice_is_accepting_objections(notice: PublicNotice, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return notice.status == NoticeStatus.OPEN and notice.opens_on <= today <= notice.closes_on


def notice_is_due_to_close(notice: PublicNotice, today: datetime.date | None = None) -> bool:
    """Open with its last day of objections past: what ``notice_close`` accepts (the page's button)."""
    return notice.status == NoticeStatus.OPEN and (today or timezone.localdate()) > notice.closes_on


def new_receipt_number(today: datetime.date | None = None) -> str:
    """``2026-K7QXM-3HF9T``: the year, then ten random characters (secrets, not a sequence)."""
    token = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{(today or timezone.localdate()):%Y}-{token[:5]}-{token[5:]}"


def _unused_receipt_number() -> str:
    # A clash is astronomically unlikely; the unique constraint is the guarantee, this is the retry.
    for _attempt in range(5):
        number = new_receipt_number()
        if not Objection.objects.filter(receipt_number=number).exists():
            return number
    raise RuntimeError("no unused receipt number after 5 attempts")


@bumps_scope_version(NOTICES)
@transaction.atomic
def objection_file(
    *, entry: NoticeEntry, name: str, contact: str, reason: str, attachment=None, request=None
) -> Objection:
    """Anyone objects to one entry, under their real name, while the notice is open, optionally with one
    PDF, JPEG or PNG (checked by content and stored privately: accounts.private_files)."""
    name = _required(name, "name", _("Give your real name."), 100)
    contact = _required(contact, "contact", _("Give a telephone number or an e-mail address."), 100)
    reason = _required(reason, "reason", _("Give the reason for your objection."), 5000)
    if attachment is not None:
        try:
            content_type, size = private_files.validate_upload(attachment)
        except ApplicationError as error:
            raise ApplicationError(error.message, code=error.code, field="attachment") from error
    notice = PublicNotice.objects.select_for_update().get(pk=entry.notice_id)
    if not notice_is_accepting_objections(notice):
        raise ApplicationError(
            _("The publicity period of this notice has ended; objections are no longer accepted."),
            code="notice_closed",
            status=409,
        )
    entry = NoticeEntry.objects.get(pk=entry.pk)
    if entry.outcome != EntryOutcome.PENDING:
        raise ApplicationError(
            _("This entry has already been withdrawn from the notice."), code="entry_withdrawn", status=409
        )
    objection = Objection(
        entry=entry,
        name=name,
        contact=contact,
        reason=reason,
        ip_address=client_ip(request),
        receipt_number=_unused_receipt_number(),
    )
    full_clean_or_raise(objection, exclude=["attachment"])
    stored = None
    if attachment is not None:
        stored = private_files.store_upload(
            attachment, folder=f"objections/{entry.notice_id}", content_type=content_type, size=size
        )
        objection.attachment.name = stored.name
        objection.attachment_name = stored.original_name
        objection.attachment_content_type = stored.content_type
        objection.attachment_size = stored.size
        objection.attachment_sha256 = stored.sha256
    try:
        with transaction.atomic():
            objection.save()
    except BaseException:
        if stored is not None:
            private_files.discard(stored.name)
        raise
    # The objector's contact stays out of the audit comment: the trail is read more widely.
    audit_record(
        actor=None,
        obj=objection,
        action="objection_file",
        to_state=ObjectionStatus.FILED,
        comment=_("Receipt %(receipt)s") % {"receipt": objection.receipt_number},
        request=request,
    )
    _notify_officials_of_objection(notice, objection)
    return objection


def _notify_officials_of_objection(notice: PublicNotice, objection: Objection) -> None:
    notify_on_commit(
        recipients=provincial_officials_of(notice.region),
        kind="objection_filed",
        params={"notice": notice.title, "name": objection.entry.masked_name},
        url=_lazy_url("notices:objection-resolve", objection.pk),
    )


def _lazy_url(name: str, pk: int) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _load_subjects(entries) -> dict[tuple[int, int], object]:
    ids_by_type: dict[int, list[int]] = defaultdict(list)
    for entry in entries:
        ids_by_type[entry.subject_type_id].append(entry.subject_id)
    subjects: dict[tuple[int, int], object] = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # the subject's model was removed since: its entries show without a subject
            continue
        for pk, subject in model._default_manager.in_bulk(ids).items():
            subjects[(content_type_id, pk)] = subject
    return subjects


@bumps_scope_version(NOTICES)
@transaction.atomic
def objection_resolve(*, actor: "User", objection: Objection, upheld: bool, resolution: str, request=None) -> Objection:
    """Uphold (the entry is withdrawn and its owner told) or dismiss an objection, with the reason."""
    notice = (
        PublicNotice.objects.select_related("region").select_for_update(of=("self",)).get(pk=objection.entry.notice_id)
    )
    _check_official(actor, notice.region)
    resolution = _required(resolution, "resolution", _("Write the resolution: what was found and why."), 5000)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != ObjectionStatus.FILED:
        raise ApplicationError(
            _("This objection has already been resolved (%(status)s).") % {"status": objection.get_status_display()},
            code="objection_resolved",
            status=409,
        )
    to_state = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.status = to_state
    objection.resolution = resolution
    objection.resolved_by = actor
    objection.resolved_at = timezone.now()
    full_clean_or_raise(objection)
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    audit_record(
        actor=actor,
        obj=objection,
        action="objection_resolve",
        from_state=ObjectionStatus.FILED,
        to_state=to_state,
        comment=resolution,
        request=request,
    )
    entry = NoticeEntry.objects.select_for_update().get(pk=objection.entry_id)
    if upheld:
        if entry.outcome == EntryOutcome.PENDING:
            entry.outcome = EntryOutcome.WITHDRAWN
            entry.save(update_fields=["outcome"])
            entry.notice = notice
            audit_record(
                actor=actor,
                obj=entry,
                action="notice_entry_withdraw",
                from_state=EntryOutcome.PENDING,
                to_state=EntryOutcome.WITHDRAWN,
                comment=resolution,
                request=request,
            )
            subject = _load_subjects([entry]).get((entry.subject_type_id, entry.subject_id))
            registry.handlers_for(entry.subject_type.model_class()).on_withdrawn(subject, entry, actor)
    handlers = registry.handlers_for(entry.subject_type.model_class())
    if handlers.on_objection_resolved is not None:
        entry.notice = notice
        subject = _load_subjects([entry]).get((entry.subject_type_id, entry.subject_id))
        handlers.on_objection_resolved(subject, objection, actor)
    return objection


# Closing


@bumps_scope_version(NOTICES)
@transaction.atomic
def notice_close(*, notice: PublicNotice, actor: "User | None" = None, request=None) -> PublicNotice:
    """End a notice after its last day: every entry still pending is confirmed and its owner told."""
    notice = PublicNotice.objects.select_related("region").select_for_update(of=("self",)).get(pk=notice.pk)
    if actor is not None:
        _check_official(actor, notice.region)
    if notice.status != NoticeStatus.OPEN:
        raise ApplicationError(_("This notice is already closed."), code="notice_closed", status=409)
    if timezone.localdate() <= notice.closes_on:
        raise ApplicationError(
            _("Objections are accepted until %(date)s; the notice closes after that day.")
            % {"date": notice.closes_on.isoformat()},
            code="notice_still_open",
            status=409,
        )
    if Objection.objects.filter(entry__notice=notice, status=ObjectionStatus.FILED).exists():
        raise ApplicationError(
            _("Resolve the objections to this notice first."), code="objections_unresolved", status=409
        )
    entries = list(
        NoticeEntry.objects.select_for_update().filter(notice=notice, outcome=EntryOutcome.PENDING).order_by("position")
    )
    subjects = _load_subjects(entries)
    NoticeEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(outcome=EntryOutcome.CONFIRMED)
    notice.status = NoticeStatus.CLOSED
    notice.closed_at = timezone.now()
    notice.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        obj=notice,
        action="notice_close",
        from_state=NoticeStatus.OPEN,
        to_state=NoticeStatus.CLOSED,
        comment=_("%(count)d entries confirmed.") % {"count": len(entries)},
        request=request,
    )
    for entry in entries:
        entry.outcome = EntryOutcome.CONFIRMED
        entry.notice = notice
        handlers = registry.handlers_for(ContentType.objects.get_for_id(entry.subject_type_id).model_class())
        handlers.on_confirmed(subjects.get((entry.subject_type_id, entry.subject_id)), entry, actor)
    return notice


def notices_close_due(*, today: datetime.date | None = None) -> list[int]:
    """Close every notice past its last day with no unresolved objection (the daily beat task)."""
    today = today or timezone.localdate()
    due = (
        PublicNotice.objects.filter(status=NoticeStatus.OPEN, closes_on__lt=today)
        .exclude(entries__objections__status=ObjectionStatus.FILED)
        .values_list("pk", flat=True)
    )
    closed = []
    for pk in list(due):
        try:
            notice_close(notice=PublicNotice(pk=pk))
        except ApplicationError:
            continue  # an objection arrived or another worker closed it meanwhile
        closed.append(pk)
    return closed
