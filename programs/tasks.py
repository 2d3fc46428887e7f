"""Background work of the programs app: keeping the progress dashboard's aggregate fresh."""

import datetime

from celery import shared_task

from programs.models import Plan
from programs.selectors.progress import progress_is_fresh
from programs.services.progress import progress_refresh


# A refresh at national scale (1,000,000 enrolments) takes seconds; the limits leave ample room.
@shared_task(soft_time_limit=540, time_limit=600, acks_late=True)
def progress_refresh_plan(plan_id: int, requested_at: str | None = None) -> int | None:
    """Recompute one plan's progress figures; returns the refresh's duration in ms (None if skipped)."""
    if requested_at and progress_is_fresh(plan_id=plan_id, since=datetime.datetime.fromisoformat(requested_at)):
        return None
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return None
    return progress_refresh(plan=plan).duration_ms


@shared_task(soft_time_limit=1800, time_limit=1900, acks_late=True)
def progress_refresh_all() -> int:
    """The beat schedule's refresh: catches credentials and enrolments changed outside the pages."""
    plans = list(Plan.objects.values_list("pk", flat=True))
    for plan_id in plans:
        progress_refresh_plan.delay(plan_id)
    return len(plans)
