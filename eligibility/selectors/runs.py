"""Reads of batch runs (docs/rules.md#batch-checks): scoped lists, progress, summaries and the difference from the
previous run. Every figure is one query; out-of-scope runs are 404.

Who sees a run: officials whose regions cover the run's region (a province sees its own runs and its
cities'); runs over all talents only national officials and administrators.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Region, RegionLevel
from accounts.scoping import region_scope
from eligibility.clauses import explain, level_name
from eligibility.filters import RunFilter, RunResultFilter
from eligibility.models import (
    ACTIVE_RUN_STATUSES,
    OUTCOMES,
    RUN_TRACKS,
    ChangeDirection,
    EligibilityRun,
    EligibilityRunResult,
    Outcome,
    RunScope,
    RunStatus,
    Track,
)
from eligibility.rules import can_use_runs
from talents.models import Talent

if TYPE_CHECKING:
    from accounts.models import User


def run_regions(*, actor: "User") -> QuerySet[Region]:
    """Regions the actor may start a run for: a city its city, a province itself and its cities, the
    ministry any province or city."""
    if not can_use_runs(actor):
        return Region.objects.none()
    return Region.objects.filter(region_scope(actor), level__in=[RegionLevel.PROVINCE, RegionLevel.CITY]).order_by(
        "code"
    )


def talents_in_scope(*, scope: str, region: Region | None) -> QuerySet[Talent]:
    """The population of a run: all talents, or those employed in the region (a province with its cities)."""
    talents = Talent.objects.all()
    if scope == RunScope.ALL:
        return talents
    if region is None:  # run_start refuses a regional run without its region
        raise ValueError("a regional run names its region")
    if region.level == RegionLevel.PROVINCE:
        return talents.filter(Q(employer__region_id=region.pk) | Q(employer__region__parent_id=region.pk))
    return talents.filter(employer__region_id=region.pk)


def run_list(*, actor: "User") -> QuerySet[EligibilityRun]:
    runs = EligibilityRun.objects.select_related("region", "rule_set", "started_by__organisation", "started_by__region")
    if not can_use_runs(actor):
        return runs.none()
    if actor.sees_everything:
        return runs
    return runs.filter(scope=RunScope.REGION, region__in=Region.objects.filter(region_scope(actor)))


def run_list_filtered(*, actor: "User", filters: Mapping) -> QuerySet[EligibilityRun]:
    """The run list page's rows, shared with its xlsx export: cleaned values of ``eligibility.filters.RunFilter``."""
    return RunFilter.apply(run_list(actor=actor), filters)


def run_get(*, actor: "User", pk) -> EligibilityRun:
    return get_object_or_404(run_list(actor=actor), pk=pk)


def active_run_for(*, scope_key: str) -> EligibilityRun | None:
    return EligibilityRun.objects.filter(scope_key=scope_key, status__in=ACTIVE_RUN_STATUSES).first()


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    percent: int
    rate: float | None  # talents per second since the start
    eta_seconds: int | None
    active: bool


def run_progress(run: EligibilityRun, *, now: datetime.datetime | None = None) -> Progress:
    """done/total, rate and ETA from the run's own counters (no query)."""
    now = now or timezone.now()
    done = min(run.done, run.total) if run.total else run.done
    percent = 100 if run.status == RunStatus.FINISHED else (int(done * 100 / run.total) if run.total else 0)
    rate = eta = None
    if run.started_at:
        elapsed = ((run.finished_at or now) - run.started_at).total_seconds()
        if elapsed > 0 and done:
            rate = round(done / elapsed, 1)
            if run.status in ACTIVE_RUN_STATUSES:
                eta = int((run.total - done) / rate) if rate else None
    return Progress(
        done=done,
        total=run.total,
        percent=percent,
        rate=rate,
        eta_seconds=eta,
        active=run.status in ACTIVE_RUN_STATUSES,
    )


def _outcome_counts() -> dict:
    return {
        f"{track}__{outcome}": Count("pk", filter=Q(**{track.value: outcome.value}))
        for track in RUN_TRACKS
        for outcome in OUTCOMES
    }


def _nest(row: dict) -> dict:
    return {track.value: {outcome.value: row[f"{track}__{outcome}"] for outcome in OUTCOMES} for track in RUN_TRACKS}


