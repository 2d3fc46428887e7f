"""The plans seeded from the policy texts (programs/migrations/0002_seed_plans)."""

import datetime

import pytest

from catalogues.models import Occupation
from programs.models import KeyIndustry, Plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "tasks"),
    [("leading_talents_2024_2026", 8), ("digital_talents_2024_2026", 12), ("talent_services_special_actions", 8)],
)
def test_each_plan_has_its_numbered_bilingual_key_tasks(code, tasks):
    plan = Plan.objects.get(code=code)
    rows = list(plan.key_tasks.order_by("number"))
    assert [t.number for t in rows] == list(range(1, tasks + 1))
    assert all(t.title and t.title_en for t in rows)
    assert plan.title and plan.title_en and plan.policy_title and plan.issuing_departments
    assert plan.key_industries.exists()
    assert all(industry.occupations.exists() for industry in plan.key_industries.all())


def test_periods_and_dates_from_the_texts():
    leading = Plan.objects.get(code="leading_talents_2024_2026")
    assert (leading.period_start, leading.period_end) == (datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))
    assert Plan.objects.get(code="digital_talents_2024_2026").issued_on == datetime.date(2024, 4, 2)
    assert Plan.objects.get(code="talent_services_special_actions").period_start is None  # the text gives none


def test_the_digital_plan_covers_every_digital_occupation():
    industry = KeyIndustry.objects.get(plan__code="digital_talents_2024_2026")
    assert set(industry.occupations.all()) == set(Occupation.objects.filter(is_digital=True))
    assert Plan.objects.get(code="leading_talents_2024_2026").key_tasks.get(number=7).title == "加强领军人才平台建设"
