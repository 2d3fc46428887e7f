"""The embedded default (SQLite, in-process tasks, the Python evaluator) runs a batch end to end with
the same results as PostgreSQL (the SQL evaluator) for the same population."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.models import EligibilityRunResult, RunScope, RunStatus
from eligibility.services.runs import run_start
from tests.accounts.factories import OrganisationFactory, region
from tests.eligibility.runs.helpers import talents_with_mixed_records

ROOT = Path(__file__).resolve().parents[3]
OUTCOMES = (
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
POPULATION = 30

EMBEDDED_RUN = f"""
import json
from accounts.models import Role
from eligibility.models import EligibilityRunResult
from eligibility.services.runs import run_start
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.eligibility.runs.helpers import talents_with_mixed_records

talents_with_mixed_records(OrganisationFactory(region=region("440100")), {POPULATION})
official = UserFactory(role=Role.CITY_OFFICIAL, region=region("440100"))
run = run_start(actor=official, scope="region", region=region("440100"))
run.refresh_from_db()
rows = EligibilityRunResult.objects.filter(run=run).order_by("talent_id").values_list(*{OUTCOMES!r})
print("RESULT " + json.dumps({{"status": run.status, "rows": [list(row) for row in rows]}}))
"""


def embedded_results(tmp_path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "talentportal.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "CELERY_BROKER_URL": "memory://",
        "DJANGO_SECRET_KEY": "test-only-not-secret",
    }
    python = [sys.executable, "manage.py"]
    subprocess.run([*python, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)  # noqa: S603
    done = subprocess.run(  # noqa: S603
        [*python, "shell", "-c", EMBEDDED_RUN],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@pytest.mark.slow
def test_the_embedded_default_gives_the_same_results_as_postgresql(
    world, eager, django_capture_on_commit_callbacks, tmp_path
):
    talents_with_mixed_records(OrganisationFactory(region=region("440100")), POPULATION)
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(actor=world.city_official, scope=RunScope.REGION, region=region("440100"))
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    on_postgresql = [
        list(row) for row in EligibilityRunResult.objects.filter(run=run).order_by("talent_id").values_list(*OUTCOMES)
    ]

    embedded = embedded_results(tmp_path)
    assert embedded["status"] == "finished"
    assert embedded["rows"] == on_postgresql
    assert len({row[0] for row in on_postgresql}) == 3  # the population has every green-channel outcome
