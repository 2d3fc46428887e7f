"""The suite passes whatever test a process runs last (issue: a transactional test last in its process
made the teardown hook write into the database ``DATABASE_URL`` names)."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _admin_connection():
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.mark.slow
def test_a_file_ending_with_a_transactional_test_passes_alone_and_never_touches_the_real_database():
    database = settings.DATABASES["default"]
    real_name = "talentportal_isolation_check"  # its test database: test_talentportal_isolation_check
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{real_name}"')
        admin.execute(f'CREATE DATABASE "{real_name}"')  # exists and is empty, like a fresh local database
    user = database["USER"]
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{host}:{port}/{real_name}",
        "DJANGO_SETTINGS_MODULE": "talentportal.settings.test",
    }
    environment.pop("PYTEST_XDIST_WORKER", None)
    environment.pop("PYTEST_XDIST_WORKER_COUNT", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:randomly", "tests/suite/transactional_last.py"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "3 passed" in output, output
    assert "error" not in output.lower(), output
    with psycopg.connect(
        host=host, port=port, user=user, password=database["PASSWORD"] or None, dbname=real_name
    ) as real:
        tables = real.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert tables == 0, "the hook wrote into the real database"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{real_name}"')
