"""Writes to notifications: one row per recipient, and an e-mail to those with an address (sent by a
Celery task after the commit, never inside the web request)."""

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation

from accounts import dispatch
from notifications.messages import render
from notifications.models import Notification

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def _distinct_recipients(recipients, actor: "User | None") -> list:
    seen, users = set(), []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        if actor is not None and user.pk == actor.pk:
            continue  # nobody needs telling about their own action
        seen.add(user.pk)
        users.append(user)
    return users


def _absolute(url: str) -> str:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return f"{base}{url}" if url and base and url.startswith("/") else url


def _mail(user, kind: str, params: dict, url: str) -> tuple:
    """One e-mail in the language the recipient last chose (the portal's default otherwise); the
    in-app list renders in the reader's language when it is read."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        title, body = render(kind, params)
    link = _absolute(url)
    return (title, f"{body}\n\n{link}" if link else body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def notify(*, recipients, kind: str, params: dict, url: str = "", actor: "User | None" = None) -> list[Notification]:
    """Tell each recipient (bulk insert) and e-mail those with an address; the actor is left out."""
    users = _distinct_recipients(recipients, actor)
    if not users:
        return []
    now = timezone.now()
    params = {key: ("" if value is None else str(value)) for key, value in (params or {}).items()}
    rows = [
        Notification(recipient=user, kind=kind, params=params, url=url or "", actor=actor, created_at=now)
        for user in users
    ]
    created = Notification.objects.bulk_create(rows)
    mailed = [row.pk for row in created if row.recipient.email]
    if mailed:
        # After the commit (the task reads the rows) and robust: a broker that is down loses the
        # e-mail, logged, never the write that caused it.
        transaction.on_commit(lambda: _enqueue_email(mailed), robust=True)
    return created


def _enqueue_email(notification_ids: list[int]) -> None:
    # By name (docs/conventions.md §7): the task module imports this one.
    dispatch.task("notifications.email").delay(notification_ids)


def notifications_email(*, notification_ids: list[int]) -> int:
    """E-mail each of these notifications not e-mailed yet, in the language its recipient last chose,
    marking each as it goes: a retry after a failure sends only what was not sent. A mail server
    error propagates (the task retries on it)."""
    rows = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    sent = 0
    with get_connection() as connection:
        for row in rows:
            subject, body, from_email, to = _mail(row.recipient, row.kind, row.params, row.url)
            connection.send_messages([EmailMessage(subject, body, from_email, to, connection=connection)])
            Notification.objects.filter(pk=row.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def notify_on_commit(*, recipients, kind: str, params: dict, url: str = "", actor: "User | None" = None) -> None:
    """Notify after the surrounding transaction commits (nothing is sent for a rolled-back write)."""
    recipients = list(recipients)

    def send():
        try:
            notify(recipients=recipients, kind=kind, params=params, url=url, actor=actor)
        except Exception:  # a notification never breaks the write that caused it
            logger.exception("notification %s failed", kind)

    transaction.on_commit(send)


@transaction.atomic
def notification_mark_read(*, actor: "User", notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor: "User") -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
