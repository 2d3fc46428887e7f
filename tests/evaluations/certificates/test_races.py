"""Certificate numbers and votes under concurrency: real PostgreSQL connections, one per thread."""

import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from accounts.errors import ApplicationError
from evaluations.models import Certificate, DossierStatus, Vote
from evaluations.services.assessment import vote_cast
from evaluations.services.certificates import certificate_issue
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import DossierFactory, freeze_revision

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    from accounts.models import Region
    from eligibility.models import RuleSet

    if not Region.objects.exists():
        import_module("accounts.migrations.0002_regions_and_audit_guard").load_regions(apps, None)
        import_module("catalogues.migrations.0002_load_catalogues").load_catalogues(apps, None)
    if not RuleSet.objects.exists():
        import_module("eligibility.migrations.0002_default_rule_set").load_default_rule_set(apps, None)


def run_concurrently(calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []
    lock = threading.Lock()

    def worker(call):
        from django.db import connections

        try:
            barrier.wait()
            try:
                call()
                result = "ok"
            except ApplicationError as error:
                result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_concurrent_issues_take_distinct_consecutive_numbers():
    assert connection.vendor == "postgresql"
    panel = make_panel(status=DossierStatus.IN_PUBLICITY)
    dossiers = [panel.dossier]
    for _ in range(3):
        dossier = DossierFactory(round=panel.round, status=DossierStatus.IN_PUBLICITY)
        freeze_revision(dossier)
        dossiers.append(dossier)
    outcomes = run_concurrently([lambda d=d: certificate_issue(dossier=d) for d in dossiers])
    assert outcomes == ["ok"] * 4
    sequences = sorted(int(number[-6:]) for number in Certificate.objects.values_list("number", flat=True))
    assert sequences == [1, 2, 3, 4]


def test_concurrent_votes_of_one_member_count_once():
    panel = make_panel(status=DossierStatus.IN_COMMITTEE)
    expert = panel.experts[1]
    outcomes = run_concurrently(
        [lambda c=c: vote_cast(actor=expert, dossier=panel.dossier, choice=c) for c in ("yes", "no", "abstain")]
    )
    assert sorted(outcomes) == ["already_voted", "already_voted", "ok"]
    assert Vote.objects.filter(dossier=panel.dossier, expert=expert).count() == 1
