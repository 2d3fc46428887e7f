"""Background work of public notices: closing those whose publicity period has ended."""

from celery import shared_task

from notices.services import notices_close_due


@shared_task(name="notices.close_due", soft_time_limit=540, time_limit=600, acks_late=True, ignore_result=True)
def notices_close_due_task() -> int:
    """The daily beat run: a notice with an unresolved objection waits for an official."""
    return len(notices_close_due())