def run_outcome_counts(run: EligibilityRun) -> dict:
    """{track: {outcome: count}} over the run's results: one query."""
    row = EligibilityRunResult.objects.filter(run=run).aggregate(**_outcome_counts())
    return _nest(row)


def run_region_counts(run: EligibilityRun) -> list[dict]:
    """[{"region": Region-like dict, "tracks": {track: {outcome: count}}}] per region: one query."""
    rows = (
        EligibilityRunResult.objects.filter(run=run)
        .values("region_id", "region__code", "region__name", "region__name_en")
        .annotate(**_outcome_counts(), total=Count("pk"))
        .order_by("region__code")
    )
    return [
        {
            "region": {"code": row["region__code"], "name": row["region__name"], "name_en": row["region__name_en"]},
            "total": row["total"],
            "tracks": _nest(row),
        }
        for row in rows
    ]


def run_change_counts(run: EligibilityRun) -> dict | None:
    """{track: {"newly_eligible": n, "no_longer_eligible": n}} against the previous run: one query.

    A talent absent from one of the two runs (registered since, or left the scope) counts as not
    eligible there. None when there is no previous run to compare with.
    """
    if run.previous_id is None:
        return None
    table = EligibilityRunResult._meta.db_table
    columns = [track.value for track in RUN_TRACKS]
    picks = ", ".join(
        f"MAX(CASE WHEN run_id = %s THEN {c} END) AS cur_{c}, MAX(CASE WHEN run_id = %s THEN {c} END) AS prev_{c}"
        for c in columns
    )
    counts = ", ".join(
        f"COUNT(CASE WHEN cur_{c} = %s AND (prev_{c} IS NULL OR prev_{c} <> %s) THEN 1 END), "
        f"COUNT(CASE WHEN prev_{c} = %s AND (cur_{c} IS NULL OR cur_{c} <> %s) THEN 1 END)"
        for c in columns
    )
    eligible = Outcome.ELIGIBLE.value
    params: list[str | int | None] = []
    params += [eligible] * 4 * len(columns)
    params += [run.pk, run.previous_id] * len(columns)
    params += [run.pk, run.previous_id]
    sql = (
        f"SELECT {counts} FROM (SELECT talent_id, {picks} FROM {table} "  # noqa: S608 — identifiers are ours
        "WHERE run_id IN (%s, %s) GROUP BY talent_id) paired"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {
        column: {
            ChangeDirection.NEWLY_ELIGIBLE: row[2 * i],
            ChangeDirection.NO_LONGER_ELIGIBLE: row[2 * i + 1],
        }
        for i, column in enumerate(columns)
    }


# Apps above eligibility name the talents who need no invitation any more (evaluations: those who
# already have a dossier), as a callable returning a queryset of talent ids.
_already_applied: list = []


def register_already_applied(talent_ids) -> None:
    if talent_ids not in _already_applied:
        _already_applied.append(talent_ids)


def run_summary_compute(run: EligibilityRun) -> dict:
    """The run's summary from its results (and its previous run's): three queries."""
    return {"outcomes": run_outcome_counts(run), "regions": run_region_counts(run), "changes": run_change_counts(run)}


def run_summary(run: EligibilityRun) -> dict:
    """The frozen summary when there is one (always, once the results are pruned), else computed."""
    return run.summary if run.summary is not None else run_summary_compute(run)


def run_changes(*, run: EligibilityRun, track: str, direction: str) -> QuerySet[EligibilityRunResult]:
    """The talents whose determination on ``track`` changed to or from eligible since the previous run.

    Newly eligible: results of this run, with the previous outcome annotated (None: not in it).
    No longer eligible: results of the previous run, with this run's outcome annotated.
    A nightly run's newly green-channel-eligible talents are the ones to invite (docs/rules.md#batch-checks): those
    who already applied are left out.
    """
    if run.previous_id is None:
        return EligibilityRunResult.objects.none()
    eligible = Outcome.ELIGIBLE.value
    if direction == ChangeDirection.NEWLY_ELIGIBLE:
        this_run, other_run = run.pk, run.previous_id
    else:
        this_run, other_run = run.previous_id, run.pk
    other = EligibilityRunResult.objects.filter(run_id=other_run, talent_id=OuterRef("talent_id"))
    changes = EligibilityRunResult.objects.filter(run_id=this_run, **{track: eligible}).exclude(
        Exists(other.filter(**{track: eligible}))
    )
    if run.nightly and track == Track.GREEN_CHANNEL and direction == ChangeDirection.NEWLY_ELIGIBLE:
        for talent_ids in _already_applied:
            changes = changes.exclude(talent_id__in=talent_ids())
    return (
        changes.annotate(other_outcome=Subquery(other.values(track)[:1]))
        .select_related("talent__employer", "region")
        .order_by("talent_id")
    )


def run_results(*, run: EligibilityRun, filters: Mapping) -> QuerySet[EligibilityRunResult]:
    """The talents behind a count of the run's summary (cleaned values of ``RunResultFilter``: a track and
    an outcome, optionally a region), in talent order along the (run, talent) key; none once pruned."""
    if run.status != RunStatus.FINISHED or run.results_pruned_at is not None:
        return EligibilityRunResult.objects.none()
    results = EligibilityRunResult.objects.filter(run=run)
    track, outcome = filters.get("track"), filters.get("outcome")
    if track and outcome:
        results = results.filter(**{track: outcome})
    return RunResultFilter.apply(results, filters).select_related("talent__employer", "region").order_by("talent_id")


def result_row(result, track: str | None) -> dict:
    """One talent of a summary count, as the page shows it (ID number masked, the level's name)."""
    language = "en" if (get_language() or "").startswith("en") else "zh-hans"
    level = getattr(result, f"{track}_level") if track else ""
    return {
        "talent_id": result.talent_id,
        "name": result.talent.name,
        "masked_id_number": result.talent.masked_id_number,
        "employer": result.talent.employer.name,
        "region": result.region.display_name,
        "level": level_name(level, language) if level else "",
    }


def run_changes_available(run: EligibilityRun) -> bool:
    """A finished run with a previous run to compare with, whose results are still kept."""
    return run.status == RunStatus.FINISHED and run.previous_id is not None and run.results_pruned_at is None


def run_changes_filtered(*, actor: "User", filters: Mapping) -> QuerySet[EligibilityRunResult]:
    """The difference list's export: cleaned values of ``eligibility.filters.RunChangesFilter`` name the run
    (in the actor's scope, else 404), the track and the direction. Each row knows its track and direction,
    and the reasons' rule set comes with it."""
    if not filters.get("run"):
        return EligibilityRunResult.objects.none()
    run = run_get(actor=actor, pk=filters["run"])
    if not run_changes_available(run):
        return EligibilityRunResult.objects.none()
    track = filters.get("track") or RUN_TRACKS[0].value
    direction = filters.get("direction") or ChangeDirection.NEWLY_ELIGIBLE
    return (
        run_changes(run=run, track=track, direction=direction)
        .select_related("run__rule_set")
        .annotate(change_track=Value(track), change_direction=Value(direction))
    )


def reasons_rule_set(run, direction: str):
    """Rows of the newly eligible are this run's results: their reasons come from its rule set.

    Rows of the no longer eligible are the previous run's results, whose reasons would explain the
    old determination; the page shows them without."""
    return run.rule_set if direction == ChangeDirection.NEWLY_ELIGIBLE else None


def change_row(result, track: str, rule_set=None) -> dict:
    """One talent of the difference, as the page and the export show it (ID number masked).

    With ``rule_set`` (the run the result belongs to), the reasons of the track's determination."""
    other = result.other_outcome
    level = getattr(result, f"{track}_level")
    language = "en" if (get_language() or "").startswith("en") else "zh-hans"
    reasons = []
    if rule_set is not None:
        reasons = explain(
            result.clauses_evaluated, result.clauses_passed, rule_set, language, track=track, target_level=level
        )
    return {
        "reasons": reasons,
        "talent_id": result.talent_id,
        "name": result.talent.name,
        "masked_id_number": result.talent.masked_id_number,
        "employer": result.talent.employer.name,
        "region": result.region.display_name,
        "level": level_name(level, language),  # the level's name, never its code
        "other_outcome": str(Outcome(other).label) if other else _("not checked"),
    }
