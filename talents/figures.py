"""Keeping the role dashboard's registry figures (``RegistryFigure``) current (docs/scale.md).

``registry_figures_refresh`` recomputes every figure set-based: one GROUP BY per family of metrics over
the employer's region, never a row per talent and never a signal. It runs as a Celery task after the
services that change talents, credentials and honours (``registry_figures_refresh_later``, debounced)
and every 15 minutes on the beat; the dashboard shows its "as of" time.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.dispatch import delay_on_commit
from accounts.figures import figures_replace
from catalogues.models import AwardLevel
from talents.models import (
    Credential,
    CredentialKind,
    Honour,
    RegistryFigure,
    RegistryMetric,
    RegistryRefresh,
    Talent,
)

# talents.tasks.registry_figures_refresh, enqueued by name (the tasks module imports this one).
REFRESH_TASK = "talents.tasks.registry_figures_refresh"
# While this key exists a refresh is queued and not yet started: further writes do not queue another.
QUEUED_KEY = "talents:registry-figures-refresh-queued"
QUEUED_TTL_SECONDS = 300


def _computed_figures():
    """(employer region id, metric, skill level id, value): four GROUP BY queries."""
    per_region = (
        Talent.objects.values_list("employer__region_id")
        .annotate(
            talents=Count("pk"),
            frontline=Count("pk", filter=Q(frontline=True)),
            digital=Count("pk", filter=Q(occupation__is_digital=True)),
        )
        .order_by()
    )
    for region_id, talents, frontline, digital in per_region:
        yield region_id, RegistryMetric.TALENTS, None, talents
        yield region_id, RegistryMetric.FRONTLINE, None, frontline
        yield region_id, RegistryMetric.DIGITAL, None, digital

    credentials = (
        Credential.objects.active().values_list("talent__employer__region_id").annotate(n=Count("pk")).order_by()
    )
    for region_id, count in credentials:
        yield region_id, RegistryMetric.CREDENTIALS, None, count

    honours = (
        Honour.objects.active()
        .values_list("talent__employer__region_id")
        .annotate(
            n=Count("pk"),
            national=Count("talent_id", distinct=True, filter=Q(award__level=AwardLevel.NATIONAL)),
        )
        .order_by()
    )
    for region_id, count, national in honours:
        yield region_id, RegistryMetric.HONOURS, None, count
        yield region_id, RegistryMetric.HONOURED_TALENTS_NATIONAL, None, national

    # A talent holding a level twice counts once: distinct within a region is distinct overall
    # because a talent has one employer.
    per_level = (
        Credential.objects.active()
        .filter(kind=CredentialKind.SKILL_LEVEL)
        .values_list("talent__employer__region_id", "skill_level_id")
        .annotate(n=Count("talent_id", distinct=True))
        .order_by()
    )
    for region_id, level_id, count in per_level:
        yield region_id, RegistryMetric.SKILL_LEVEL_TALENTS, level_id, count


def registry_figures_refresh() -> RegistryRefresh:
    """Recompute every figure in one transaction: readers see the old set until it commits."""
    # A write committed from now on queues the next refresh again.
    cache.delete(QUEUED_KEY)
    with transaction.atomic():
        # One refresh at a time; a second waits for the first and then recomputes from fresh data.
        refresh = RegistryRefresh.objects.select_for_update().filter(pk=1).first()
        as_of, started = timezone.now(), time.perf_counter()
        figures_replace(
            model=RegistryFigure,
            previous=RegistryFigure.objects.all(),
            computed=list(_computed_figures()),
            metric_field="metric",
        )
        duration = round((time.perf_counter() - started) * 1000)
        if refresh is None:
            refresh = RegistryRefresh.objects.create(pk=1, refreshed_at=as_of, duration_ms=duration)
        else:
            refresh.refreshed_at, refresh.duration_ms = as_of, duration
            refresh.save(update_fields=["refreshed_at", "duration_ms"])
    return refresh


def registry_figures_refresh_later() -> None:
    """After a write to talents, credentials or honours: refresh once the transaction has committed.

    Debounced: while a refresh is queued and has not started, further writes queue nothing (a bulk
    upload or a burst of edits costs one refresh)."""
    if cache.add(QUEUED_KEY, 1, timeout=QUEUED_TTL_SECONDS):
        delay_on_commit(REFRESH_TASK)
