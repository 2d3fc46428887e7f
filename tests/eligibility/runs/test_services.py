"""Starting, planning, executing, re-queuing and cancelling batch runs (docs/rules.md#batch-checks), in-process."""

import datetime

import pytest
from celery import current_app
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from accounts.errors import ApplicationError
from accounts.models import AuditLog
from eligibility.models import (
    ChunkStatus,
    EligibilityRun,
    EligibilityRunChunk,
    EligibilityRunResult,
    RunScope,
    RunStatus,
)
from eligibility.services.runs import (
    plan_chunks,
    run_cancel,
    run_chunk_execute,
    run_requeue_stale_chunks,
    run_start,
    run_start_nightly,
)
from tests.accounts.factories import region
from tests.talents.factories import TalentFactory


def start(actor, scope=RunScope.REGION, code=None, **kwargs):
    return run_start(actor=actor, scope=scope, region=region(code) if code else None, **kwargs)


def results_of(run):
    return EligibilityRunResult.objects.filter(run=run)


# Scope: who may start what


@pytest.mark.parametrize(
    ("who", "code", "allowed"),
    [
        ("provincial_official", "440000", True),
        ("provincial_official", "440100", True),  # one of its cities
        ("provincial_official", "320000", False),
        ("city_official", "440100", True),
        ("city_official", "440300", False),
        ("city_official", "440000", False),  # not its province
        ("national_official", "320100", True),
    ],
)
def test_officials_start_runs_only_in_their_regions(world, rule_set, people, who, code, allowed):
    actor = getattr(world, who)
    if allowed:
        assert start(actor, code=code).status == RunStatus.RUNNING
    else:
        with pytest.raises(ApplicationError) as refused:
            start(actor, code=code)
        assert refused.value.field == "region"
        assert not EligibilityRun.objects.exists()


def test_only_national_officials_check_all_talents(world, rule_set):
    with pytest.raises(ApplicationError) as refused:
        start(world.provincial_official, scope=RunScope.ALL)
    assert refused.value.field == "scope"
    assert start(world.national_official, scope=RunScope.ALL).scope_key == "all"


@pytest.mark.parametrize("who", ["clerk", "expert"])
def test_clerks_and_experts_may_not_start_runs(world, rule_set, who):
    with pytest.raises(ApplicationError) as refused:
        start(getattr(world, who), code="440100")
    assert refused.value.status == 403


def test_a_run_needs_a_published_rule_set(world):
    from eligibility.models import RuleSet, RuleSetStatus

    RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).delete()
    with pytest.raises(ApplicationError) as refused:
        start(world.city_official, code="440100")
    assert refused.value.status == 409


# Chunk planning: keyset ranges, once, at the start


def test_chunks_are_keyset_ranges_over_the_scope_only(world, rule_set, people):
    run = start(world.provincial_official, code="440000")
    chunks = list(run.chunks.order_by("seq"))
    guangdong = sorted(t.pk for t in people.guangdong)
    assert run.total == 20 and run.chunk_count == 2
    assert [(c.first_talent_id, c.last_talent_id, c.size) for c in chunks] == [
        (guangdong[0], guangdong[9], 10),
        (guangdong[10], guangdong[19], 10),
    ]
    # Nanjing's talents are interleaved by id but never counted in Guangdong's chunks.
    assert all(c.status == ChunkStatus.PENDING for c in chunks)


def test_planning_splits_the_last_chunk_short(world, rule_set, people):
    run = EligibilityRun(scope=RunScope.ALL, scope_key="all", rule_set=rule_set, as_of=datetime.date(2026, 1, 1))
    sizes = [chunk.size for chunk in plan_chunks(run=run, chunk_size=7)]
    assert sizes == [7, 7, 7, 5]


def test_an_empty_scope_finishes_at_once(world, rule_set):
    run = start(world.city_official, code="440100")
    assert (run.status, run.total, run.chunk_count) == (RunStatus.FINISHED, 0, 0)


# One active run per scope


def test_a_second_start_on_the_same_scope_is_refused(world, rule_set, people):
    first = start(world.city_official, code="440100")
    with pytest.raises(ApplicationError) as refused, override("en"):
        start(world.provincial_official, code="440100")
    assert refused.value.status == 409
    assert "already in progress" in str(refused.value.message)
    assert EligibilityRun.objects.get() == first
    # Another scope is independent.
    assert start(world.provincial_official, code="440000").pk != first.pk


def test_the_database_refuses_a_second_active_run_even_past_the_service(world, rule_set, people):
    first = start(world.national_official, code="320100")
    with pytest.raises(IntegrityError), transaction.atomic():
        EligibilityRun.objects.create(
            scope=RunScope.REGION,
            region=first.region,
            scope_key=first.scope_key,
            rule_set=rule_set,
            as_of=first.as_of,
            status=RunStatus.PENDING,
        )


