"""Batch eligibility runs (docs/rules.md#batch-checks): start, plan chunks, execute chunks idempotently,
re-queue, cancel.

A run's chunks are talent-id ranges planned ONCE at the start over the scope, ordered by id (keyset:
never OFFSET pages, which skip rows when the population changes under them). A chunk writes its
results (eligibility.batch.evaluate_range: unique (run, talent) + upsert), marks itself done and
advances the run's counters in one transaction: a worker killed mid-chunk leaves nothing behind, and
the chunk is simply done again (acks_late + reject_on_worker_lost, or the stale-heartbeat re-queue).
"""

import contextlib
import datetime
import logging
import threading
from typing import TYPE_CHECKING

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as BrokerError

from accounts.dispatch import task
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Region
from accounts.services import audit_record, full_clean_or_raise
from eligibility import batch
from eligibility.models import (
    ACTIVE_RUN_STATUSES,
    ChunkStatus,
    EligibilityRun,
    EligibilityRunChunk,
    EligibilityRunResult,
    RuleSet,
    RuleSetStatus,
    RunScope,
    RunStatus,
)
from eligibility.rules import NO_RUN_ACCESS, can_run_all_talents, can_use_runs
from eligibility.selectors.runs import active_run_for, run_regions, run_summary_compute, talents_in_scope

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

# eligibility.tasks.eligibility_run_chunk, enqueued by name (accounts.dispatch: the tasks import these services).
RUN_CHUNK_TASK = "eligibility.run_chunk"

RUN_START = "eligibility_run_start"
RUN_CANCEL = "eligibility_run_cancel"
RUN_FINISH = "eligibility_run_finish"
RUN_FAIL = "eligibility_run_fail"
RUN_PRUNE = "eligibility_run_prune"
# A chunk claimed this many times without finishing fails its run (its error repeats; see the worker log).
MAX_CHUNK_ATTEMPTS = 5
RUN_AUDIT_ACTIONS = {
    RUN_START: gettext_lazy("Batch eligibility run started"),
    RUN_CANCEL: gettext_lazy("Batch eligibility run cancelled"),
    RUN_FINISH: gettext_lazy("Batch eligibility run finished"),
    RUN_FAIL: gettext_lazy("Batch eligibility run failed"),
    RUN_PRUNE: gettext_lazy("Per-talent results of a batch run removed"),
}


def scope_key_for(scope: str, region: Region | None) -> str:
    if scope == RunScope.ALL:
        return "all"
    if region is None:  # run_start refuses a regional run without its region
        raise ValueError("a regional run names its region")
    return f"region:{region.code}"


def latest_published_rule_set() -> RuleSet | None:
    return RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).order_by("-published_at", "-pk").first()


def broker_unavailable_error() -> ApplicationError:
    return ApplicationError(
        _("The task queue (Redis) is not reachable, so no batch run was started. Try again later."),
        code="queue_unavailable",
        status=503,
    )


def ensure_broker_reachable() -> None:
    """Refuse before writing anything when the queue is down (the embedded default has no broker)."""
    app = current_app
    if app.conf.task_always_eager:
        return
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except (BrokerError, OSError) as error:
        logger.warning("eligibility run refused: broker unreachable (%s)", error)
        raise broker_unavailable_error() from error


def plan_chunks(*, run: EligibilityRun, chunk_size: int) -> list[EligibilityRunChunk]:
    """Keyset ranges over the scope: each chunk starts after the last id of the one before and takes
    the next ``chunk_size`` ids in order (an index range scan with LIMIT, never OFFSET)."""
    talents = talents_in_scope(scope=run.scope, region=run.region).order_by("id")
    chunks: list[EligibilityRunChunk] = []
    last_id = 0
    while True:
        window = talents.filter(id__gt=last_id).values("id")[:chunk_size]
        bounds = window.aggregate(first=Min("id"), last=Max("id"), size=Count("id"))
        if not bounds["size"]:
            return chunks
        chunks.append(
            EligibilityRunChunk(
                run=run,
                seq=len(chunks),
                first_talent_id=bounds["first"],
                last_talent_id=bounds["last"],
                size=bounds["size"],
            )
        )
        last_id = bounds["last"]


