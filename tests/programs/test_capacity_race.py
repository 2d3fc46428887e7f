"""Capacity holds under concurrent enrolment: real PostgreSQL connections, one per thread."""

import pytest
from django.db import connection

from programs.models import Activity, Enrolment
from programs.services.enrolments import enrolment_create
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.programs.factories import ActivityFactory
from tests.talents.factories import TalentFactory
from tests.transactional import load_reference_data, run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data(plans=True)


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
    from programs.services.targets import target_set

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