def test_after_cancel_the_scope_may_run_again(world, rule_set, people):
    first = start(world.city_official, code="440100")
    run_cancel(actor=world.city_official, run=first)
    second = start(world.city_official, code="440100")
    assert second.previous_id is None  # a cancelled run is nothing to compare with


# Executing chunks (eager: the embedded default)


def test_eager_run_writes_one_result_per_talent_and_finishes(
    world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = start(world.national_official, scope=RunScope.ALL)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert (run.done, run.total, run.chunks_done, run.chunk_count) == (26, 26, 3, 3)
    assert sorted(results_of(run).values_list("talent_id", flat=True)) == sorted(t.pk for t in people.everyone)
    assert AuditLog.objects.filter(action="eligibility_run_finish", object_id=str(run.pk)).exists()


def test_executing_a_chunk_twice_changes_nothing(world, rule_set, people):
    run = start(world.provincial_official, code="440000")
    chunk = run.chunks.order_by("seq").first()
    assert run_chunk_execute(chunk_id=chunk.pk, beat=False) is True
    before = list(results_of(run).order_by("talent_id").values())
    assert run_chunk_execute(chunk_id=chunk.pk, beat=False) is False
    run.refresh_from_db()
    assert (run.done, run.chunks_done, run.status) == (10, 1, RunStatus.RUNNING)
    assert list(results_of(run).order_by("talent_id").values()) == before
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts) == (ChunkStatus.DONE, 1)


def test_a_chunk_killed_before_commit_leaves_nothing_and_is_redone(world, rule_set, people, monkeypatch):
    from eligibility import batch

    run = start(world.provincial_official, code="440000")
    chunk = run.chunks.order_by("seq").first()
    evaluate_range = batch.evaluate_range

    def dies_after_writing(**kwargs):
        evaluate_range(**kwargs)
        raise SystemExit("worker lost")

    monkeypatch.setattr(batch, "evaluate_range", dies_after_writing)
    with pytest.raises(SystemExit):
        run_chunk_execute(chunk_id=chunk.pk, beat=False)
    assert not results_of(run).exists()
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts) == (ChunkStatus.RUNNING, 1)

    monkeypatch.setattr(batch, "evaluate_range", evaluate_range)
    assert run_chunk_execute(chunk_id=chunk.pk, beat=False) is True
    assert results_of(run).count() == 10
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts) == (ChunkStatus.DONE, 2)


def test_chunks_of_a_cancelled_run_are_skipped(world, rule_set, people):
    run = start(world.provincial_official, code="440000")
    run_cancel(actor=world.provincial_official, run=run)
    for chunk in run.chunks.all():
        assert run_chunk_execute(chunk_id=chunk.pk, beat=False) is False
    assert not results_of(run).exists()
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


def test_cancel_is_audited_and_only_for_active_runs(world, rule_set, people):
    run = start(world.city_official, code="440100")
    run_cancel(actor=world.city_official, run=run)
    entry = AuditLog.objects.get(action="eligibility_run_cancel")
    assert (entry.actor, entry.from_state, entry.to_state) == (world.city_official, "running", "cancelled")
    with pytest.raises(ApplicationError) as refused:
        run_cancel(actor=world.city_official, run=run)
    assert refused.value.status == 409


# Stale heartbeats


def test_stale_running_chunks_are_requeued_and_finish(world, rule_set, people, eager):
    run = start(world.provincial_official, code="440000")
    stale, fresh = run.chunks.order_by("seq")
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    EligibilityRunChunk.objects.filter(pk=stale.pk).update(status=ChunkStatus.RUNNING, heartbeat_at=long_ago)
    EligibilityRunChunk.objects.filter(pk=fresh.pk).update(status=ChunkStatus.RUNNING, heartbeat_at=timezone.now())

    assert run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=60)) == [stale.pk]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == ChunkStatus.DONE  # eager: the re-queued task ran at once
    assert fresh.status == ChunkStatus.RUNNING  # its worker is alive: left alone
    assert results_of(run).count() == 10


def test_stale_chunks_of_finished_or_cancelled_runs_stay_put(world, rule_set, people, eager):
    run = start(world.provincial_official, code="440000")
    run_cancel(actor=world.provincial_official, run=run)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    run.chunks.update(status=ChunkStatus.RUNNING, heartbeat_at=long_ago)
    assert run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=60)) == []


def test_pending_chunks_of_a_stalled_run_are_sent_again(world, rule_set, people, eager):
    """Messages prefetched by a worker killed before it claimed them: nothing moves, so send again."""
    run = start(world.provincial_official, code="440000")
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    EligibilityRun.objects.filter(pk=run.pk).update(started_at=long_ago)
    run.chunks.update(heartbeat_at=long_ago)
    assert sorted(run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=60))) == sorted(
        run.chunks.values_list("pk", flat=True)
    )
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert results_of(run).count() == 20


