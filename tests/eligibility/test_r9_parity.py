"""R9 is computed twice: the engine's pure function (one talent) and the programs dashboard's
set-based queryset (programs.selectors.progress.leading_talents). Both must count the same talents over a
generated population (hypothesis). The dashboard counts everything on record, so the engine is
asked as of the last representable date."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogues.models import Occupation, SkillLevel
from eligibility.engine import r9_leading_talent
from eligibility.snapshots import load_snapshots
from programs.models import KeyIndustry, Plan
from programs.selectors.progress import leading_talents
from tests.programs.factories import DIGITAL, LEADING, ActivityFactory, EnrolmentFactory, widen_plan_periods
from tests.talents.factories import CredentialFactory, TalentFactory, catalogue

EVER = datetime.date.max

TALENTS = st.lists(
    st.fixed_dictionaries(
        {
            "skills": st.lists(
                st.sampled_from(["senior_worker", "technician", "senior_technician", "chief_technician"]),
                min_size=1,
                max_size=2,
            ),
            "key_occupation": st.booleans(),
            # (plan, completed) of each enrolment
            "enrolments": st.lists(
                st.tuples(st.sampled_from([LEADING, DIGITAL]), st.booleans()), min_size=1, max_size=2
            ),
        }
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(population=TALENTS)
def test_the_dashboard_and_the_engine_count_the_same_leading_talents(world, population):
    plan = Plan.objects.get(code=LEADING)
    key_occupations = frozenset(
        KeyIndustry.occupations.through.objects.filter(keyindustry__plan=plan).values_list("occupation_id", flat=True)
    )
    inside = Occupation.objects.filter(pk__in=key_occupations).order_by("code").first()
    outside = Occupation.objects.exclude(pk__in=key_occupations).order_by("code").first()
    with transaction.atomic():
        widen_plan_periods()
        activities = {
            code: ActivityFactory(plan=Plan.objects.get(code=code), capacity=50) for code in (LEADING, DIGITAL)
        }
        talents = []
        for person in population:
            talent = TalentFactory(employer=world.org, occupation=inside if person["key_occupation"] else outside)
            for level in person["skills"]:
                CredentialFactory(talent=talent, skill_level=catalogue(SkillLevel, level))
            for code, completed in {code: completed for code, completed in person["enrolments"]}.items():
                EnrolmentFactory(
                    activity=activities[code],
                    talent=talent,
                    completed=completed,
                    completed_on=datetime.date(2025, 5, 1) if completed else None,
                )
            talents.append(talent)
        snapshots = load_snapshots([talent.pk for talent in talents])
        by_engine = {
            talent_id
            for talent_id, snapshot in snapshots.items()
            if r9_leading_talent(snapshot, plan.pk, key_occupations, EVER)[0]
        }
        by_dashboard = set(leading_talents(plan).filter(pk__in=snapshots).values_list("pk", flat=True))
        assert by_engine == by_dashboard
        transaction.set_rollback(True)