def run_start(
    *, actor: "User | None", scope: str, region: Region | None = None, nightly: bool = False, request=None
) -> EligibilityRun:
    """Start a batch run for a scope against the latest published rule set; refuse a second active run.

    ``actor`` None is the system (the nightly run). Raises ApplicationError: 403 role, 400 scope,
    409 a run on this scope is active / no published rule set, 503 the queue is down (nothing written).
    """
    if actor is not None and not can_use_runs(actor):
        raise PermissionDeniedError(NO_RUN_ACCESS)
    if scope == RunScope.ALL:
        region = None
        if actor is not None and not can_run_all_talents(actor):
            raise ApplicationError(_("Only national officials may check all talents."), field="scope")
    elif scope == RunScope.REGION:
        if region is None:
            raise ApplicationError(_("Choose a region."), field="region")
        if actor is not None and not run_regions(actor=actor).filter(pk=region.pk).exists():
            raise ApplicationError(_("You may only check talents of your own region."), field="region")
    else:
        raise ApplicationError(_("Unknown scope."), field="scope")
    scope_key = scope_key_for(scope, region)
    rule_set = latest_published_rule_set()
    if rule_set is None:
        raise ApplicationError(_("No rule set is published yet."), code="no_rule_set", status=409)
    already = _("A batch run on this scope is already in progress; wait for it to finish or cancel it.")
    if active_run_for(scope_key=scope_key) is not None:
        raise ApplicationError(already, code="run_active", status=409)
    ensure_broker_reachable()

    with transaction.atomic():
        previous = EligibilityRun.objects.filter(scope_key=scope_key, status=RunStatus.FINISHED)
        if nightly:
            previous = previous.filter(nightly=True)
        run = EligibilityRun(
            scope=scope,
            region=region,
            scope_key=scope_key,
            rule_set=rule_set,
            as_of=timezone.localdate(),
            status=RunStatus.RUNNING,
            previous=previous.order_by("-finished_at", "-pk").first(),
            nightly=nightly,
            started_by=actor,
            started_at=timezone.now(),
        )
        full_clean_or_raise(run, validate_constraints=False)
        try:
            with transaction.atomic():
                run.save()
        except IntegrityError as error:  # the partial unique constraint: a double click from two servers
            raise ApplicationError(already, code="run_active", status=409) from error
        chunks = EligibilityRunChunk.objects.bulk_create(plan_chunks(run=run, chunk_size=rule_set.batch_chunk_size))
        run.total = sum(chunk.size for chunk in chunks)
        run.chunk_count = len(chunks)
        fields = ["total", "chunk_count"]
        if not chunks:
            run.status, run.finished_at = RunStatus.FINISHED, timezone.now()
            fields += ["status", "finished_at"]
        run.save(update_fields=fields)
        audit_record(
            actor=actor,
            obj=run,
            action=RUN_START,
            to_state=run.status,
            comment=f"{scope_key}, {rule_set.code} v{rule_set.version}, {run.total} / {run.chunk_count}",
            request=request,
        )
        transaction.on_commit(lambda: enqueue_run(run))
    return run


def enqueue_run(run: EligibilityRun) -> None:
    """Send one task per pending chunk; if the queue died since the check, the run fails visibly."""
    chunk_ids = list(run.chunks.filter(status=ChunkStatus.PENDING).values_list("pk", flat=True))
    run.chunks.filter(pk__in=chunk_ids).update(heartbeat_at=timezone.now())  # sent: a sign of life
    try:
        for chunk_id in chunk_ids:
            task(RUN_CHUNK_TASK).apply_async(args=[chunk_id], retry=False)
    except (BrokerError, OSError) as error:
        _fail_run(run.pk, f"queue unreachable: {error}"[:500])
        run.refresh_from_db(fields=["status", "finished_at"])
        raise broker_unavailable_error() from error


@transaction.atomic
def run_cancel(*, actor: "User", run: EligibilityRun, request=None) -> EligibilityRun:
    """Stop a run: chunks not yet started are skipped; one already running finishes its own range."""
    if not can_use_runs(actor):
        raise PermissionDeniedError(NO_RUN_ACCESS)
    run = EligibilityRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in ACTIVE_RUN_STATUSES:
        raise ApplicationError(
            _("Only a pending or running batch run can be cancelled."), code="not_active", status=409
        )
    before = run.status
    run.status, run.finished_at = RunStatus.CANCELLED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    audit_record(actor=actor, obj=run, action=RUN_CANCEL, from_state=before, to_state=run.status, request=request)
    return run


