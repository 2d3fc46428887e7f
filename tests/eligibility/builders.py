"""Snapshots written as data, for the pure rule tests (no database)."""

import datetime

from eligibility.snapshots import CompletedTraining, CredentialFact, HonourFact, PlatformRole, TalentSnapshot

AS_OF = datetime.date(2025, 6, 30)
OCCUPATION = 101  # an occupation with a title series
OTHER_OCCUPATION = 202
SERIES = 7


def day(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def snapshot(
    *,
    skills=(),
    titles=(),
    honours=(),
    roles=(),
    graduations=(),
    training=(),
    frontline=False,
    years_of_work=5,
    education="secondary",
    series=SERIES,
    occupation=OCCUPATION,
    talent_id=1,
) -> TalentSnapshot:
    """skills/titles: (level code, obtained on); honours: (award code, conferred on);
    roles: (role code, since); graduations: (occupation id, obtained on); training: (plan id, completed on)."""
    credentials = [CredentialFact("skill_level", level, occupation, None, day(on)) for level, on in skills]
    credentials += [CredentialFact("title", level, None, series, day(on)) for level, on in titles]
    credentials += [CredentialFact("graduation", "", occ, None, day(on)) for occ, on in graduations]
    return TalentSnapshot(
        talent_id=talent_id,
        employer_id=1,
        region_id=1,
        occupation_id=occupation,
        occupation_title_series_id=series,
        frontline=frontline,
        years_of_work=years_of_work,
        education=education,
        credentials=tuple(credentials),
        honours=tuple(HonourFact(award, day(on)) for award, on in honours),
        platform_roles=tuple(PlatformRole(role, day(on) if on else None) for role, on in roles),
        completed_training=tuple(CompletedTraining(plan, day(on)) for plan, on in training),
    )
