"""Celery tasks of the batch runs (docs/rules.md#batch-checks): thin wrappers that take ids and call the services.

A chunk's message is acknowledged only after the chunk committed (``acks_late``), and a worker
process killed mid-chunk puts it back on the queue (``reject_on_worker_lost``); executing a chunk
twice changes nothing (services/runs.py), so redelivery is always safe.
"""

from celery import shared_task

from eligibility.services.runs import (
    run_chunk_execute,
    run_prune_results,
    run_requeue_stale_chunks,
    run_start_nightly,
)


@shared_task(name="eligibility.run_chunk", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def eligibility_run_chunk(chunk_id: int) -> bool:
    # In-process (eager) execution has nobody to re-queue it, so it needs no heartbeat thread.
    return run_chunk_execute(chunk_id=chunk_id, beat=not eligibility_run_chunk.request.is_eager)


@shared_task(name="eligibility.requeue_stale_chunks", ignore_result=True)
def eligibility_requeue_stale_chunks() -> list[int]:
    return run_requeue_stale_chunks()


@shared_task(name="eligibility.nightly_run", ignore_result=True)
def eligibility_nightly_run() -> int | None:
    run = run_start_nightly()
    return run.pk if run is not None else None


@shared_task(name="eligibility.prune_results", ignore_result=True)
def eligibility_prune_results() -> list[int]:
    return run_prune_results()
