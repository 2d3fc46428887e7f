"""Demo data for programs (docs/programs.md): regional targets, activities with enrolments (most completed),
questions with published answers, and platforms — among them a national skill-master studio whose
leader feeds R1.

The plans, key tasks, key industries and national targets come from the data migration
``programs/migrations/0002_seed_plans``. Like the rest of the demo this writes with the ORM in bulk,
idempotently (natural keys), and ``demo.seeding`` audits every new row with ``seed_demo``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from accounts.models import Region
from programs.models import (
    Activity,
    ActivityStatus,
    Enrolment,
    KeyTask,
    Metric,
    Plan,
    Platform,
    Question,
    QuestionGroup,
    RegionalTarget,
)
from programs.services.progress import progress_refresh
from talents.models import Talent

LEADING = "leading_talents_2024_2026"
DIGITAL = "digital_talents_2024_2026"
SPECIAL = "talent_services_special_actions"

# (plan, metric) → region code → target. Provinces stay within the national target, cities within
# their province's (the rule programs.services.targets.target_set enforces).
TARGETS = {
    (LEADING, Metric.LEADING_TALENTS): {
        "440000": 3000,
        "320000": 2600,
        "330000": 2400,
        "440100": 1200,
        "440300": 1000,
        "441900": 500,
        "320100": 1000,
        "320500": 900,
        "330100": 1000,
        "330200": 800,
    },
    (LEADING, Metric.CERTIFICATES): {
        "440000": 300_000,
        "320000": 260_000,
        "330000": 240_000,
        "440100": 110_000,
        "440300": 100_000,
        "441900": 50_000,
        "320100": 90_000,
        "320500": 90_000,
        "330100": 90_000,
        "330200": 70_000,
    },
}


@dataclass(frozen=True)
class ActivitySpec:
    title: str
    title_en: str
    plan: str
    task: int
    kind: str
    organiser: str  # demo organisation key
    region: str
    starts_on: datetime.date
    days: int
    capacity: int
    employers: tuple[str, ...]  # whose talents enrol
    enrol: int
    completed: bool
    status: str = ActivityStatus.CLOSED
    digital_only: bool = False


ACTIVITIES = (
    ActivitySpec(
        "广东省2025年高技能领军人才研修班（第一期）",
        "Guangdong 2025 workshop for high-skilled leading talents (session 1)",
        LEADING,
        2,
        "training_course",
        "college",
        "440000",
        datetime.date(2025, 6, 16),
        5,
        40,
        ("mingzhu", "pengxin", "zhizao"),
        24,
        True,
    ),
    ActivitySpec(
        "广州市数控技能大师带徒技艺交流研讨会",
        "Guangzhou seminar on CNC skill masters and apprenticeship",
        LEADING,
        6,
        "seminar",
        "hr_guangzhou",
        "440100",
        datetime.date(2025, 9, 10),
        2,
        60,
        ("mingzhu",),
        12,
        True,
    ),
    ActivitySpec(
        "深圳市集成电路数字技术工程师培育项目培训班",
        "Shenzhen digital technology engineer training course: integrated circuits",
        DIGITAL,
        1,
        "training_course",
        "hr_shenzhen",
        "440300",
        datetime.date(2025, 10, 13),
        12,
        50,
        ("pengxin",),
        15,
        True,
        digital_only=True,
    ),
    ActivitySpec(
        "苏州市数字职业技术技能竞赛（工业机器人系统运维员）",
        "Suzhou digital occupations skills competition: industrial robot system maintenance",
        DIGITAL,
        6,
        "competition",
        "jiangxin",
        "320500",
        datetime.date(2025, 11, 5),
        3,
        80,
        ("xinghai", "zijin"),
        14,
        True,
    ),
    ActivitySpec(
        "专家服务基层行动——杭州智能制造技术指导",
        "Experts to the grassroots: intelligent manufacturing guidance in Hangzhou",
        SPECIAL,
        4,
        "expert_service",
        "hr_hangzhou",
        "330100",
        datetime.date(2025, 8, 18),
        2,
        30,
        ("yunqi",),
        8,
        True,
    ),
    ActivitySpec(
        "2026年全国高技能领军人才国家级研修班",
        "2026 national workshop for high-skilled leading talents",
        LEADING,
        2,
        "training_course",
        "college",
        "000000",
        datetime.date(2026, 12, 7),
        5,
        100,
        ("mingzhu", "pengxin", "zijin", "yunqi"),
        12,
        False,
        status=ActivityStatus.OPEN,
    ),
)

# (activity title, asking employer, phase, text, answer or "", group label or "")
QUESTIONS = (
    (
        ACTIVITIES[0].title,
        "mingzhu",
        "before",
        "研修结业后，学员能否直接申报技师评价？",
        "结业证明可作为申报材料之一，仍须符合技师评价的年限与业绩条件。",
        "评价与晋升",
    ),
    (
        ACTIVITIES[0].title,
        "pengxin",
        "during",
        "企业自主评价取得的等级能否作为领军人才认定依据？",
        "可以。经备案的企业自主评价结果与社会评价结果同等有效。",
        "评价与晋升",
    ),
    (ACTIVITIES[0].title, "mingzhu", "during", "研修期间的差旅费用由谁承担？", "由选派单位按规定承担。", "经费"),
    (ACTIVITIES[5].title, "mingzhu", "before", "国家级研修班是否提供课件下载？", "开班前一周在本平台发布课件。", ""),
    (ACTIVITIES[5].title, "zijin", "before", "每家单位最多可以推荐几名学员？", "", ""),
)

# (kind, level, name, host key, leader pick, established on)
PLATFORMS = (
    (
        "skill_master_studio",
        "national",
        "国家级技能大师工作室（明珠数控）",
        "mingzhu",
        "star",
        datetime.date(2019, 12, 1),
    ),
    (
        "skill_master_studio",
        "provincial",
        "广东省技能大师工作室（鹏芯集成电路）",
        "pengxin",
        "senior",
        datetime.date(2022, 6, 1),
    ),
    ("high_skilled_training_base", "national", "国家级高技能人才培训基地", "college", None, datetime.date(2021, 9, 1)),
    ("public_training_base", "provincial", "苏州市职业技能公共实训基地", "jiangxin", None, datetime.date(2020, 3, 1)),
    (
        "postdoctoral_workstation",
        "national",
        "深圳鹏芯集成电路博士后科研工作站",
        "pengxin",
        None,
        datetime.date(2023, 7, 1),
    ),
    ("expert_service_base", "national", "宁波甬江国家级专家服务基地", "yongjiang", None, datetime.date(2022, 11, 1)),
)
GREEN_AWARDS = ("china_skills_award", "national_technical_expert")


def _regions(codes) -> dict[str, Region]:
    return {r.code: r for r in Region.objects.filter(code__in=set(codes))}


def seed_targets(report, users) -> list:
    plans = {p.code: p for p in Plan.objects.all()}
    regions = _regions(code for spec in TARGETS.values() for code in spec)
    ministry = next(u for u in users.values() if u.role == "national_official")
    new = []
    for (plan_code, metric), by_region in TARGETS.items():
        existing = set(
            RegionalTarget.objects.filter(plan=plans[plan_code], metric=metric).values_list("region__code", flat=True)
        )
        new += [
            RegionalTarget(plan=plans[plan_code], metric=metric, region=regions[code], target=value, set_by=ministry)
            for code, value in by_region.items()
            if code not in existing
        ]
    RegionalTarget.objects.bulk_create(new)
    report.created["targets"] = len(new)
    report.present["targets"] = RegionalTarget.objects.count()
    return list(RegionalTarget.objects.filter(pk__in=[t.pk for t in new]))


def _talents_of(employer_key: str, talents_by_employer: dict, digital_only: bool, count: int, offset: int) -> list:
    pool = [t for t in talents_by_employer.get(employer_key, []) if t.occupation.is_digital or not digital_only]
    return pool[offset : offset + count]


def seed_activities(report, organisations, users, talents: list[Talent]) -> tuple[list, list, list]:
    plans = {p.code: p for p in Plan.objects.all()}
    tasks = {(t.plan.code, t.number): t for t in KeyTask.objects.select_related("plan")}
    regions = _regions(spec.region for spec in ACTIVITIES)
    talents_by_employer: dict[str, list[Talent]] = {}
    org_keys = {o.pk: key for key, o in organisations.items()}
    for talent in sorted(talents, key=lambda t: t.id_number):
        talents_by_employer.setdefault(org_keys.get(talent.employer_id), []).append(talent)
    admin = next(u for u in users.values() if u.is_superuser)

    existing = {a.title: a for a in Activity.objects.filter(title__in=[s.title for s in ACTIVITIES])}
    new_activities = []
    for spec in ACTIVITIES:
        if spec.title in existing:
            continue
        new_activities.append(
            Activity(
                plan=plans[spec.plan],
                key_task=tasks[(spec.plan, spec.task)],
                kind=spec.kind,
                title=spec.title,
                title_en=spec.title_en,
                organiser=organisations[spec.organiser],
                region=regions[spec.region],
                starts_on=spec.starts_on,
                ends_on=spec.starts_on + datetime.timedelta(days=spec.days - 1),
                capacity=spec.capacity,
                status=spec.status,
                created_by=admin,
            )
        )
    for activity in new_activities:
        activity.full_clean(exclude=["plan", "key_task", "organiser", "region", "created_by"], validate_unique=False)
    Activity.objects.bulk_create(new_activities)
    activities = {a.title: a for a in Activity.objects.filter(title__in=[s.title for s in ACTIVITIES])}

    new_enrolments = []
    enrolled = set(Enrolment.objects.filter(activity__in=activities.values()).values_list("activity_id", "talent_id"))
    for number, spec in enumerate(ACTIVITIES):
        activity = activities[spec.title]
        share = -(-spec.enrol // len(spec.employers))  # ceiling: spread over the employers
        chosen: list[Talent] = []
        for employer in spec.employers:
            chosen += _talents_of(employer, talents_by_employer, spec.digital_only, share, number * 3)
        for talent in chosen[: spec.enrol]:
            if (activity.pk, talent.pk) in enrolled:
                continue
            new_enrolments.append(
                Enrolment(
                    activity=activity,
                    talent=talent,
                    enrolled_by=admin,
                    completed=spec.completed,
                    completed_on=activity.ends_on if spec.completed else None,
                )
            )
    Enrolment.objects.bulk_create(new_enrolments)
    for activity_id, count in (
        Enrolment.objects.filter(activity__in=activities.values()).values_list("activity_id").annotate(n=Count("id"))
    ):
        Activity.objects.filter(pk=activity_id).update(enrolled_count=count)

    new_questions = _seed_questions(activities, organisations, users)
    report.created |= {
        "activities": len(new_activities),
        "enrolments": len(new_enrolments),
        "questions": sum(isinstance(q, Question) for q in new_questions),
    }
    report.present |= {
        "activities": len(activities),
        "enrolments": Enrolment.objects.filter(activity__in=activities.values()).count(),
        "questions": Question.objects.filter(activity__in=activities.values()).count(),
    }
    return (
        [activities[a.title] for a in new_activities],
        list(Enrolment.objects.filter(pk__in=[e.pk for e in new_enrolments])),
        new_questions,
    )


def _seed_questions(activities, organisations, users) -> list:
    clerks = {u.organisation_id: u for u in users.values() if u.role == "enterprise_clerk"}
    organisers = {a.pk: a for a in activities.values()}
    existing = set(Question.objects.filter(activity__in=activities.values()).values_list("activity_id", "text"))
    new, groups = [], []
    for title, employer, phase, text, answer, label in QUESTIONS:
        activity = activities[title]
        organisation = organisations[employer]
        asker = clerks.get(organisation.pk)
        if asker is None or (activity.pk, text) in existing:
            continue
        group = None
        if label:
            group, created = QuestionGroup.objects.get_or_create(activity=activity, label=label)
            if created:
                groups.append(group)
        answered_at = None
        if answer:
            answered_at = datetime.datetime.combine(
                organisers[activity.pk].ends_on, datetime.time(17, 0), tzinfo=datetime.UTC
            )
        new.append(
            Question(
                activity=activity,
                asked_by=asker,
                organisation=organisation,
                text=text,
                phase=phase,
                answer=answer,
                answered_at=answered_at,
                answered_by=next(u for u in users.values() if u.is_superuser) if answer else None,
                group=group,
                published=bool(answer),
            )
        )
    Question.objects.bulk_create(new)
    return groups + new


def _leader(pick, host_key, organisations, talents) -> Talent | None:
    if pick is None:
        return None
    staff = sorted((t for t in talents if t.employer_id == organisations[host_key].pk), key=lambda t: t.id_number)
    if pick == "star":
        # The national studio is led by a national technical expert or China Skills Award holder (feeds R1).
        decorated = [t for t in staff if any(h.award.code in GREEN_AWARDS for h in t.honours.all())]
        staff = decorated or staff
    else:
        staff = sorted(staff, key=lambda t: -t.years_of_work)
    return staff[0] if staff else None


def seed_platforms(report, organisations, talents: list[Talent]) -> list:
    existing = set(Platform.objects.values_list("kind", "host_id", "name"))
    new = []
    for kind, level, name, host_key, pick, established_on in PLATFORMS:
        host = organisations[host_key]
        if (kind, host.pk, name) in existing:
            continue
        platform = Platform(
            kind=kind,
            level=level,
            name=name,
            host=host,
            leader=_leader(pick, host_key, organisations, talents),
            region=host.region,
            established_on=established_on,
        )
        platform.full_clean(exclude=["host", "leader", "region"], validate_unique=False)
        new.append(platform)
    Platform.objects.bulk_create(new)
    report.created["platforms"] = len(new)
    report.present["platforms"] = Platform.objects.count()
    return new


def seed_programs(report, organisations, users, talent_numbers: list[str]) -> list[list]:
    """Targets, activities, enrolments, questions and platforms; returns the new rows per model."""
    talents = list(
        Talent.objects.filter(id_number__in=talent_numbers)
        .select_related("occupation")
        .prefetch_related("honours__award")
    )
    targets = seed_targets(report, users)
    activities, enrolments, questions = seed_activities(report, organisations, users, talents)
    platforms = seed_platforms(report, organisations, talents)
    # The progress dashboards read a maintained aggregate: compute it for the demo's enrolments now.
    for plan in Plan.objects.all():
        progress_refresh(plan=plan)
    return [targets, activities, enrolments, questions, platforms]
