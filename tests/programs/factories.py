"""Factories for programs; plans and key tasks are the seeded ones (programs/migrations/0002)."""

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from accounts.models import OrganisationKind
from programs.models import (
    Activity,
    ActivityKind,
    Enrolment,
    KeyTask,
    Metric,
    Plan,
    Platform,
    PlatformKind,
    PlatformLevel,
    Question,
    QuestionPhase,
    RegionalTarget,
)
from tests.accounts.factories import OrganisationFactory, region
from tests.talents.factories import TalentFactory

LEADING = "leading_talents_2024_2026"
DIGITAL = "digital_talents_2024_2026"
SPECIAL = "talent_services_special_actions"


def plan(code: str = LEADING) -> Plan:
    return Plan.objects.get(code=code)


def key_task(code: str = LEADING, number: int = 2) -> KeyTask:
    return KeyTask.objects.get(plan__code=code, number=number)


def widen_plan_periods() -> None:
    """Tests create activities around today, whatever today is; the seeded periods end in 2026."""
    today = timezone.localdate()
    Plan.objects.update(
        period_start=datetime.date(today.year - 3, 1, 1), period_end=datetime.date(today.year + 3, 12, 31)
    )


class TrainingInstitutionFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"测试职业培训学校{n}")
    kind = OrganisationKind.TRAINING_INSTITUTION


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.LazyFunction(plan)
    key_task = factory.LazyAttribute(lambda o: KeyTask.objects.filter(plan=o.plan).order_by("number")[1])
    kind = ActivityKind.TRAINING_COURSE
    title = factory.Sequence(lambda n: f"高技能领军人才研修班第{n}期")
    title_en = factory.Sequence(lambda n: f"Leading talents workshop no. {n}")
    organiser = factory.SubFactory(TrainingInstitutionFactory)
    region = factory.LazyAttribute(lambda o: o.organiser.region)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=4))
    capacity = 30


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    activity = factory.SubFactory(ActivityFactory)
    talent = factory.SubFactory(TalentFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        enrolment = super()._create(model_class, *args, **kwargs)
        Activity.objects.filter(pk=enrolment.activity_id).update(enrolled_count=enrolment.activity.enrolments.count())
        enrolment.activity.refresh_from_db(fields=["enrolled_count"])
        return enrolment


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalTarget
        django_get_or_create = ("plan", "metric", "region")

    plan = factory.LazyFunction(plan)
    metric = Metric.LEADING_TALENTS
    region = factory.LazyFunction(lambda: region("440000"))
    target = 1000


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    activity = factory.SubFactory(ActivityFactory)
    asked_by = None  # set by callers: a clerk
    organisation = factory.LazyAttribute(lambda o: o.asked_by.organisation)
    text = factory.Sequence(lambda n: f"问题{n}：培训结束后如何申报技师评价？")
    phase = QuestionPhase.BEFORE


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform

    kind = PlatformKind.SKILL_MASTER_STUDIO
    level = PlatformLevel.PROVINCIAL
    name = factory.Sequence(lambda n: f"技能大师工作室{n}")
    host = factory.SubFactory(OrganisationFactory)
    leader = None
    region = factory.LazyAttribute(lambda o: o.host.region)
    established_on = datetime.date(2021, 5, 1)


@dataclass
class ProgramSubjects:
    """Per organisation of the world (own, other_org, other_city, other_province): an activity it organises
    in its region, a talent enrolled there, a question its clerk asked, a platform it hosts; plus targets."""

    organisations: dict
    activities: dict
    enrolments: dict
    questions: dict
    platforms: dict
    targets: dict


def program_subjects(world) -> ProgramSubjects:
    from tests.accounts.factories import UserFactory

    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    clerks = {"own": world.clerk, "other_org": world.clerk_other_org}
    for key in ("other_city", "other_province"):
        clerks[key] = UserFactory(role="enterprise_clerk", organisation=organisations[key])
    activities = {key: ActivityFactory(organiser=org) for key, org in organisations.items()}
    enrolments = {
        key: EnrolmentFactory(activity=activities[key], talent=TalentFactory(employer=org))
        for key, org in organisations.items()
    }
    questions = {key: QuestionFactory(activity=activities[key], asked_by=clerks[key]) for key in organisations}
    platforms = {key: PlatformFactory(host=org) for key, org in organisations.items()}
    leading = plan()
    nation = TargetFactory(plan=leading, region=region("000000"), target=50_000)
    guangdong = TargetFactory(plan=leading, region=region("440000"), target=5000)
    jiangsu = TargetFactory(plan=leading, region=region("320000"), target=4000)
    targets = {
        "own": TargetFactory(plan=leading, region=region("440100"), target=1000),
        "other_org": TargetFactory(plan=leading, region=region("440100"), target=1000),
        "other_city": TargetFactory(plan=leading, region=region("440300"), target=1500),
        "other_province": TargetFactory(plan=leading, region=region("320100"), target=800),
        "nation": nation,
        "guangdong": guangdong,
        "jiangsu": jiangsu,
    }
    return ProgramSubjects(organisations, activities, enrolments, questions, platforms, targets)
