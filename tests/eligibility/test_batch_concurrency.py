"""Two executions of one chunk at once (a redelivered task while the first still runs): each talent's
result is written once, and the second execution neither fails nor duplicates. Real PostgreSQL
connections, one per thread."""

import threading

import pytest
from django.db import connections, transaction

from eligibility.batch import evaluate_range
from eligibility.models import EligibilityRunResult
from tests.eligibility.factories import PublishedRuleSetFactory, make_population, make_run
from tests.transactional import load_reference_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data(plans=True)


def test_a_concurrent_execution_of_the_same_range_writes_nothing_twice(world):
    talents = make_population(world)
    run = make_run(rule_set=PublishedRuleSetFactory())  # transactional tests flush the migrated rule set
    first, last = talents[0].pk, talents[-1].pk
    first_wrote, first_may_commit = threading.Event(), threading.Event()
    written, failures = {}, []

    def execute(name, before=None, after=None):
        try:
            if before:
                before()
            with transaction.atomic():
                written[name] = evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="sql")
                if after:
                    after()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    def hold_open():
        first_wrote.set()
        first_may_commit.wait(10)

    def start_after_first_wrote():
        first_wrote.wait(10)
        # The second statement starts while the first's rows are uncommitted; the first commits meanwhile.
        threading.Timer(0.5, first_may_commit.set).start()

    threads = [
        threading.Thread(target=execute, args=("first",), kwargs={"after": hold_open}),
        threading.Thread(target=execute, args=("second",), kwargs={"before": start_after_first_wrote}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert not failures
    assert written == {"first": len(talents), "second": 0}
    assert EligibilityRunResult.objects.filter(run=run).count() == len(talents)
