"""The Celery app for test workers: the project's own, with a test-only slow-down of each chunk.

``ELIGIBILITY_TEST_CHUNK_DELAY`` seconds are slept after a chunk's results are written and before
its transaction commits, so a test can SIGKILL the worker mid-chunk.
"""

import os
import time

from celery.signals import worker_process_init

from talentportal.celery import app

__all__ = ["app"]


@worker_process_init.connect
def slow_down_chunks(**kwargs):
    delay = float(os.environ.get("ELIGIBILITY_TEST_CHUNK_DELAY") or 0)
    if not delay:
        return
    from eligibility import batch

    evaluate_range = batch.evaluate_range

    def slow_evaluate_range(**kwargs):
        written = evaluate_range(**kwargs)
        time.sleep(delay)
        return written

    batch.evaluate_range = slow_evaluate_range
