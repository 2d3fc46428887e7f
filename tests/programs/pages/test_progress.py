"""The progress dashboard's figures against a hand-computed fixture, and R9 counting (docs/rules.md,
docs/programs.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogues.models import Occupation, SkillLevel
from programs.models import Metric, ProgressFigure, ProgressRefresh
from programs.selectors.progress import leading_talents, plan_progress
from programs.services.progress import progress_refresh
from programs.tasks import progress_refresh_plan
from talents.models import Credential
from tests.accounts.factories import OrganisationFactory, region
from tests.programs.factories import DIGITAL, ActivityFactory, EnrolmentFactory, TargetFactory, plan
from tests.talents.factories import CredentialFactory, TalentFactory

pytestmark = pytest.mark.django_db


def level(code):
    return SkillLevel.objects.get(code=code)


def non_key_occupation():
    """A digital occupation outside the leading plan's key industries."""
    return Occupation.objects.filter(is_digital=True).exclude(key_industries__plan=plan()).first()


def completed(activity, talent):
    return EnrolmentFactory(activity=activity, talent=talent, completed=True, completed_on=datetime.date(2024, 6, 1))


@pytest.fixture
def scenario(world):
    """Guangzhou (world.org) and Shenzhen talents in two activities of the leading plan and one of the
    digital plan. Hand count for the leading plan:

    - enrolments 7 (A: t1 t2 t3 t4 t6 t7, B: t6); completed 6 (t2 did not complete); digital 1 (t4)
    - R9: t1 (technician, key occupation), t6 (senior technician, two activities → once), t7
      (Shenzhen); not t2 (not completed), t3 (senior worker), t4 (not a key occupation), t5 (other plan)
    - certificates in 2024–2026 of talents who completed: t1 junior worker + technician, t3 senior
      worker → by level junior 1, senior worker 1, technician 1; toward the target (≥ senior worker) 2
    """
    shenzhen_org = world.org_other_city
    activity_a = ActivityFactory()
    activity_b = ActivityFactory()
    digital_activity = ActivityFactory(plan=plan(DIGITAL))
    t = {n: TalentFactory(employer=world.org) for n in (1, 2, 3, 5, 6)}
    t[4] = TalentFactory(employer=world.org, occupation=non_key_occupation())
    t[7] = TalentFactory(employer=shenzhen_org)
    CredentialFactory(talent=t[1], skill_level=level("technician"), obtained_on=datetime.date(2024, 5, 1))
    CredentialFactory(talent=t[1], skill_level=level("junior_worker"), obtained_on=datetime.date(2024, 2, 1))
    CredentialFactory(talent=t[2], skill_level=level("technician"), obtained_on=datetime.date(2024, 5, 1))
    CredentialFactory(talent=t[3], skill_level=level("senior_worker"), obtained_on=datetime.date(2025, 1, 1))
    CredentialFactory(talent=t[4], skill_level=level("technician"), obtained_on=datetime.date(2019, 1, 1))
    CredentialFactory(talent=t[5], skill_level=level("technician"), obtained_on=datetime.date(2019, 1, 1))
    CredentialFactory(talent=t[6], skill_level=level("senior_technician"), obtained_on=datetime.date(2020, 1, 1))
    CredentialFactory(talent=t[7], skill_level=level("technician"), obtained_on=datetime.date(2019, 1, 1))
    for n in (1, 3, 4, 6, 7):
        completed(activity_a, t[n])
    EnrolmentFactory(activity=activity_a, talent=t[2])
    completed(activity_b, t[6])
    completed(digital_activity, t[5])
    TargetFactory(plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=10)
    TargetFactory(plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440100"), target=4)
    TargetFactory(plan=plan(), metric=Metric.TRAINED_PERSON_TIMES, region=region("000000"), target=60)
    progress_refresh(plan=plan())
    progress_refresh(plan=plan(DIGITAL))
    return t


def test_national_figures_match_the_hand_count(scenario):
    progress = plan_progress(plan=plan(), region=region("000000"))
    total = progress.total
    assert (total.enrolments, total.trained, total.trained_digital, total.leading_talents) == (7, 6, 1, 3)
    assert total.digital_share == pytest.approx(1 / 6)
    by_code = {level.code: total.certificates_by_level.get(level.pk, 0) for level in progress.levels}
    assert by_code == {
        "junior_worker": 1,
        "intermediate_worker": 0,
        "senior_worker": 1,
        "technician": 1,
        "senior_technician": 0,
        "principal_technician": 0,
        "chief_technician": 0,
    }
    assert total.certificates == 2
    assert total.targets == {
        Metric.LEADING_TALENTS: 50_000,
        Metric.CERTIFICATES: 5_000_000,
        Metric.TRAINED_PERSON_TIMES: 60,
    }
    assert total.percent_of_target(Metric.TRAINED_PERSON_TIMES) == pytest.approx(10.0)
    guangdong = next(row for row in progress.children if row.region and row.region.code == "440000")
    assert (guangdong.trained, guangdong.leading_talents, guangdong.targets[Metric.LEADING_TALENTS]) == (6, 3, 10)
    jiangsu = next(row for row in progress.children if row.region and row.region.code == "320000")
    assert (jiangsu.enrolments, jiangsu.leading_talents) == (0, 0)


def test_province_drills_into_its_cities(scenario):
    progress = plan_progress(plan=plan(), region=region("440000"))
    assert (progress.total.enrolments, progress.total.leading_talents) == (7, 3)
    cities = {row.region.code: row for row in progress.children if row.region}
    assert (cities["440100"].enrolments, cities["440100"].trained, cities["440100"].leading_talents) == (6, 5, 2)
    assert cities["440100"].targets == {Metric.LEADING_TALENTS: 4}
    assert (cities["440300"].trained, cities["440300"].leading_talents) == (1, 1)
    assert all(row.region is not None for row in progress.children)  # no province-level employers here


def test_city_figures(scenario):
    progress = plan_progress(plan=plan(), region=region("440100"))
    assert progress.children == []
    assert (progress.total.trained, progress.total.trained_digital, progress.total.leading_talents) == (5, 1, 2)
    assert progress.total.percent_of_target(Metric.LEADING_TALENTS) == pytest.approx(50.0)


def test_the_other_plan_counts_only_its_own_activities(scenario):
    digital = plan_progress(plan=plan(DIGITAL), region=region("000000")).total
    assert (digital.enrolments, digital.trained) == (1, 1)
    # t5 completed a digital-plan activity, holds technician, but the digital plan's key industries are
    # digital occupations and t5's is not one.
    assert digital.leading_talents == 0


def test_employers_registered_at_provincial_level_get_their_own_row(scenario):
    bureau = OrganisationFactory(region=region("440000"))
    completed(ActivityFactory(), TalentFactory(employer=bureau))
    progress_refresh(plan=plan())
    progress = plan_progress(plan=plan(), region=region("440000"))
    own_level = [row for row in progress.children if row.region is None]
    assert len(own_level) == 1 and own_level[0].trained == 1
    assert progress.total.trained == 7


class TestR9:
    """A talent counts when they completed an activity of the plan, hold technician or above, and work
    in an occupation of one of the plan's key industries."""

    def counted(self, talent):
        return leading_talents(plan()).filter(pk=talent.pk).exists()

    def talent(self, *, skill="technician", occupation=None, complete=True, plan_code=None, world=None):
        talent = TalentFactory(**({"occupation": occupation} if occupation else {}))
        CredentialFactory(talent=talent, skill_level=level(skill))
        activity = ActivityFactory(**({"plan": plan(plan_code)} if plan_code else {}))
        if complete:
            completed(activity, talent)
        else:
            EnrolmentFactory(activity=activity, talent=talent)
        return talent

    def test_completed_technician_in_a_key_industry_counts(self, db):
        assert self.counted(self.talent())

    def test_enrolled_but_not_completed_does_not(self, db):
        assert not self.counted(self.talent(complete=False))

    def test_senior_worker_does_not_but_any_level_above_technician_does(self, db):
        assert not self.counted(self.talent(skill="senior_worker"))
        assert self.counted(self.talent(skill="chief_technician"))

    def test_occupation_outside_the_key_industries_does_not(self, db):
        assert not self.counted(self.talent(occupation=non_key_occupation()))

    def test_activity_of_another_plan_does_not(self, db):
        assert not self.counted(self.talent(plan_code=DIGITAL))

    def test_a_title_is_not_a_skill_level(self, db):
        from tests.talents.factories import TitleCredentialFactory

        talent = TalentFactory()
        TitleCredentialFactory(talent=talent)
        completed(ActivityFactory(), talent)
        assert not self.counted(talent)

    def test_a_credential_obtained_later_is_picked_up_by_the_next_refresh(self, db):
        """Credentials change in the talents app: the refresh, not a signal, brings them in."""
        talent = self.talent(skill="senior_worker")
        progress_refresh(plan=plan())
        assert plan_progress(plan=plan(), region=region("000000")).total.leading_talents == 0
        CredentialFactory(talent=talent, skill_level=level("technician"))
        assert plan_progress(plan=plan(), region=region("000000")).total.leading_talents == 0
        progress_refresh(plan=plan())
        assert plan_progress(plan=plan(), region=region("000000")).total.leading_talents == 1


def test_every_figure_comes_from_a_fixed_number_of_queries(scenario):
    leading = plan()
    for code in ("000000", "440000", "440100"):
        area = region(code)
        with CaptureQueriesContext(connection) as captured:
            plan_progress(plan=leading, region=area)
        # child regions (none for a city), skill levels, the aggregate, targets, the refresh time
        assert len(captured) == (4 if code == "440100" else 5), [q["sql"][:90] for q in captured]
        aggregate = [q["sql"] for q in captured if "programs_progressfigure" in q["sql"]]
        assert len(aggregate) == 1


def test_refresh_replaces_the_figures_and_records_as_of(scenario):
    before = ProgressRefresh.objects.get(plan=plan()).refreshed_at
    rows = ProgressFigure.objects.filter(plan=plan()).count()
    progress_refresh(plan=plan())
    assert ProgressFigure.objects.filter(plan=plan()).count() == rows
    assert ProgressRefresh.objects.get(plan=plan()).refreshed_at >= before


def test_the_task_skips_when_a_later_refresh_already_ran(scenario):
    earlier = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    assert progress_refresh_plan(plan().pk, requested_at=earlier) is None
    later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
    assert progress_refresh_plan(plan().pk, requested_at=later) is not None


def test_before_the_first_refresh_the_dashboard_says_so(world):
    progress = plan_progress(plan=plan(), region=region("000000"))
    assert progress.as_of is None
    assert progress.total.trained == 0


def test_revoked_credentials_count_neither_as_certificates_nor_toward_r9(scenario):
    """t1's two certificates revoked: t1 is no longer a leading talent and neither certificate counts."""
    Credential.objects.filter(talent=scenario[1]).update(revoked_at=timezone.now(), revoked_reason="fraud")
    progress_refresh(plan=plan())
    progress = plan_progress(plan=plan(), region=region("000000"))
    total = progress.total
    by_code = {level.code: total.certificates_by_level.get(level.pk, 0) for level in progress.levels}
    assert total.leading_talents == 2
    assert (by_code["junior_worker"], by_code["senior_worker"], by_code["technician"]) == (0, 1, 0)
