"""Helpers for transactional tests (``django_db(transaction=True)``): reference data and concurrent calls.

A transactional test flushes every table afterwards, the migrated reference data included, so each module
reloads what it needs with the data migrations' own functions (serialized_rollback proved unreliable)::

    @pytest.fixture(autouse=True)
    def reference_data():
        load_reference_data(plans=True)
"""

import threading
from importlib import import_module

from django.apps import apps

from accounts.errors import ApplicationError


def load_reference_data(*, rule_set: bool = False, plans: bool = False) -> None:
    """Regions and catalogues always; the published default rule set and the seeded plans on request.
    Each part is loaded only when its table is empty."""
    from accounts.models import Region
    from eligibility.models import RuleSet
    from programs.models import Plan

    if not Region.objects.exists():
        import_module("accounts.migrations.0002_regions_and_audit_guard").load_regions(apps, None)
        import_module("catalogues.migrations.0002_load_catalogues").load_catalogues(apps, None)
    if rule_set and not RuleSet.objects.exists():
        import_module("eligibility.migrations.0002_default_rule_set").load_default_rule_set(apps, None)
    if plans and not Plan.objects.exists():
        import_module("programs.migrations.0002_seed_plans").seed_plans(apps, None)


def run_concurrently(calls) -> list[str]:
    """Start every call at once (a barrier), each on its own connection; return the outcomes in finishing
    order: "ok", or the code of the ``ApplicationError`` the call raised."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    outcomes = []
    lock = threading.Lock()

    def worker(call):
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
