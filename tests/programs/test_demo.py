"""The programs part of seed_demo: coherent with the rules the services enforce."""

import pytest
from django.db.models import Sum

from programs.models import Activity, Enrolment, Platform, Question, RegionalTarget


@pytest.fixture
def seeded(demo_seeded, db):
    return demo_seeded


def test_targets_stay_within_their_parents(seeded):
    for parent in RegionalTarget.objects.select_related("region"):
        children = RegionalTarget.objects.filter(
            plan=parent.plan, metric=parent.metric, region__parent=parent.region
        ).aggregate(total=Sum("target"))["total"]
        assert (children or 0) <= parent.target, parent


def test_activities_enrolments_and_completions(seeded):
    assert Activity.objects.count() == 6
    for activity in Activity.objects.all():
        count = Enrolment.objects.filter(activity=activity).count()
        assert 0 < count == activity.enrolled_count <= activity.capacity
        assert activity.key_task.plan_id == activity.plan_id
    assert Enrolment.objects.filter(completed=True).count() > 50
    assert Enrolment.objects.filter(completed=False).exists()  # the open national workshop


def test_questions_published_only_when_answered(seeded):
    assert Question.objects.filter(published=True).count() == 4
    assert Question.objects.filter(published=False, answer="").count() == 1
    assert Question.objects.exclude(group=None).exists()


def test_a_national_studio_leader_with_a_green_channel_honour(seeded):
    studio = Platform.objects.get(kind="skill_master_studio", level="national")
    assert studio.leader_role_code == "national_master_studio_leader"
    assert studio.leader.employer_id == studio.host_id
    assert studio.leader.honours.filter(award__code__in=["china_skills_award", "national_technical_expert"]).exists()
