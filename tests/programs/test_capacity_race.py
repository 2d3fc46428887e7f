"""Capacity holds under concurrent enrolment: real PostgreSQL connections, one per thread."""

import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from accounts.errors import ApplicationError
from programs.models import Activity, Enrolment
from programs.services import enrolment_create
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.programs.factories import ActivityFactory
from tests.talents.factories import TalentFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    from accounts.models import Region
    from programs.models import Plan

    if not Region.objects.exists():
        import_module("accounts.migrations.0002_regions_and_audit_guard").load_regions(apps, None)
        import_module("catalogues.migrations.0002_load_catalogues").load_catalogues(apps, None)
    if not Plan.objects.exists():
        import_module("programs.migrations.0002_seed_plans").seed_plans(apps, None)


def run_concurrently(calls):
    """Start every call at once (a barrier), each on its own connection; collect outcomes."""
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


def test_concurrent_enrolments_never_exceed_capacity():
    assert connection.vendor == "postgresql"
    org = OrganisationFactory()
    clerk = UserFactory(role="enterprise_clerk", organisation=org)
    activity = ActivityFactory(organiser=org, capacity=3)
    talents = TalentFactory.create_batch(8, employer=org)
    outcomes = run_concurrently(
        [lambda t=t: enrolment_create(actor=clerk, activity=activity, talent=t) for t in talents]
    )
    assert sorted(outcomes) == ["full"] * 5 + ["ok"] * 3
    activity.refresh_from_db()
    assert activity.enrolled_count == 3 == Enrolment.objects.filter(activity=activity).count()
    assert Activity.objects.get(pk=activity.pk).places_left == 0


def test_concurrent_city_targets_never_exceed_the_province():
    from accounts.models import Region, Role
    from programs.models import Metric, Plan, RegionalTarget
    from programs.services import target_set

    leading = Plan.objects.get(code="leading_talents_2024_2026")
    guangdong = Region.objects.get(code="440000")
    RegionalTarget.objects.create(plan=leading, metric=Metric.LEADING_TALENTS, region=guangdong, target=100)
    province = UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=guangdong)
    cities = list(Region.objects.filter(parent=guangdong).order_by("code")[:3])
    outcomes = run_concurrently(
        [
            lambda c=city: target_set(actor=province, plan=leading, metric=Metric.LEADING_TALENTS, region=c, target=40)
            for city in cities
        ]
    )
    assert sorted(outcomes) == ["exceeds_parent_target", "ok", "ok"]
    total = sum(RegionalTarget.objects.filter(region__parent=guangdong).values_list("target", flat=True))
    assert total == 80