@contextlib.contextmanager
def heartbeat(chunk_id: int, *, every: float):
    """Stamp the chunk's heartbeat from a side thread (its own connection) while the chunk runs."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                EligibilityRunChunk.objects.filter(pk=chunk_id, status=ChunkStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-chunk-{chunk_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def run_chunk_execute(*, chunk_id: int, beat: bool = True) -> bool:
    """Evaluate one chunk; True if this call completed it. Safe to call twice, even concurrently.

    The results, the chunk's done mark and the run's counters commit together; a second execution
    (a redelivered message, a re-queued stale chunk) finds the chunk done and changes nothing.
    """
    chunk = EligibilityRunChunk.objects.select_related("run__rule_set", "run__region").filter(pk=chunk_id).first()
    if chunk is None or chunk.status == ChunkStatus.DONE or chunk.run.status not in ACTIVE_RUN_STATUSES:
        return False
    run = chunk.run
    EligibilityRunChunk.objects.filter(pk=chunk.pk).exclude(status=ChunkStatus.DONE).update(
        status=ChunkStatus.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now()
    )
    guard = heartbeat(chunk.pk, every=settings.ELIGIBILITY_HEARTBEAT_SECONDS) if beat else contextlib.nullcontext()
    with guard, transaction.atomic():
        # (eligibility.batch_sql turns PostgreSQL's JIT off for the chunk statement.)
        # (batch.evaluate_range is looked up per call: a test worker slows it down.)
        written = batch.evaluate_range(
            run=run, first_talent_id=chunk.first_talent_id, last_talent_id=chunk.last_talent_id
        )
        now = timezone.now()
        marked = (
            EligibilityRunChunk.objects.filter(pk=chunk.pk)
            .exclude(status=ChunkStatus.DONE)
            .update(status=ChunkStatus.DONE, done_at=now, heartbeat_at=now)
        )
        if not marked:  # another execution committed this chunk first: its results stand
            transaction.set_rollback(True)
            return False
        EligibilityRun.objects.filter(pk=run.pk).update(done=F("done") + written, chunks_done=F("chunks_done") + 1)
        finished = EligibilityRun.objects.filter(
            pk=run.pk, status=RunStatus.RUNNING, chunks_done=F("chunk_count")
        ).update(status=RunStatus.FINISHED, finished_at=now)
        if finished:
            audit_record(
                actor=None, obj=run, action=RUN_FINISH, from_state=RunStatus.RUNNING, to_state=RunStatus.FINISHED
            )
    return True


def run_requeue_stale_chunks(*, stale_after: datetime.timedelta | None = None) -> list[int]:
    """Send again the chunks whose worker died: running ones with a heartbeat older than ``stale_after``,
    and the pending ones of a run where nothing has moved for that long (their messages were held by
    a killed worker; Redis would give them back only after its visibility timeout of an hour).

    Claiming is a conditional update, so two beat ticks never send the same chunk twice.
    """
    stale_after = stale_after or datetime.timedelta(seconds=settings.ELIGIBILITY_STALE_AFTER_SECONDS)
    cutoff = timezone.now() - stale_after
    stale = EligibilityRunChunk.objects.filter(
        status=ChunkStatus.RUNNING, heartbeat_at__lt=cutoff, run__status__in=ACTIVE_RUN_STATUSES
    ).values_list("pk", "run_id", "attempts")
    requeued = []
    for chunk_id, run_id, attempts in list(stale):
        if attempts >= MAX_CHUNK_ATTEMPTS:
            _fail_run(run_id, f"chunk {chunk_id} failed {attempts} times")
            continue
        claimed = EligibilityRunChunk.objects.filter(
            pk=chunk_id, status=ChunkStatus.RUNNING, heartbeat_at__lt=cutoff
        ).update(status=ChunkStatus.PENDING, heartbeat_at=timezone.now())
        if claimed:
            logger.warning("eligibility chunk %s: heartbeat stale since %s, re-queued", chunk_id, cutoff)
            task(RUN_CHUNK_TASK).apply_async(args=[chunk_id])
            requeued.append(chunk_id)

    # Every send, claim, beat and finish stamps heartbeat_at: a run without a recent one is stalled.
    stalled_runs = EligibilityRun.objects.filter(status__in=ACTIVE_RUN_STATUSES, started_at__lt=cutoff).exclude(
        chunks__heartbeat_at__gte=cutoff
    )
    waiting = EligibilityRunChunk.objects.filter(run__in=stalled_runs, status=ChunkStatus.PENDING).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff)
    )
    for chunk_id in list(waiting.values_list("pk", flat=True)):
        claimed = (
            EligibilityRunChunk.objects.filter(pk=chunk_id, status=ChunkStatus.PENDING)
            .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff))
            .update(heartbeat_at=timezone.now())
        )
        if claimed:
            logger.warning("eligibility chunk %s: its run stalled since %s, sent again", chunk_id, cutoff)
            task(RUN_CHUNK_TASK).apply_async(args=[chunk_id])
            requeued.append(chunk_id)
    return requeued


@transaction.atomic
def _fail_run(run_id: int, comment: str) -> None:
    """A chunk that keeps failing (an error, not a lost worker) stops its run instead of looping."""
    run = EligibilityRun.objects.select_for_update().filter(pk=run_id, status__in=ACTIVE_RUN_STATUSES).first()
    if run is None:
        return
    before = run.status
    run.status, run.finished_at = RunStatus.FAILED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    logger.error("eligibility run %s failed: %s", run_id, comment)
    audit_record(actor=None, obj=run, action=RUN_FAIL, from_state=before, to_state=run.status, comment=comment)


def run_start_nightly() -> EligibilityRun | None:
    """The nightly national run (Celery beat). Its difference from the previous nightly run lists the
    talents newly eligible for the green channel, for officials to invite (those who already have a
    dossier are left out: ``eligibility.selectors.runs.register_already_applied``).
    """
    try:
        return run_start(actor=None, scope=RunScope.ALL, nightly=True)
    except ApplicationError as error:
        logger.warning("nightly eligibility run not started: %s", error.message)
        return None


def run_prune_results(*, keep: int | None = None) -> list[int]:
    """Retention of per-talent results (a national run writes a million rows; nightly runs add up).

    First every finished run without a frozen summary gets one, while its results and its previous
    run's still exist. Then, per scope, the results of all but the ``keep`` newest finished runs (and
    the previous runs those compare with) are deleted; the run rows and their summaries stay. Active
    runs are never touched. Returns the ids of the runs pruned; each is audited.
    """
    keep = max(1, keep if keep is not None else settings.ELIGIBILITY_KEEP_RUNS_PER_SCOPE)
    finished = EligibilityRun.objects.filter(status=RunStatus.FINISHED)
    for run in finished.filter(summary__isnull=True, results_pruned_at__isnull=True).order_by("pk"):
        EligibilityRun.objects.filter(pk=run.pk).update(summary=run_summary_compute(run))

    kept = set()
    for scope_key in finished.values_list("scope_key", flat=True).distinct():
        newest = finished.filter(scope_key=scope_key).order_by("-finished_at", "-pk")[:keep]
        for run_id, previous_id in newest.values_list("pk", "previous_id"):
            kept.update({run_id, previous_id})
    candidates = (
        EligibilityRun.objects.exclude(status__in=ACTIVE_RUN_STATUSES)
        .filter(results_pruned_at__isnull=True)
        .exclude(pk__in=[pk for pk in kept if pk is not None])
        .order_by("pk")
    )
    pruned = []
    for run in candidates:
        with transaction.atomic():
            removed, _by_model = EligibilityRunResult.objects.filter(run_id=run.pk).delete()
            run.results_pruned_at = timezone.now()
            run.save(update_fields=["results_pruned_at"])
            audit_record(
                actor=None, obj=run, action=RUN_PRUNE, comment=f"{removed} results removed, keeping {keep} per scope"
            )
        pruned.append(run.pk)
    return pruned
