"""Faults: PostgreSQL or Redis down (issue 14). The database is made unreachable by pointing the portal at
a dead port (127.0.0.1:1) in a subprocess, so the test database of the suite is never touched."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from redis.backoff import NoBackoff
from redis.retry import Retry

ROOT = Path(__file__).resolve().parent.parent.parent

DEAD_DATABASE_PROBE = r"""
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a-session-the-dead-database-must-be-asked-about"
answers = {}
for name, path, headers in [
    ("dashboard", "/", {}),
    ("talents", "/talents/", {}),
    ("verify_page", "/evaluations/certificates/verify/?number=GD-2026-1&code=K7Q2M9", {}),
    ("api_list", "/api/v1/talents/", {"HTTP_AUTHORIZATION": "Token 0123456789abcdef0123456789abcdef01234567"}),
    ("api_verify", "/api/v1/certificates/verify/?number=GD-2026-1&code=K7Q2M9", {}),
]:
    client.cookies["sessionid"] = "" if name.startswith(("api", "verify")) else "a-session-key"
    response = client.get(path, **headers)
    answers[name] = {
        "status": response.status_code,
        "type": response.get("Content-Type", ""),
        "body": response.content.decode(),
        "retry": response.get("Retry-After"),
    }
print("ANSWERS" + json.dumps(answers))
"""


def _probe_with_dead_database(language: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "talentportal.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing_listens_here",
        "DJANGO_CONN_MAX_AGE": "0",
    }
    result = subprocess.run(  # noqa: S603 — our own probe script
        [sys.executable, "-c", DEAD_DATABASE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("ANSWERS")]
    assert lines, result.stdout + result.stderr
    return json.loads(lines[0].removeprefix("ANSWERS"))


@pytest.fixture(scope="module")
def dead_database_answers() -> dict:
    return _probe_with_dead_database()


@pytest.mark.slow
@pytest.mark.parametrize("page", ["dashboard", "talents", "verify_page"])
def test_pages_answer_a_branded_translated_503_when_postgresql_is_down(dead_database_answers, page):
    answer = dead_database_answers[page]
    assert answer["status"] == 503, answer["body"][:500]
    assert answer["type"].startswith("text/html")
    assert "Server Error (500)" not in answer["body"]
    assert "人才" in answer["body"]  # the portal's name in the default language (zh-hans), not Django's bare page
    assert "<nav" in answer["body"]
    assert answer["retry"] == "60"


@pytest.mark.slow
@pytest.mark.parametrize("endpoint", ["api_list", "api_verify"])
def test_the_api_answers_a_json_503_when_postgresql_is_down(dead_database_answers, endpoint):
    answer = dead_database_answers[endpoint]
    assert answer["status"] == 503, answer["body"][:500]
    assert answer["type"].startswith("application/json")
    assert json.loads(answer["body"])["code"] == "service_unavailable"


def test_other_server_errors_stay_500_but_branded(rf):
    from talentportal.errors import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        page = server_error(rf.get("/talents/"))
        api = server_error(rf.get("/api/v1/talents/"))
    assert page.status_code == 500 and b"Server Error (500)" not in page.content
    assert api.status_code == 500 and json.loads(api.content)["code"] == "server_error"


def test_a_wrapped_connection_error_counts_as_unavailable():
    from django.db import OperationalError

    from talentportal.errors import database_unavailable

    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as error:
            raise RuntimeError("while loading the session") from error
    except RuntimeError as outer:
        assert database_unavailable(outer)
    assert not database_unavailable(ValueError("bad input"))


# Redis down: the shared cache (throttles, count cache) and the broker (exports)

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "accounts.cache_backends.FallbackRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "retry": Retry(NoBackoff(), 0)},
        }
    }
    from django.core.cache import cache

    return cache


@pytest.mark.django_db
def test_the_verification_api_still_throttles_when_redis_is_down(dead_redis_cache, client, monkeypatch, caplog):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"certificate_verify": "2/minute"})
    with caplog.at_level("WARNING", logger="accounts.cache_backends"):
        answers = [
            client.get("/api/v1/certificates/verify", {"number": "X", "code": "Y"}).status_code for _ in range(3)
        ]
        page = client.get("/evaluations/certificates/verify/", {"number": "X", "code": "Y"})
    assert answers == [404, 404, 429]  # the local fallback counts: still limited, never a 500
    assert page.status_code == 429  # the page shares the API's allowance, in the fallback too
    assert any("Redis cache unreachable" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_objections_are_still_taken_and_limited_when_redis_is_down(dead_redis_cache, client, settings):
    from django.urls import reverse

    from notices.models import Objection
    from tests.notices.factories import NoticeEntryFactory

    settings.NOTICES_OBJECTION_PAGE_RATE = (2, 3600)
    entry = NoticeEntryFactory()
    data = {"entry": entry.pk, "name": "李四", "contact": "13800138000", "reason": "岗位不符"}
    url = reverse("notices:notice-detail", args=[entry.notice_id])
    answers = [client.post(url, data).status_code for _ in range(3)]
    assert 500 not in answers
    assert Objection.objects.count() == 2

    from rest_framework.test import APIClient

    api = APIClient()
    assert api.post("/api/v1/objections/", data).status_code in (201, 429)


@pytest.fixture
def dead_broker(monkeypatch):
    """Celery publishes to a dead Redis port (its connection pools are rebuilt for it, and after). Celery
    reads CELERY_BROKER_URL from the environment before its configuration, so both change."""
    from celery import current_app

    def reset_pools():
        from kombu import pools

        pools.reset()  # kombu's process-wide connection and producer pools, keyed by broker
        current_app._pool = None
        current_app.amqp._producer_pool = None

    old = current_app.conf.broker_url
    reset_pools()
    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_REDIS)
    monkeypatch.setenv("CELERY_BROKER_WRITE_URL", DEAD_REDIS)
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    current_app.conf.broker_url = DEAD_REDIS
    yield
    monkeypatch.undo()
    current_app.conf.task_always_eager = eager
    current_app.conf.broker_url = old
    reset_pools()


@pytest.mark.django_db
def test_an_export_that_cannot_be_queued_is_marked_failed_with_a_message(
    world, client_for, settings, dead_broker, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from exports.models import Export, ExportStatus
    from tests.evaluations.review.factories import submitted_dossier

    settings.EXPORT_DIRECT_ROWS = 0
    submitted_dossier(world.org)
    client = client_for(world.provincial_official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=["evaluations.review_queue"]))
    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == ExportStatus.FAILED  # not left "pending" for ever
    assert export.error and export.finished_at is not None
    assert export.error in client.get(response.url).content.decode()
