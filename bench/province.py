"""A large province's evaluation workload, loaded with COPY (issue 12): talents employed 90 % in
Guangdong (440000) across its cities, the rest elsewhere; one dossier for every other talent, in every
workflow state, each submitted one with its eligibility check and a frozen current revision; evidence
items, attachment rows (no files), city reviews and audit rows; one bench user per role.

Defaults (``load(100_000, 200_000)``): 100,000 dossiers of which about 90,000 are visible to the
provincial official of Guangdong (93 % in the province, 3 % drafts, which officials never see),
200,000 evidence items, 90,000 attachments, about 100,000 revisions and 97,000 checks, about 250,000
audit rows, 200,000 talents (with one skill certificate each).
"""

import datetime
import hashlib
import json
import random
import time
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AuditLog, Organisation, Region, Role, User
from accounts.validators import credit_code_from_parts
from bench import registry
from catalogues.models import Occupation, TitleSeries
from eligibility.models import EligibilityCheck, Outcome, RuleSet, RuleSetStatus, Track
from evaluations.models import (
    Attachment,
    Committee,
    Dossier,
    DossierReview,
    DossierRevision,
    DossierStatus,
    EvidenceItem,
    EvidenceKind,
    Method,
    OrganiserKind,
    ReviewDecision,
    ReviewLevel,
    Round,
    RoundKind,
    RoundMethod,
)
from talents.models import Talent

PROVINCE = "440000"
CITY = "440100"
PASSWORD = "bench-http-Pa55word"  # noqa: S105 — a throwaway bench account on a throwaway database
USERNAMES = {
    "provincial": "bench_http_gd",
    "city": "bench_http_gz",
    "national": "bench_http_ministry",
    "clerk": "bench_http_clerk",
}
IN_PROVINCE_SHARE = 0.93
GD_ORGS_PER_REGION = 40
OTHER_ORGS_PER_REGION = 3
# Workflow states, weighted like a round in progress (parts per 100).
STATUS_WEIGHTS = (
    (DossierStatus.DRAFT, 3),
    (DossierStatus.SUBMITTED, 31),
    (DossierStatus.RETURNED, 5),
    (DossierStatus.WITHDRAWN, 3),
    (DossierStatus.CITY_APPROVED, 20),
    (DossierStatus.IN_ASSESSMENT, 10),
    (DossierStatus.IN_COMMITTEE, 5),
    (DossierStatus.PASSED, 8),
    (DossierStatus.FAILED, 4),
    (DossierStatus.REJECTED, 3),
    (DossierStatus.IN_PUBLICITY, 4),
    (DossierStatus.CERTIFIED, 4),
)
PAST_CITY = {
    DossierStatus.CITY_APPROVED,
    DossierStatus.IN_ASSESSMENT,
    DossierStatus.IN_COMMITTEE,
    DossierStatus.PASSED,
    DossierStatus.FAILED,
    DossierStatus.IN_PUBLICITY,
    DossierStatus.CERTIFIED,
}
DECIDED = {DossierStatus.PASSED, DossierStatus.FAILED, DossierStatus.REJECTED, DossierStatus.CERTIFIED}
EVIDENCE_TEXT = (
    (EvidenceKind.PROCESS_IMPROVEMENT, "改进数控车床液压夹具，单件加工时间由12分钟降至8分钟。"),
    (EvidenceKind.APPRENTICES_TRAINED, "带徒5名，其中3人取得高级工职业资格。"),
    (EvidenceKind.COMPETITION_RESULT, "2025年广州市职业技能大赛车工项目二等奖。"),
    (EvidenceKind.TECHNICAL_INNOVATION, "主持完成生产线自动上下料改造，年节约成本约40万元。"),
)
REASONS = [
    {
        "rule": rule,
        "clause": f"{rule}.level",
        "passed": passed,
        "explanation": {"zh-hans": text_zh, "en": text_en},
        "source": "skills-title-integration-opinions",
    }
    for rule, passed, text_zh, text_en in (
        ("R2", True, "持有高级工证书满1年。", "Holds the senior worker level for at least 1 year."),
        ("R5", True, "取得现等级后工作年限满足要求。", "Years at the current level suffice."),
        ("R1", False, "未持有国家级奖项。", "Holds no national award."),
    )
]


