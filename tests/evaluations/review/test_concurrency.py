"""Two officials approving the same dossier at the same moment: exactly one transition happens, the
other gets a 409 (real PostgreSQL connections, one per thread, started together at a barrier)."""

import pytest
from django.db import connection

from evaluations.models import DossierReview, DossierStatus
from evaluations.services.review import dossier_review
from tests.accounts.factories import UserFactory, region
from tests.evaluations.review.factories import submitted_dossier
from tests.transactional import load_reference_data, run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data(plans=True)


@pytest.fixture
def published_rule_set():
    """Transactional tests flush the migrated rule set the round factory uses: load it again."""
    load_reference_data(rule_set=True)


def test_two_city_officials_approving_at_once_make_one_transition(world, published_rule_set):
    assert connection.vendor == "postgresql"
    dossier = submitted_dossier(world.org)
    colleague = UserFactory(role="city_official", region=region("440100"))
    outcomes = run_concurrently(
        [
            lambda user=user: dossier_review(actor=user, dossier=dossier, decision="approve")
            for user in (world.city_official, colleague)
        ]
    )
    assert sorted(outcomes) == ["decided_meanwhile", "ok"]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CITY_APPROVED
    assert DossierReview.objects.filter(dossier=dossier).count() == 1


def test_an_approval_and_a_return_at_once_make_one_transition(world, published_rule_set):
    dossier = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    colleague = UserFactory(role="provincial_official", region=region("440000"))
    outcomes = run_concurrently(
        [
            lambda: dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve"),
            lambda: dossier_review(actor=colleague, dossier=dossier, decision="return", comment="请补充材料"),
        ]
    )
    assert sorted(outcomes) == ["illegal_transition", "ok"]
    dossier.refresh_from_db()
    assert dossier.status in (DossierStatus.IN_ASSESSMENT, DossierStatus.RETURNED)
    assert DossierReview.objects.filter(dossier=dossier).count() == 1


def test_the_second_approval_waits_for_the_row_lock_then_conflicts(world, published_rule_set, monkeypatch):
    """Deterministic overlap: the first approval holds the lock (paused inside its transaction) while the
    second starts; the second waits, then sees the new state."""
    import threading

    from django.db import connections

    from accounts.errors import ApplicationError
    from evaluations.services import review as review_service

    dossier = submitted_dossier(world.org)
    colleague = UserFactory(role="city_official", region=region("440100"))
    holding, release = threading.Event(), threading.Event()
    real_level = review_service.review_level

    def paused_level(locked, edge):
        if threading.current_thread().name == "first":
            holding.set()
            release.wait(10)
        return real_level(locked, edge)

    monkeypatch.setattr(review_service, "review_level", paused_level)
    outcomes = {}

    def approve(name, user):
        try:
            dossier_review(actor=user, dossier=dossier, decision="approve")
            outcomes[name] = "ok"
        except ApplicationError as error:
            outcomes[name] = error.code
        finally:
            connections.close_all()

    first = threading.Thread(target=approve, args=("first", world.city_official), name="first")
    second = threading.Thread(target=approve, args=("second", colleague), name="second")
    first.start()
    assert holding.wait(10)
    second.start()
    second.join(timeout=1)
    assert second.is_alive()  # blocked on the row lock the first approval holds
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert outcomes == {"first": "ok", "second": "decided_meanwhile"}
    assert DossierReview.objects.filter(dossier=dossier).count() == 1
