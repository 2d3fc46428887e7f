"""Writes to notifications: one row per recipient, and an e-mail to those with an address."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation

from notifications.messages import render
from notifications.models import Notification

logger = logging.getLogger(__name__)


def _distinct_recipients(recipients, actor) -> list:
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
def notify(*, recipients, kind: str, params: dict, url: str = "", actor=None) -> list[Notification]:
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
    mailed = [user for user in users if user.email]
    if mailed:
        sent = send_mass_mail([_mail(user, kind, params, url) for user in mailed], fail_silently=True)
        if sent:
            Notification.objects.filter(
                pk__in=[row.pk for row in created if row.recipient_id in {user.pk for user in mailed}]
            ).update(emailed_at=timezone.now())
    return created


def notify_on_commit(*, recipients, kind: str, params: dict, url: str = "", actor=None) -> None:
    """Notify after the surrounding transaction commits (nothing is sent for a rolled-back write)."""
    recipients = list(recipients)

    def send():
        try:
            notify(recipients=recipients, kind=kind, params=params, url=url, actor=actor)
        except Exception:  # a notification never breaks the write that caused it
            logger.exception("notification %s failed", kind)

    transaction.on_commit(send)


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
