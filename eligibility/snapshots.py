"""Immutable in-memory pictures of talents, the only input of the rules (docs/conventions.md §5).

``load_snapshots`` builds them for many talents in a constant number of queries (five, whatever the
number of talents), so a single check and a batch chunk share one loader.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from programs.models import PLATFORM_ROLE_CODES, Enrolment, Platform
from talents.models import Credential, CredentialKind, Honour, Talent


@dataclass(frozen=True, slots=True)
class CredentialFact:
    kind: str  # talents.models.CredentialKind
    level: str  # skill or title level code (docs/codes.md); "" for qualifications and diplomas
    occupation_id: int | None
    title_series_id: int | None
    obtained_on: datetime.date


@dataclass(frozen=True, slots=True)
class HonourFact:
    award: str  # award code
    conferred_on: datetime.date


@dataclass(frozen=True, slots=True)
class PlatformRole:
    role: str  # national_master_studio_leader, provincial_master_studio_leader
    since: datetime.date | None


@dataclass(frozen=True, slots=True)
class CompletedTraining:
    plan_id: int
    completed_on: datetime.date


@dataclass(frozen=True, slots=True)
class TalentSnapshot:
    talent_id: int
    employer_id: int
    region_id: int
    occupation_id: int
    occupation_title_series_id: int | None
    frontline: bool
    years_of_work: int
    education: str
    credentials: tuple[CredentialFact, ...] = ()
    honours: tuple[HonourFact, ...] = ()
    platform_roles: tuple[PlatformRole, ...] = ()
    completed_training: tuple[CompletedTraining, ...] = field(default=())


def load_snapshots(talent_ids=None, *, talents=None) -> dict[int, TalentSnapshot]:
    """Snapshots keyed by talent id, for the given ids or an already filtered Talent queryset.

    Five queries in all: talents, credentials, honours, led platforms, completed enrolments.
    """
    if talents is None:
        talents = Talent.objects.filter(pk__in=list(talent_ids))
    rows = list(
        talents.order_by()
        .values_list(
            "id",
            "employer_id",
            "employer__region_id",
            "occupation_id",
            "occupation__title_series_id",
            "frontline",
            "years_of_work",
            "education",
        )
        .iterator(chunk_size=5000)
    )
    ids = [row[0] for row in rows]
    # The same filter as a subquery: no parameter list as long as the population.
    subset = talents.order_by().values("pk")
    credentials = defaultdict(list)
    honours = defaultdict(list)
    roles = defaultdict(list)
    training = defaultdict(list)
    if ids:
        for talent_id, kind, skill, title, occupation_id, series_id, obtained_on in (
            Credential.objects.active()
            .filter(talent_id__in=subset)
            .values_list(
                "talent_id",
                "kind",
                "skill_level__code",
                "title_level__code",
                "occupation_id",
                "title_series_id",
                "obtained_on",
            )
        ):
            level = skill if kind == CredentialKind.SKILL_LEVEL else title if kind == CredentialKind.TITLE else ""
            credentials[talent_id].append(CredentialFact(kind, level or "", occupation_id, series_id, obtained_on))
        for talent_id, award, conferred_on in (
            Honour.objects.active().filter(talent_id__in=subset).values_list("talent_id", "award__code", "conferred_on")
        ):
            honours[talent_id].append(HonourFact(award, conferred_on))
        for leader_id, kind, level, established_on in Platform.objects.filter(leader_id__in=subset).values_list(
            "leader_id", "kind", "level", "established_on"
        ):
            role = PLATFORM_ROLE_CODES.get((kind, level))
            if role is not None:
                roles[leader_id].append(PlatformRole(role, established_on))
        for talent_id, plan_id, completed_on in (
            Enrolment.objects.filter(talent_id__in=subset, completed=True)
            .values_list("talent_id", "activity__plan_id", "completed_on")
            .order_by()
        ):
            training[talent_id].append(CompletedTraining(plan_id, completed_on))
    return {
        row[0]: TalentSnapshot(
            talent_id=row[0],
            employer_id=row[1],
            region_id=row[2],
            occupation_id=row[3],
            occupation_title_series_id=row[4],
            frontline=row[5],
            years_of_work=row[6],
            education=row[7],
            credentials=tuple(sorted(credentials[row[0]], key=lambda c: (c.obtained_on, c.kind, c.level))),
            honours=tuple(sorted(honours[row[0]], key=lambda h: (h.conferred_on, h.award))),
            platform_roles=tuple(roles[row[0]]),
            completed_training=tuple(training[row[0]]),
        )
        for row in rows
    }


def load_snapshot(talent: Talent) -> TalentSnapshot:
    return load_snapshots([talent.pk])[talent.pk]
