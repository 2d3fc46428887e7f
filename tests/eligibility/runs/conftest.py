"""Fixtures of the batch-run tests: a published rule set, small populations, eager mode, and a real
Celery worker process on Redis against the pytest database (for the SIGKILL tests)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import current_app
from django.db import connection
from django.utils import timezone

from eligibility.models import EligibilityRun, RuleSet, RuleSetStatus, RunStatus
from tests.eligibility.runs.helpers import population

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def rule_set(db) -> RuleSet:
    """The published rule set a run uses; chunks of 10 so small populations still split into several."""
    return RuleSet.objects.create(
        code="batch-test",
        version=1,
        title="batch test",
        status=RuleSetStatus.PUBLISHED,
        published_at=timezone.now(),  # the latest published one, whatever the migrations seeded
        batch_chunk_size=10,  # below the admin's minimum of 100, only for tests
    )


@pytest.fixture
def eager():
    """Tasks run in-process, as in the embedded default (Celery read its settings once at start)."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


@pytest.fixture
def people(world):
    return population(world)


# A real worker


BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")


def _redis():
    import redis

    return redis.Redis.from_url(BROKER_URL)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class WorkerProcess:
    """``celery -A … worker`` in its own process group, on this test's database and the test broker."""

    def __init__(self, tmp_path: Path, app: str):
        self.tmp_path = tmp_path
        self.app = app
        self.process = None
        self.log_path = tmp_path / "worker.log"

    def start(self, *, chunk_delay: float = 0.0) -> "WorkerProcess":
        settings = connection.settings_dict
        user = settings.get("USER") or "postgres"
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "talentportal.settings.test",
            "DATABASE_URL": f"postgres://{user}@{host}:{port}/{settings['NAME']}",
            "CELERY_BROKER_URL": BROKER_URL,
            "ELIGIBILITY_HEARTBEAT_SECONDS": "1",
            "ELIGIBILITY_TEST_CHUNK_DELAY": str(chunk_delay),
            "DJANGO_CONN_MAX_AGE": "0",
        }
        if settings.get("PASSWORD"):
            env["DATABASE_URL"] = f"postgres://{user}:{settings['PASSWORD']}@{host}:{port}/{settings['NAME']}"
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            self.app,
            "worker",
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 — our own worker, fixed arguments
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited: {self.log()}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.1)
        raise AssertionError(f"worker not ready after {timeout}s: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def pool_children(self) -> list[int]:
        return _children(self.process.pid)

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): nothing gets to clean up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker_factory(tmp_path, transactional_db, settings):
    """Start real workers; the queue is emptied first and every worker is stopped at the end.

    The test process publishes to the same broker (never eager here)."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    client = _redis()
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    started: list[WorkerProcess] = []

    def start(*, chunk_delay: float = 0.0) -> WorkerProcess:
        worker = WorkerProcess(tmp_path, "tests.eligibility.runs.worker_app").start(chunk_delay=chunk_delay)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    current_app.conf.task_always_eager = previous


def wait_for(predicate, *, timeout: float = 30, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out: {message}")


def run_status(run_id: int) -> str:
    return EligibilityRun.objects.values_list("status", flat=True).get(pk=run_id)


def is_finished(run_id: int) -> bool:
    return run_status(run_id) == RunStatus.FINISHED