@dataclass
class Planned:
    """One dossier to write, and what its dependent rows need."""

    n: int
    id: int
    talent: int
    organisation: int
    round: Round
    status: str
    track: str
    revisions: list[int]
    check: int | None
    outcome: str
    created: datetime.datetime
    updated: datetime.datetime
    submitted: datetime.datetime | None
    decided: datetime.datetime | None


@dataclass
class Loaded:
    dossiers: int
    talents: int
    rows: dict
    seconds: float


def _copy(cursor, model, columns: list[str], rows) -> int:
    """COPY rows into the model's table (column names as in the database); returns the row count."""
    count = 0
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 — our own names
    with cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def _reset_sequence(cursor, model) -> None:
    table = model._meta.db_table
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608


def ensure_users(clerk_organisation: Organisation | None = None) -> dict[str, User]:
    """One user per role with PASSWORD (created or reset; the hash of the running settings)."""
    regions = {r.code: r for r in Region.objects.filter(code__in=[PROVINCE, CITY, "000000"])}
    if clerk_organisation is None:
        clerk_organisation = Organisation.objects.filter(region=regions[CITY]).order_by("pk").first()
    specs = {
        "provincial": {"role": Role.PROVINCIAL_OFFICIAL, "region": regions[PROVINCE]},
        "city": {"role": Role.CITY_OFFICIAL, "region": regions[CITY]},
        "national": {"role": Role.NATIONAL_OFFICIAL, "region": regions["000000"]},
        "clerk": {"role": Role.ENTERPRISE_CLERK, "organisation": clerk_organisation},
    }
    users = {}
    for key, fields in specs.items():
        user, _created = User.objects.update_or_create(username=USERNAMES[key], defaults=fields)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        users[key] = user
    return users


def _organisations() -> tuple[list[Organisation], list[Organisation]]:
    province = Region.objects.get(code=PROVINCE)
    gd_regions = [province, *Region.objects.filter(parent=province).order_by("code")]
    other_regions = list(Region.objects.exclude(code=PROVINCE).exclude(parent=province).exclude(level="national"))
    specs = [(r, GD_ORGS_PER_REGION) for r in gd_regions] + [(r, OTHER_ORGS_PER_REGION) for r in other_regions]
    created = Organisation.objects.bulk_create(
        Organisation(
            credit_code=credit_code_from_parts(region.code, f"HP{region.pk:03d}{i:04d}"),
            name=f"基准省级企业{region.code}-{i}",
            kind="enterprise",
            region=region,
        )
        for region, count in specs
        for i in range(count)
    )
    in_province = [o for o in created if o.region_id in {r.pk for r in gd_regions}]
    elsewhere = [o for o in created if o.region_id not in {r.pk for r in gd_regions}]
    return in_province, elsewhere


def _employers(in_province: list[Organisation], elsewhere: list[Organisation]) -> list[Organisation]:
    """The list registry.load cycles through (talent n works for entry n % len). Of every 200 entries,
    7 odd and 7 even ones are outside the province, so that the talents and the dossiers (every other
    talent's) are both IN_PROVINCE_SHARE Guangdong's, however few are loaded."""
    outside = {*range(9, 200, 28), *range(18, 200, 28)}  # 7 odd, 7 even
    assert len(outside) / 200 == round(1 - IN_PROVINCE_SHARE, 2)
    cycle, inside_n, outside_n = [], 0, 0
    for i in range(200 * max(len(in_province), len(elsewhere))):
        if i % 200 in outside:
            cycle.append(elsewhere[outside_n % len(elsewhere)])
            outside_n += 1
        else:
            cycle.append(in_province[inside_n % len(in_province)])
            inside_n += 1
    return cycle


