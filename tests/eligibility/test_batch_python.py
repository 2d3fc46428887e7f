"""The Python batch evaluator (the embedded default's, on SQLite; on PostgreSQL when asked): it writes
what the engine decides, once per talent, only for the run's scope."""

import pytest
from django.db import connection

from accounts.models import Region
from eligibility.batch import evaluate_range, uses_sql_path
from eligibility.engine import evaluate_batch_tracks
from eligibility.models import EligibilityRunResult
from eligibility.snapshots import load_snapshots
from tests.eligibility.factories import make_population, make_run


def test_python_path_writes_what_the_engine_decides(world):
    talents = make_population(world)
    run = make_run()
    evaluate_range(run=run, first_talent_id=talents[0].pk, last_talent_id=talents[-1].pk, evaluator="python")
    snapshots = load_snapshots([t.pk for t in talents])
    for result in EligibilityRunResult.objects.filter(run=run):
        expected = evaluate_batch_tracks(snapshots[result.talent_id], run.rule_set, run.as_of)
        assert result.green_channel == expected["green_channel"].outcome
        assert result.promotion_level == expected["promotion"].target_level


@pytest.mark.django_db
def test_python_path_is_idempotent_and_scoped(world):
    talents = make_population(world)
    run = make_run(region=Region.objects.get(code="440000"))
    first, last = talents[0].pk, talents[-1].pk
    assert evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="python") == 2
    assert evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="python") == 0
    assert sorted(EligibilityRunResult.objects.filter(run=run).values_list("talent_id", flat=True)) == sorted(
        t.pk for t in talents if t.employer_id == world.org.pk
    )


def test_the_default_evaluator_follows_the_database():
    assert uses_sql_path() == (connection.vendor == "postgresql")
