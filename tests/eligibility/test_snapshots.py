import datetime

import pytest

from eligibility.snapshots import load_snapshots
from programs.models import PlatformKind, PlatformLevel
from tests.eligibility.factories import TalentSpec, make_talent
from tests.programs.factories import ActivityFactory, EnrolmentFactory, widen_plan_periods

RICH = TalentSpec(
    skills=(("technician", datetime.date(2019, 5, 1)), ("senior_worker", datetime.date(2015, 5, 1))),
    titles=(("intermediate", datetime.date(2018, 1, 1)),),
    honours=(("china_skills_award", datetime.date(2022, 1, 1)),),
    studios=(("national", datetime.date(2021, 3, 1)), ("provincial", None)),
    graduations=((True, datetime.date(2010, 7, 1)),),
    frontline=True,
    years_of_work=17,
    education="junior_college",
)


def test_a_snapshot_holds_what_the_rules_read(world):
    talent = make_talent(RICH, employer=world.org)
    widen_plan_periods()
    EnrolmentFactory(talent=talent, activity=ActivityFactory(), completed=True, completed_on=datetime.date(2025, 1, 9))
    EnrolmentFactory(talent=talent, activity=ActivityFactory())  # not completed: not in the snapshot
    snapshot = load_snapshots([talent.pk])[talent.pk]
    assert (snapshot.region_id, snapshot.employer_id) == (world.org.region_id, world.org.pk)
    assert (snapshot.frontline, snapshot.years_of_work, snapshot.education) == (True, 17, "junior_college")
    assert snapshot.occupation_title_series_id == talent.occupation.title_series_id
    assert [(c.kind, c.level) for c in snapshot.credentials] == [
        ("graduation", ""),
        ("skill_level", "senior_worker"),
        ("title", "intermediate"),
        ("skill_level", "technician"),
    ]
    assert [h.award for h in snapshot.honours] == ["china_skills_award"]
    assert sorted(role.role for role in snapshot.platform_roles) == [
        "national_master_studio_leader",
        "provincial_master_studio_leader",
    ]
    assert [(t.completed_on) for t in snapshot.completed_training] == [datetime.date(2025, 1, 9)]
    with pytest.raises(AttributeError):
        snapshot.frontline = False  # immutable


def test_other_platforms_give_no_role(world):
    from tests.programs.factories import PlatformFactory

    talent = make_talent(TalentSpec(), employer=world.org)
    PlatformFactory(kind=PlatformKind.HIGH_SKILLED_TRAINING_BASE, level=PlatformLevel.NATIONAL, leader=talent)
    assert load_snapshots([talent.pk])[talent.pk].platform_roles == ()


def test_loading_takes_five_queries_for_one_talent_or_ten(world, django_assert_num_queries):
    one = [make_talent(RICH, employer=world.org).pk]
    ten = [make_talent(RICH, employer=world.org_other_city).pk for _ in range(10)]
    for ids in (one, ten):
        with django_assert_num_queries(5):
            snapshots = load_snapshots(ids)
        assert sorted(snapshots) == sorted(ids)