def _rounds(official: User, rule_set: RuleSet, in_province, elsewhere) -> dict[int, list[Round]]:
    """Rounds per province id: six in Guangdong (skill evaluations and title reviews), one elsewhere."""
    today = timezone.localdate()
    occupations = list(Occupation.objects.order_by("code")[:4])
    series = TitleSeries.objects.get(code="engineering")
    gd = Region.objects.get(code=PROVINCE)
    committee = Committee.objects.create(name="基准广东省技能评价专家委员会", region=gd, created_by=official)
    provinces = {gd.pk: gd}
    for organisation in elsewhere:
        region = organisation.region
        province_id = region.pk if region.level == "province" else region.parent_id
        provinces.setdefault(province_id, None)
    regions = {r.pk: r for r in Region.objects.filter(pk__in=provinces)}
    by_province: dict[int, list[Round]] = {}
    for province_id, region in regions.items():
        specs = []
        if province_id == gd.pk:
            for i, (occupation, level) in enumerate(
                zip(occupations, ["technician", "senior_technician", "technician", "senior_worker"], strict=True)
            ):
                specs.append((RoundKind.SKILL_EVALUATION, occupation, None, level, i))
            specs.append((RoundKind.TITLE_REVIEW, None, series, "intermediate", 4))
            specs.append((RoundKind.TITLE_REVIEW, None, series, "deputy_senior", 5))
        else:
            specs.append((RoundKind.SKILL_EVALUATION, occupations[0], None, "technician", 0))
        rounds = []
        for kind, occupation, title_series, level, i in specs:
            round_ = Round.objects.create(
                title=f"2026年{region.name}基准评价第{i + 1}批（{level}）",
                kind=kind,
                occupation=occupation,
                title_series=title_series,
                target_level=level,
                region=region,
                organiser_kind=OrganiserKind.HR_DEPARTMENT,
                opens_on=today - datetime.timedelta(days=120 - 10 * i),
                closes_on=today + datetime.timedelta(days=30 + 10 * i),
                separate_group_for_high_skilled=i == 0,
                committee=committee if province_id == gd.pk else None,
                rule_set=rule_set,
                created_by=official,
            )
            RoundMethod.objects.create(round=round_, method=Method.PERFORMANCE_REVIEW, pass_mark=60)
            RoundMethod.objects.create(round=round_, method=Method.INTERVIEW_DEFENCE, pass_mark=60)
            rounds.append(round_)
        by_province[province_id] = rounds
    return by_province


def _plan(dossiers, first_talent, employers, rounds, ids, rng) -> list[Planned]:
    regions = {r.pk: r for r in Region.objects.all()}
    statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
    now = timezone.now()
    plan = []
    revision_id, check_id = ids[DossierRevision], ids[EligibilityCheck]
    for n in range(dossiers):
        organisation = employers[2 * n % len(employers)]  # talent 2n's employer (registry.load's cycle)
        region = regions[organisation.region_id]
        province_id = region.pk if region.level == "province" else region.parent_id
        status = statuses[rng.randrange(len(statuses))]
        created = now - datetime.timedelta(days=rng.uniform(20, 120))
        submitted = None if status == DossierStatus.DRAFT else created + datetime.timedelta(days=rng.uniform(0, 15))
        updated = min(now, (submitted or created) + datetime.timedelta(days=rng.uniform(0, 5)))
        revision_count = 0 if status == DossierStatus.DRAFT else (2 if n % 10 == 3 else 1)
        check = None
        if revision_count:
            check, check_id = check_id, check_id + 1
        plan.append(
            Planned(
                n=n,
                id=ids[Dossier] + n,
                talent=first_talent + 2 * n,
                organisation=organisation.pk,
                round=rounds[province_id][n % len(rounds[province_id])],
                status=status,
                track=Track.GREEN_CHANNEL if n % 20 == 0 else Track.PROMOTION,
                revisions=list(range(revision_id, revision_id + revision_count)),
                check=check,
                outcome=(Outcome.NEEDS_REVIEW if n % 7 == 0 else Outcome.ELIGIBLE) if check else "",
                created=created,
                updated=updated,
                submitted=submitted,
                decided=updated if status in DECIDED else None,
            )
        )
        revision_id += revision_count
    return plan


