"""Certificate numbers and votes under concurrency: real PostgreSQL connections, one per thread."""

import pytest
from django.db import connection

from evaluations.models import Certificate, DossierStatus, Vote
from evaluations.services.assessment import vote_cast
from evaluations.services.certificates import certificate_issue
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import DossierFactory, freeze_revision
from tests.transactional import load_reference_data, run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data(rule_set=True)


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
