"""Background work of notifications: e-mail leaves the web request (a slow or dead mail server never
stalls a page); thin task, retries live here (docs/conventions.md §7)."""

from smtplib import SMTPException

from celery import shared_task

from notifications.services import notifications_email


# SMTPException is an OSError; both are named for the reader: refused, timed out, disconnected.
@shared_task(
    name="notifications.email",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=120,
    time_limit=180,
    acks_late=True,
)
def notifications_email_task(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet; how many were sent."""
    return notifications_email(notification_ids=notification_ids)
