"""Keeping the progress dashboard's aggregate (``ProgressFigure``) current (docs/programs.md).

``progress_refresh`` recomputes a plan's figures set-based: a GROUP BY per measure over the enrolments,
never a signal, because R9 also depends on credentials, which the talents app changes without knowing
about programs. It runs as a Celery task on a beat schedule and after enrolments and completions
(``progress_refresh_later``). Achievement is counted where the talent works (their employer's region).
"""

import time

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.dispatch import delay_on_commit
from accounts.figures import figures_replace
from programs.models import Enrolment, Plan, ProgressFigure, ProgressMeasure, ProgressRefresh
from programs.selectors.progress import leading_talents
from talents.models import Credential, CredentialKind

# programs.tasks.progress_refresh_plan, enqueued by name (accounts.dispatch: the tasks import these services).
REFRESH_TASK = "programs.tasks.progress_refresh_plan"


def _computed_figures(plan: Plan):
    """(employer region id, measure, skill level id, value): three GROUP BY queries, no row per talent."""
    per_region = (
        Enrolment.objects.filter(activity__plan=plan)
        .values_list("talent__employer__region_id")
        .annotate(
            enrolments=Count("pk"),
            trained=Count("pk", filter=Q(completed=True)),
            digital=Count("pk", filter=Q(completed=True, talent__occupation__is_digital=True)),
        )
        .order_by()
    )
    for region_id, enrolments, trained, digital in per_region:
        yield region_id, ProgressMeasure.ENROLMENTS, None, enrolments
        yield region_id, ProgressMeasure.TRAINED_PERSON_TIMES, None, trained
        yield region_id, ProgressMeasure.TRAINED_DIGITAL, None, digital

    leading = leading_talents(plan).values_list("employer__region_id").annotate(n=Count("pk")).order_by()
    for region_id, count in leading:
        yield region_id, ProgressMeasure.LEADING_TALENTS, None, count

    # New certificates: obtained within the plan's period by talents the plan trained.
    certificates = Credential.objects.active().filter(
        Exists(Enrolment.objects.filter(talent=OuterRef("talent_id"), completed=True, activity__plan=plan)),
        kind=CredentialKind.SKILL_LEVEL,
    )
    if plan.period_start:
        certificates = certificates.filter(obtained_on__gte=plan.period_start)
    if plan.period_end:
        certificates = certificates.filter(obtained_on__lte=plan.period_end)
    per_level = (
        certificates.values_list("talent__employer__region_id", "skill_level_id").annotate(n=Count("pk")).order_by()
    )
    for region_id, level_id, count in per_level:
        yield region_id, ProgressMeasure.CERTIFICATES, level_id, count


def progress_refresh(*, plan: Plan) -> ProgressRefresh:
    """Recompute a plan's figures in one transaction: readers see the old set until it commits."""
    with transaction.atomic():
        # One refresh of a plan at a time; a second waits and then recomputes from fresh data.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        # "As of" is when the computation starts: changes committed before then are all counted.
        as_of, started = timezone.now(), time.perf_counter()
        figures_replace(
            model=ProgressFigure,
            previous=ProgressFigure.objects.filter(plan=plan),
            computed=list(_computed_figures(plan)),
            metric_field="measure",
            plan=plan,
        )
        refresh, _created = ProgressRefresh.objects.update_or_create(
            plan=plan,
            defaults={
                "refreshed_at": as_of,
                "duration_ms": round((time.perf_counter() - started) * 1000),
            },
        )
    return refresh


def progress_refresh_later(plan_id: int) -> None:
    """After enrolments or completions change: recompute once the transaction has committed.

    The task skips its work when a refresh started after this request (a burst of completions
    costs one or two refreshes, not one each)."""
    delay_on_commit(REFRESH_TASK, plan_id, requested_at=timezone.now().isoformat())