def _evidence(n: int, position: int) -> tuple[str, str, datetime.date]:
    kind, text = EVIDENCE_TEXT[(n + position) % len(EVIDENCE_TEXT)]
    return kind, text, datetime.date(2020 + n % 6, 1 + n % 12, 1)


def _revision_content(d: Planned, evidence_id: int, items: int) -> str:
    """The shape evaluations.services.dossiers.revision_content freezes."""
    evidence = []
    for position in range(items):
        kind, text, date = _evidence(d.n, position)
        evidence.append(
            {"id": evidence_id + position, "kind": kind.value, "description": text, "date": date.isoformat()}
            | {"position": position}
        )
    content = {
        "fields": {
            "round": d.round.pk,
            "talent": d.talent,
            "organisation": d.organisation,
            "track": d.track,
            "target_level": d.round.target_level,
        },
        "evidence": evidence,
        "attachments": [],
        "eligibility": {"check": d.check, "outcome": d.outcome},
    }
    return json.dumps(content, ensure_ascii=False)


def load(dossiers: int, talents: int, seed: int = 12) -> Loaded:
    """Load talents and dossiers with COPY (the evaluations rows in one transaction)."""
    if talents < 2 * dossiers:
        raise SystemExit("--talents must be at least twice --dossiers (one dossier for every other talent)")
    rng = random.Random(seed)
    started = time.perf_counter()
    in_province, elsewhere = _organisations()
    employers = _employers(in_province, elsewhere)
    users = ensure_users(in_province[GD_ORGS_PER_REGION])  # the first 40 are directly under the province
    first_talent = _next_id(Talent)
    registry.load(talents, organisations=employers)
    rule_set = RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).order_by("-version").first()
    rounds = _rounds(users["provincial"], rule_set, in_province, elsewhere)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name FROM {Talent._meta.db_table} WHERE id >= %s AND id < %s",  # noqa: S608
            [first_talent, first_talent + 2 * dossiers],
        )
        names = dict(cursor.fetchall())
    clerk, city_official = users["clerk"], users["city"]
    dossier_type = ContentType.objects.get_for_model(Dossier)
    ids = {model: _next_id(model) for model in (Dossier, DossierRevision, EligibilityCheck, EvidenceItem)}
    plan = _plan(dossiers, first_talent, employers, rounds, ids, rng)
    reasons = json.dumps(REASONS, ensure_ascii=False)
    rows = {}
    with transaction.atomic(), connection.cursor() as cursor:
        rows["eligibility checks"] = _copy(
            cursor,
            EligibilityCheck,
            ["id", "talent_id", "rule_set_id", "track", "target_level", "as_of", "outcome", "reasons"]
            + ["checked_at", "checked_by_id"],
            (
                (d.check, d.talent, rule_set.pk, d.track, d.round.target_level, d.submitted.date(), d.outcome)
                + (reasons, d.submitted, clerk.pk)
                for d in plan
                if d.check is not None
            ),
        )
        rows["dossiers"] = _copy(
            cursor,
            Dossier,
            ["id", "round_id", "talent_id", "organisation_id", "track", "target_level", "status"]
            + ["high_skilled_group", "eligibility_check_id", "eligibility_outcome", "current_revision_id"]
            + ["exempt_methods", "created_by_id", "created_at", "updated_at", "submitted_at", "decided_at"],
            (
                (d.id, d.round.pk, d.talent, d.organisation, d.track, d.round.target_level, d.status)
                + (d.round.separate_group_for_high_skilled and d.n % 3 == 0, d.check, d.outcome)
                + (d.revisions[-1] if d.revisions else None, "[]", clerk.pk, d.created, d.updated)
                + (d.submitted, d.decided)
                for d in plan
            ),
        )
        rows["evidence items"] = _copy(
            cursor,
            EvidenceItem,
            ["id", "dossier_id", "kind", "description", "date", "position"],
            (
                (ids[EvidenceItem] + 2 * d.n + position, d.id, *_evidence(d.n, position), position)
                for d in plan
                for position in range(2)
            ),
        )
        rows["attachments"] = _copy(
            cursor,
            Attachment,
            ["dossier_id", "evidence_item_id", "file", "storage_key", "original_name", "content_type", "size"]
            + ["sha256", "uploaded_by_id", "uploaded_at"],
            (
                (d.id, ids[EvidenceItem] + 2 * d.n, f"dossiers/{d.id}/{digest[:2]}/bench{d.id:012d}")
                + (f"bench{d.id:012d}", "技能等级证书.pdf", "application/pdf", 48_213 + d.n % 5000, digest)
                + (clerk.pk, d.created)
                for d in plan
                if d.n % 10 != 9
                for digest in [hashlib.sha256(str(d.id).encode()).hexdigest()]
            ),
        )
        rows["revisions"] = _copy(
            cursor,
            DossierRevision,
            ["id", "dossier_id", "number", "content", "submitted_by_id", "submitted_at"],
            (
                (revision, d.id, number)
                + (_revision_content(d, ids[EvidenceItem] + 2 * d.n, 2 if number == len(d.revisions) else 1),)
                + (clerk.pk, d.submitted)
                for d in plan
                for number, revision in enumerate(d.revisions, start=1)
            ),
        )
        decisions = {DossierStatus.RETURNED: ReviewDecision.RETURN, DossierStatus.REJECTED: ReviewDecision.REJECT}
        rows["reviews"] = _copy(
            cursor,
            DossierReview,
            ["dossier_id", "revision_id", "level", "decision", "comment", "reviewer_id", "decided_at"],
            (
                (d.id, d.revisions[-1], ReviewLevel.CITY, decisions.get(d.status, ReviewDecision.APPROVE))
                + ("" if d.status in PAST_CITY else "证明材料不足，请补充近三年的业绩证明。",)
                + (city_official.pk, d.updated)
                for d in plan
                if d.status in PAST_CITY or d.status in decisions
            ),
        )

        def audit_rows():
            for d in plan:
                common = (dossier_type.pk, str(d.id), f"{names[d.talent]} — {d.round.title}"[:200])
                yield (clerk.pk, clerk.username, d.created, *common, "dossier_create", "", "draft", "", None, "{}")
                if d.submitted is not None:
                    submit = (clerk.pk, clerk.username, d.submitted, *common, "dossier_submit")
                    yield (*submit, "draft", "submitted", "", None, "{}")
                if d.status in PAST_CITY:
                    approve = (city_official.pk, city_official.username, d.updated, *common, "dossier_approve")
                    yield (*approve, "submitted", "city_approved", "", None, "{}")

        rows["audit rows"] = _copy(
            cursor,
            AuditLog,
            ["actor_id", "actor_username", "at", "content_type_id", "object_id", "object_repr", "action"]
            + ["from_state", "to_state", "comment", "ip_address", "changes"],
            audit_rows(),
        )
        for model in (EligibilityCheck, Dossier, EvidenceItem, DossierRevision):
            _reset_sequence(cursor, model)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")  # steady state: visibility map and statistics, as after autovacuum
    return Loaded(dossiers=dossiers, talents=talents, rows=rows, seconds=time.perf_counter() - started)
