"""Faults: PostgreSQL or Redis down (issue 14). The database is made unreachable by pointing the portal at
a dead port (127.0.0.1:1) in a subprocess, so the test database of the suite is never touched."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