def test_pending_chunks_of_a_moving_run_wait_their_turn(world, rule_set, people, eager):
    run = start(world.provincial_official, code="440000")
    first, second = run.chunks.order_by("seq")
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    EligibilityRun.objects.filter(pk=run.pk).update(started_at=long_ago)
    EligibilityRunChunk.objects.filter(pk=first.pk).update(status=ChunkStatus.RUNNING, heartbeat_at=timezone.now())
    EligibilityRunChunk.objects.filter(pk=second.pk).update(heartbeat_at=long_ago)
    assert run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=60)) == []
    second.refresh_from_db()
    assert second.status == ChunkStatus.PENDING


def test_a_chunk_that_keeps_failing_fails_its_run_instead_of_looping(world, rule_set, people, eager):
    run = start(world.provincial_official, code="440000")
    broken = run.chunks.order_by("seq").first()
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    EligibilityRunChunk.objects.filter(pk=broken.pk).update(
        status=ChunkStatus.RUNNING, heartbeat_at=long_ago, attempts=5
    )
    assert run_requeue_stale_chunks(stale_after=datetime.timedelta(seconds=60)) == []
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert AuditLog.objects.filter(action="eligibility_run_fail", object_id=str(run.pk)).exists()
    # The scope is free again.
    assert start(world.provincial_official, code="440000").status == RunStatus.RUNNING


# The queue is down


@pytest.fixture
def broker_down():
    """The broker points at a closed port, as when Redis is down."""
    conf = current_app.conf
    previous = conf.broker_write_url, conf.task_always_eager
    conf.broker_write_url, conf.task_always_eager = "redis://127.0.0.1:1/0", False
    yield
    conf.broker_write_url, conf.task_always_eager = previous


def test_redis_down_refuses_with_503_and_writes_nothing(world, rule_set, people, broker_down):
    with pytest.raises(ApplicationError) as refused, override("en"):
        start(world.city_official, code="440100")
    assert refused.value.status == 503
    assert "not reachable" in str(refused.value.message)
    assert not EligibilityRun.objects.exists()
    assert not EligibilityRunChunk.objects.exists()
    assert not AuditLog.objects.filter(action="eligibility_run_start").exists()


def test_a_queue_lost_between_the_check_and_the_send_fails_the_run_visibly(
    world, rule_set, people, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from eligibility.tasks import eligibility_run_chunk

    def refuse(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(eligibility_run_chunk, "apply_async", refuse)
    with pytest.raises(ApplicationError) as refused, django_capture_on_commit_callbacks(execute=True):
        start(world.city_official, code="440100")
    assert refused.value.status == 503
    run = EligibilityRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert AuditLog.objects.filter(action="eligibility_run_fail", object_id=str(run.pk)).exists()


# Nightly


def test_the_nightly_run_is_national_and_compares_with_the_previous_nightly_run(
    world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_start_nightly()
    first.refresh_from_db()
    assert (first.scope, first.nightly, first.status, first.started_by) == ("all", True, "finished", None)
    with django_capture_on_commit_callbacks(execute=True):
        manual = start(world.national_official, scope=RunScope.ALL)
    with django_capture_on_commit_callbacks(execute=True):
        second = run_start_nightly()
    assert second.previous_id == first.pk  # not the manual run in between
    assert manual.previous_id == first.pk


def test_the_nightly_run_skips_a_night_when_a_run_is_active(world, rule_set, people):
    start(world.national_official, scope=RunScope.ALL)
    assert run_start_nightly() is None
    assert EligibilityRun.objects.count() == 1


def test_new_talents_after_planning_do_not_break_the_run(world, rule_set, people):
    run = start(world.provincial_official, code="440000")
    TalentFactory(employer=world.org)  # registered after planning: beyond every chunk's range
    for chunk in run.chunks.order_by("seq"):
        run_chunk_execute(chunk_id=chunk.pk, beat=False)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert results_of(run).count() == 20


def test_beat_schedules_the_requeue_and_the_nightly_run():
    from celery.schedules import crontab
    from django.conf import settings

    from talentportal.celery import app

    app.loader.import_default_modules()  # what worker and beat do at start: autodiscovery
    schedule = settings.CELERY_BEAT_SCHEDULE
    tasks = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert set(tasks) >= {"eligibility.requeue_stale_chunks", "eligibility.nightly_run"}
    assert all(name in app.tasks for name in tasks)
    assert isinstance(tasks["eligibility.nightly_run"], crontab)
    assert tasks["eligibility.requeue_stale_chunks"] <= settings.ELIGIBILITY_STALE_AFTER_SECONDS
