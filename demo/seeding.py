"""Write the demo to the database: idempotent (rows are found by their natural keys) and audited.

Seed data is the one place that writes with the ORM directly, in bulk: the services are built for
one actor acting on one object at a time. Every row created here still gets its audit entry
(action ``seed_demo``, actor the demo administrator), and is validated first (credit codes, ID
numbers, model field validation).
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.models import AuditLog, Organisation, Region, User
from accounts.services import audit_record_many
from accounts.validators import validate_credit_code
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from demo import data
from demo.builders import TalentPlan, build_demo_registry, organisation_credit_code
from demo.commendations import seed_commendations
from demo.evaluations import seed_evaluations
from demo.programs import seed_programs
from talents.models import Credential, Honour, HonourSource, Talent
from talents.validators import validate_id_number

SEED_ACTION = "seed_demo"


class DemoSeedError(Exception):
    """The database lacks what the demo builds on (regions or catalogues not migrated)."""


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # username, role, where, password
    foreign_usernames: list[str] = field(default_factory=list)  # same username, not created by seed_demo


def _by_code(model, codes) -> dict:
    found = {entry.code: entry for entry in model.objects.filter(code__in=set(codes))}
    missing = sorted(set(codes) - set(found))
    if missing:
        raise DemoSeedError(f"{model._meta.label} lacks codes {missing}: run `manage.py migrate` first.")
    return found


def seed_organisations(report: SeedReport, regions: dict[str, Region]) -> tuple[dict[str, Organisation], list]:
    codes = {spec.key: organisation_credit_code(spec) for spec in data.ORGANISATIONS}
    existing = set(Organisation.objects.filter(credit_code__in=codes.values()).values_list("credit_code", flat=True))
    new = []
    for spec in data.ORGANISATIONS:
        if codes[spec.key] in existing:
            continue
        validate_credit_code(codes[spec.key])
        organisation = Organisation(
            credit_code=codes[spec.key],
            name=spec.name,
            kind=spec.kind,
            region=regions[spec.region],
            above_designated_size=spec.above_designated_size,
            may_self_evaluate=spec.may_self_evaluate,
        )
        organisation.full_clean(exclude=["region"], validate_unique=False)
        new.append(organisation)
    Organisation.objects.bulk_create(new)
    by_code = {o.credit_code: o for o in Organisation.objects.filter(credit_code__in=codes.values())}
    report.created["organisations"] = len(new)
    report.present["organisations"] = len(by_code)
    return {key: by_code[code] for key, code in codes.items()}, [by_code[o.credit_code] for o in new]


def seed_users(
    report: SeedReport, regions: dict[str, Region], organisations: dict[str, Organisation]
) -> tuple[dict[str, User], list]:
    usernames = [spec.username for spec in data.USERS]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    seeded = set(
        AuditLog.objects.filter(
            action=SEED_ACTION,
            content_type=ContentType.objects.get_for_model(User),
            object_id__in=[str(u.pk) for u in existing.values()],
        ).values_list("object_id", flat=True)
    )
    password = make_password(data.DEMO_PASSWORD)  # one hash for all: hashing is the slow part
    new = []
    for spec in data.USERS:
        if spec.username in existing:
            if str(existing[spec.username].pk) not in seeded:
                report.foreign_usernames.append(spec.username)  # not ours: its password is not the demo one
            continue
        user = User(
            username=spec.username,
            password=password,
            role=spec.role,
            last_name=spec.last_name,
            first_name=spec.first_name,
            organisation=organisations[spec.organisation] if spec.organisation else None,
            region=regions[spec.region] if spec.region else None,
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
        )
        # Also runs User.clean: a clerk has an organisation, an official a region of the role's level.
        user.full_clean(exclude=["password", "organisation", "region"], validate_unique=False)
        new.append(user)
    User.objects.bulk_create(new)
    users = {
        u.username: u for u in User.objects.filter(username__in=usernames).select_related("organisation", "region")
    }
    report.created["users"] = len(new)
    report.present["users"] = len(users)
    for spec in data.USERS:
        user = users[spec.username]
        where = " / ".join(str(part) for part in (user.organisation, user.region) if part is not None)
        password_shown = "(own)" if spec.username in report.foreign_usernames else data.DEMO_PASSWORD
        report.logins.append((user.username, user.get_role_display(), where, password_shown))
    return users, [users[u.username] for u in new]


def _talent_row(plan: TalentPlan, organisations, occupations) -> Talent:
    number = validate_id_number(plan.id_number)
    return Talent(
        name=plan.name,
        id_number=number,
        birth_date=plan.birth_date,
        gender=plan.gender,
        employer=organisations[plan.employer.key],
        occupation=occupations[plan.occupation],
        frontline=plan.frontline,
        years_of_work=plan.years_of_work,
        education=plan.education,
    )


def seed_registry(report: SeedReport, plans: list[TalentPlan], organisations, users) -> list[list]:
    """Talents, their credentials and honours; returns the rows created, per model."""
    occupations = _by_code(Occupation, {p.occupation for p in plans})
    skill_levels = {level.code: level for level in SkillLevel.objects.all()}
    title_levels = {level.code: level for level in TitleLevel.objects.all()}
    series = {entry.code: entry for entry in TitleSeries.objects.all()}
    awards = _by_code(Award, {h.award for p in plans for h in p.honours})

    numbers = [p.id_number for p in plans]
    existing = set(Talent.objects.filter(id_number__in=numbers).values_list("id_number", flat=True))
    new_talents = [_talent_row(p, organisations, occupations) for p in plans if p.id_number not in existing]
    for talent in new_talents:
        talent.full_clean(exclude=["employer", "occupation"], validate_unique=False)
    Talent.objects.bulk_create(new_talents)
    talents = {t.id_number: t for t in Talent.objects.filter(id_number__in=numbers)}

    certificate_numbers = [c.certificate_number for p in plans for c in p.credentials]
    existing_credentials = set(
        Credential.objects.filter(certificate_number__in=certificate_numbers).values_list(
            "kind", "issuer", "certificate_number"
        )
    )
    new_credentials = []
    for plan in plans:
        occupation = occupations[plan.occupation]
        for c in plan.credentials:
            if (c.kind, c.issuer, c.certificate_number) in existing_credentials:
                continue
            title_series = None
            if c.kind == "title":
                title_series = series[c.title_series] if c.title_series else occupation.title_series
                title_series = title_series or series["engineering"]
            new_credentials.append(
                Credential(
                    talent=talents[plan.id_number],
                    kind=c.kind,
                    skill_level=skill_levels[c.skill_level] if c.skill_level else None,
                    title_level=title_levels[c.title_level] if c.title_level else None,
                    occupation=occupations[c.occupation] if c.occupation else None,
                    title_series=title_series,
                    speciality=c.speciality,
                    obtained_on=c.obtained_on,
                    certificate_number=c.certificate_number,
                    issuer=c.issuer,
                )
            )
    Credential.objects.bulk_create(new_credentials)

    officials = {u.region.code: u for u in users.values() if u.is_official}
    existing_honours = set(
        Honour.objects.filter(talent__in=talents.values()).values_list("talent_id", "award__code", "conferred_on")
    )
    new_honours = []
    for plan in plans:
        talent = talents[plan.id_number]
        for h in plan.honours:
            if (talent.pk, h.award, h.conferred_on) in existing_honours:
                continue
            national = awards[h.award].level == "national"
            new_honours.append(
                Honour(
                    talent=talent,
                    award=awards[h.award],
                    conferred_on=h.conferred_on,
                    conferring_body=h.conferring_body,
                    evidence=h.evidence,
                    source=HonourSource.MANUAL,
                    entered_by=officials.get(data.NATIONAL_REGION if national else plan.province),
                )
            )
    Honour.objects.bulk_create(new_honours)

    report.created |= {"talents": len(new_talents), "credentials": len(new_credentials), "honours": len(new_honours)}
    report.present |= {
        "talents": len(talents),
        "credentials": Credential.objects.filter(talent__in=talents.values()).count(),
        "honours": Honour.objects.filter(talent__in=talents.values()).count(),
    }
    # Read back with their primary keys (the audit entries name them), matched on natural keys.
    credential_keys = {(c.kind, c.issuer, c.certificate_number) for c in new_credentials}
    honour_keys = {(h.talent_id, h.award_id, h.conferred_on) for h in new_honours}
    return [
        [talents[t.id_number] for t in new_talents],
        [
            c
            for c in Credential.objects.filter(certificate_number__in=[key[2] for key in credential_keys])
            if (c.kind, c.issuer, c.certificate_number) in credential_keys
        ],
        [
            h
            for h in Honour.objects.filter(talent_id__in={key[0] for key in honour_keys})
            if (h.talent_id, h.award_id, h.conferred_on) in honour_keys
        ],
    ]


@transaction.atomic
def seed_demo() -> SeedReport:
    """Create what is missing of the demo; a second run creates nothing."""
    report = SeedReport()
    region_codes = {spec.region for spec in data.ORGANISATIONS} | {spec.region for spec in data.USERS if spec.region}
    regions = _by_code(Region, region_codes)
    plans = build_demo_registry()
    organisations, new_organisations = seed_organisations(report, regions)
    users, new_users = seed_users(report, regions, organisations)
    new_registry = seed_registry(report, plans, organisations, users)
    new_programs = seed_programs(report, organisations, users, [p.id_number for p in plans])
    # Through the services, which audit every write themselves (no seed_demo entries for these).
    seed_evaluations(report, organisations, users)
    seed_commendations(report, organisations, users)

    actor = users[data.ADMIN_USERNAME]
    for objects in (new_organisations, new_users, *new_registry, *new_programs):
        if objects:
            audit_record_many(actor=actor, objects=objects, action=SEED_ACTION, to_state="created")
    return report
