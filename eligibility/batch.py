"""The batch evaluator a run's chunk calls (docs/rules.md#batch-checks): one EligibilityRunResult per talent.

``evaluate_range`` is the whole contract: it writes the results of the run's scope for talent ids in
[first, last] and returns how many it wrote. It runs inside the caller's transaction and is
idempotent (a result that already exists for (run, talent) is left alone), so a chunk that is
retried after a crash writes exactly the missing rows.

Two evaluators give identical outcomes and per-clause masks (tests/eligibility/test_batch_parity.py):
- on PostgreSQL a set-based INSERT … SELECT (``eligibility.batch_sql``), parameters bound;
- elsewhere (SQLite, the embedded default) the Python rules over bulk-loaded snapshots.
"""

from django.db import connection
from django.db.models import Q

from accounts.models import Region
from eligibility.batch_sql import evaluate_range_sql
from eligibility.engine import evaluate_batch_tracks
from eligibility.models import EligibilityRunResult, RunScope, Track
from eligibility.snapshots import load_snapshots
from talents.models import Talent

PYTHON_INSERT_BATCH = 2000


def scope_region_ids(run) -> list[int] | None:
    """The region ids of the run's scope (the region and everything under it); None for all talents."""
    if run.scope == RunScope.ALL:
        return None
    region_id = run.region_id
    return list(
        Region.objects.filter(Q(pk=region_id) | Q(parent_id=region_id) | Q(parent__parent_id=region_id))
        .order_by()
        .values_list("pk", flat=True)
    )


def scope_talents(run, first_talent_id: int, last_talent_id: int):
    """The run's population with ids in the range (the same filter the chunk planner counts)."""
    talents = Talent.objects.filter(pk__gte=first_talent_id, pk__lte=last_talent_id)
    region_ids = scope_region_ids(run)
    if region_ids is not None:
        talents = talents.filter(employer__region_id__in=region_ids)
    return talents


def uses_sql_path() -> bool:
    return connection.vendor == "postgresql"


def evaluate_range(*, run, first_talent_id: int, last_talent_id: int, evaluator: str | None = None) -> int:
    """Write the results of ``run`` for its talents with ids in [first_talent_id, last_talent_id].

    Returns the number of results this call wrote (0 when every one already existed). ``evaluator``
    forces "sql" or "python" (tests and the benchmark); by default PostgreSQL uses SQL.
    """
    evaluator = evaluator or ("sql" if uses_sql_path() else "python")
    if evaluator == "sql":
        return evaluate_range_sql(
            run=run, first_talent_id=first_talent_id, last_talent_id=last_talent_id, region_ids=scope_region_ids(run)
        )
    return evaluate_range_python(run=run, first_talent_id=first_talent_id, last_talent_id=last_talent_id)


def evaluate_range_python(*, run, first_talent_id: int, last_talent_id: int) -> int:
    talents = scope_talents(run, first_talent_id, last_talent_id)
    existing = set(
        EligibilityRunResult.objects.filter(
            run=run, talent_id__gte=first_talent_id, talent_id__lte=last_talent_id
        ).values_list("talent_id", flat=True)
    )
    snapshots = load_snapshots(talents=talents)
    rule_set = run.rule_set
    rows = []
    for talent_id in sorted(snapshots):
        if talent_id in existing:
            continue
        snapshot = snapshots[talent_id]
        determinations = evaluate_batch_tracks(snapshot, rule_set, run.as_of)
        evaluated = passed = 0
        for determination in determinations.values():
            evaluated |= determination.mask_evaluated
            passed |= determination.mask_passed
        rows.append(
            EligibilityRunResult(
                run=run,
                talent_id=talent_id,
                region_id=snapshot.region_id,
                green_channel=determinations[Track.GREEN_CHANNEL].outcome,
                green_channel_level=determinations[Track.GREEN_CHANNEL].target_level,
                skills_to_titles=determinations[Track.SKILLS_TO_TITLES].outcome,
                skills_to_titles_level=determinations[Track.SKILLS_TO_TITLES].target_level,
                titles_to_skills=determinations[Track.TITLES_TO_SKILLS].outcome,
                titles_to_skills_level=determinations[Track.TITLES_TO_SKILLS].target_level,
                promotion=determinations[Track.PROMOTION].outcome,
                promotion_level=determinations[Track.PROMOTION].target_level,
                clauses_evaluated=evaluated,
                clauses_passed=passed,
            )
        )
    # ON CONFLICT DO NOTHING: a concurrent retry of the same chunk cannot duplicate a result.
    EligibilityRunResult.objects.bulk_create(rows, batch_size=PYTHON_INSERT_BATCH, ignore_conflicts=True)
    return len(rows)
