"""Reads of notifications: a user sees only their own (another's is 404)."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from notifications.messages import render
from notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def notification_list(*, actor: "User | AnonymousUser") -> QuerySet[Notification]:
    if not actor.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=actor).order_by("-created_at", "-pk")


def notification_get(*, actor: "User", pk: int) -> Notification:
    notification = notification_list(actor=actor).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(*, actor: "User | AnonymousUser") -> int:
    if not actor.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).count()


def with_text(notifications) -> list:
    """Attach ``title`` and ``body`` rendered in the active language."""
    rows = list(notifications)
    for row in rows:
        row.title, row.body = render(row.kind, row.params)
    return rows


def admin_notification_list(*, actor: "User") -> QuerySet[Notification]:
    """Administrators look at delivery problems; other staff see only their own."""
    if actor.is_superuser:
        return Notification.objects.select_related("recipient", "actor")
    return notification_list(actor=actor).select_related("recipient", "actor")
