"""Batch runs through a real ``celery worker`` process on Redis (docs/rules.md#batch-checks), including SIGKILL.

The worker is a subprocess on the pytest database (transactional tests, so it sees committed rows)
and the test broker. Populations are small and chunks tiny (10 talents), so each test takes seconds.
"""

import datetime
import os
import signal

import pytest
from celery import current_app
from django.db.models import Count

from eligibility import batch
from eligibility.models import ChunkStatus, EligibilityRunChunk, EligibilityRunResult, RunScope
from eligibility.services.runs import run_chunk_execute, run_requeue_stale_chunks, run_start
from tests.accounts.factories import region
from tests.eligibility.runs.conftest import is_finished, wait_for
from tests.transactional import load_reference_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data()


COMPARED = (
    "talent_id",
    "region_id",
    "green_channel",
    "green_channel_level",
    "skills_to_titles",
    "skills_to_titles_level",
    "titles_to_skills",
    "titles_to_skills_level",
    "promotion",
    "promotion_level",
    "clauses_evaluated",
    "clauses_passed",
)


def results(run) -> list[tuple]:
    return list(EligibilityRunResult.objects.filter(run=run).order_by("talent_id").values_list(*COMPARED))


def assert_one_result_per_talent(run, talents) -> None:
    per_talent = EligibilityRunResult.objects.filter(run=run).values("talent_id").annotate(n=Count("pk"))
    assert sorted(row["talent_id"] for row in per_talent) == sorted(t.pk for t in talents)
    assert {row["n"] for row in per_talent} == {1}


def test_a_real_worker_runs_a_batch_end_to_end_with_the_eager_results(
    world, rule_set, people, worker_factory, monkeypatch
):
    worker_factory()
    run = run_start(actor=world.national_official, scope=RunScope.ALL)
    wait_for(lambda: is_finished(run.pk), timeout=60, message="the run did not finish")
    run.refresh_from_db()
    assert (run.done, run.total, run.chunks_done, run.chunk_count) == (26, 26, 3, 3)
    assert_one_result_per_talent(run, people.everyone)
    assert set(EligibilityRunChunk.objects.filter(run=run).values_list("attempts", flat=True)) == {1}

    # The embedded default: the same population in-process with the Python evaluator, same results.
    monkeypatch.setattr(batch, "uses_sql_path", lambda: False)
    current_app.conf.task_always_eager = True  # worker_factory restores it
    in_process = run_start(actor=world.provincial_official, scope=RunScope.REGION, region=region("440000"))
    in_process.refresh_from_db()
    assert is_finished(in_process.pk)
    guangdong = {t.pk for t in people.guangdong}
    assert results(in_process) == [row for row in results(run) if row[0] in guangdong]


def test_a_worker_killed_mid_chunk_is_restarted_and_the_run_finishes_exactly_once(
    world, rule_set, people, worker_factory
):
    worker = worker_factory(chunk_delay=30)  # every chunk sleeps after writing, before committing
    run = run_start(actor=world.national_official, scope=RunScope.ALL)
    wait_for(
        lambda: EligibilityRunChunk.objects.filter(run=run, status=ChunkStatus.RUNNING).exists(),
        message=f"no chunk started: {worker.log()}",
    )
    # The chunk's results are written but not committed when the whole worker dies.
    worker.kill()
    assert not EligibilityRunResult.objects.filter(run=run).exists()
    killed = EligibilityRunChunk.objects.get(run=run, status=ChunkStatus.RUNNING)

    worker_factory()  # a fresh worker takes the other chunks; the killed one's message is unacked
    wait_for(
        lambda: EligibilityRunChunk.objects.filter(run=run, status=ChunkStatus.DONE).count() == 2,
        message="the other chunks were not done",
    )
    # Its heartbeat went silent: the beat task's service re-queues it.
    wait_for(
        lambda: run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=2)) == [killed.pk],
        timeout=15,
        message="the stale chunk was not re-queued",
    )
    wait_for(lambda: is_finished(run.pk), message="the run did not finish")
    run.refresh_from_db()
    killed.refresh_from_db()
    assert (run.done, run.chunks_done) == (26, 3)
    assert killed.attempts == 2
    assert_one_result_per_talent(run, people.everyone)


def test_a_pool_process_killed_mid_chunk_is_redelivered_by_reject_on_worker_lost(
    world, rule_set, people, worker_factory
):
    worker = worker_factory(chunk_delay=3)
    run = run_start(actor=world.provincial_official, scope=RunScope.REGION, region=region("440000"))
    wait_for(
        lambda: EligibilityRunChunk.objects.filter(run=run, status=ChunkStatus.RUNNING).exists(),
        message=f"no chunk started: {worker.log()}",
    )
    (child,) = worker.pool_children()
    os.kill(child, signal.SIGKILL)  # the main worker process survives and rejects the message back
    wait_for(lambda: is_finished(run.pk), timeout=60, message=f"the run did not finish: {worker.log()}")
    run.refresh_from_db()
    assert (run.done, run.chunks_done) == (20, 2)
    assert max(EligibilityRunChunk.objects.filter(run=run).values_list("attempts", flat=True)) == 2
    assert_one_result_per_talent(run, people.guangdong)
    # A late duplicate of any chunk changes nothing.
    assert all(not run_chunk_execute(chunk_id=c.pk, beat=False) for c in run.chunks.all())
