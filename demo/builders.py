"""The demo registry as plain data: the same seed always gives the same talents, credentials and honours.

Nothing here touches the database; ``demo.seeding`` turns the plan into rows. Careers are built
forward from the start of work: skill levels one after another (docs/codes.md order), titles for
engineering technicians and teachers, a graduation certificate for college graduates, honours for a
few long-serving high-skilled talents so that every green-channel case (§4 R1) has someone to show.
"""

import datetime
import random
from dataclasses import dataclass, field

from accounts.validators import credit_code_from_parts
from demo import data
from eligibility.clauses import SKILL_LEVELS, TITLE_LEVELS
from talents.validators import id_number_facts_unchecked, id_number_from_parts

# Years usually spent at a skill level before the next (junior → intermediate, …).
SKILL_GAPS = ((2, 3), (2, 4), (3, 5), (3, 6), (4, 7), (3, 5))
TITLE_GAPS = ((1, 2), (3, 5), (5, 7), (5, 8))


@dataclass
class CredentialPlan:
    kind: str
    obtained_on: datetime.date
    certificate_number: str
    issuer: str
    skill_level: str = ""
    title_level: str = ""
    occupation: str = ""
    title_series: str = ""  # "" → the occupation's series, resolved when saved
    speciality: str = ""


@dataclass
class HonourPlan:
    award: str
    conferred_on: datetime.date
    conferring_body: str
    evidence: str


@dataclass
class TalentPlan:
    index: int
    name: str
    id_number: str
    employer: data.OrganisationSpec
    city: str
    province: str
    occupation: str
    frontline: bool
    education: str
    start_of_work: datetime.date
    credentials: list[CredentialPlan] = field(default_factory=list)
    honours: list[HonourPlan] = field(default_factory=list)

    @property
    def birth_date(self) -> datetime.date:
        return id_number_facts_unchecked(self.id_number).birth_date

    @property
    def gender(self) -> str:
        return id_number_facts_unchecked(self.id_number).gender

    @property
    def years_of_work(self) -> int:
        return max(0, (data.REFERENCE_DATE - self.start_of_work).days // 365)

    @property
    def is_professional(self) -> bool:
        """Engineering technicians (major group 2) hold titles; workers (groups 4–6) hold skill levels."""
        return self.occupation.startswith("2-")

    def skill_date(self, level: str) -> datetime.date | None:
        for credential in self.credentials:
            if credential.skill_level == level:
                return credential.obtained_on
        return None

    @property
    def highest_skill_rank(self) -> int:
        ranks = [SKILL_LEVELS.index(c.skill_level) for c in self.credentials if c.skill_level]
        return max(ranks, default=-1)


def organisation_credit_code(spec: data.OrganisationSpec) -> str:
    return credit_code_from_parts(spec.region, spec.organisation_code, spec.registration)


def _years_later(day: datetime.date, years: float, rng: random.Random) -> datetime.date:
    return day + datetime.timedelta(days=int(years * 365) + rng.randint(0, 120))


class DemoPlanner:
    """Builds the talents in a fixed order from one seeded generator."""

    def __init__(self, seed: int = data.RANDOM_SEED):
        self.rng = random.Random(seed)  # noqa: S311 — reproducible demo data, not security
        self.certificate_serial = 0

    def serial(self) -> int:
        self.certificate_serial += 1
        return self.certificate_serial

    # --- people -------------------------------------------------------------------------------
    def name(self, male: bool) -> str:
        rng = self.rng
        pool = data.GIVEN_MALE if male else data.GIVEN_FEMALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")
        return rng.choice(data.SURNAMES) + given

    def talent(self, index: int, employer: data.OrganisationSpec) -> TalentPlan:
        rng = self.rng
        occupation = rng.choice(employer.occupations)
        professional = occupation.startswith("2-")
        province = employer.region[:2] + "0000"
        city = data.CAPITALS.get(employer.region, employer.region)
        age = rng.randint(23, 58)
        birth_date = datetime.date(data.REFERENCE_DATE.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if professional:
            education = rng.choice(("bachelor", "bachelor", "bachelor", "master", "junior_college", "doctorate"))
        elif employer.kind == "technical_college":
            education = rng.choice(("technician_college", "junior_college", "bachelor"))
        else:
            education = rng.choice(
                (
                    "below_secondary",
                    "secondary",
                    "secondary",
                    "technician_college",
                    "technician_college",
                    "junior_college",
                )
            )
        schooling_ends = {
            "below_secondary": 16,
            "secondary": 18,
            "technician_college": 19,
            "junior_college": 21,
            "bachelor": 22,
            "master": 25,
            "doctorate": 28,
        }[education]
        start_of_work = birth_date.replace(year=birth_date.year + schooling_ends) + datetime.timedelta(
            days=rng.randint(150, 400)
        )
        if start_of_work >= data.REFERENCE_DATE:
            start_of_work = data.REFERENCE_DATE - datetime.timedelta(days=200)
        male = rng.random() < (0.55 if professional or employer.kind == "training_institution" else 0.78)
        # The sequence part keeps the 300 numbers distinct whatever the birth dates.
        id_number = id_number_from_parts(rng.choice(data.DISTRICTS[city]), birth_date, index, male)
        # Frontline production and service posts are in enterprises; teachers and assessors are not.
        frontline = employer.kind == "enterprise" and not professional and rng.random() < 0.85
        return TalentPlan(
            index=index,
            name=self.name(male),
            id_number=id_number,
            employer=employer,
            city=city,
            province=province,
            occupation=occupation,
            frontline=frontline,
            education=education,
            start_of_work=start_of_work,
        )

    # --- credentials --------------------------------------------------------------------------
    def skill_ladder(self, talent: TalentPlan, *, top: str | None = None) -> None:
        """Levels in order until the reference date; ``top`` pushes a star to at least that level."""
        rng = self.rng
        first = 2 if talent.education == "technician_college" and rng.random() < 0.5 else rng.choice((0, 0, 1))
        pace = 0.75 if top else rng.uniform(1.0, 1.7)
        cap = SKILL_LEVELS.index(top) if top else SKILL_LEVELS.index("senior_technician")
        day = _years_later(talent.start_of_work, rng.uniform(0.5, 1.5), rng)
        rank = first
        while day <= data.REFERENCE_DATE and rank <= cap:
            self.add_skill(talent, SKILL_LEVELS[rank], day)
            low, high = SKILL_GAPS[min(rank, len(SKILL_GAPS) - 1)]
            day = _years_later(day, rng.uniform(low, high) * pace, rng)
            rank += 1

    def add_skill(self, talent: TalentPlan, level: str, day: datetime.date) -> None:
        if day.year >= 2021 and talent.employer.may_self_evaluate and talent.employer.kind == "enterprise":
            issuer = talent.employer.name  # skills-title-integration-opinions R8: self-evaluating enterprise
        else:
            issuer = data.SKILL_ISSUERS[talent.province]
        talent.credentials.append(
            CredentialPlan(
                kind="skill_level",
                skill_level=level,
                occupation=talent.occupation,
                obtained_on=day,
                certificate_number=(
                    f"S{talent.city[:4]}{day:%Y}{SKILL_LEVELS.index(level) + 1}{talent.index:03d}{self.serial():05d}"
                ),
                issuer=issuer,
            )
        )

    def title_ladder(self, talent: TalentPlan, *, series: str = "", after: datetime.date | None = None) -> None:
        rng = self.rng
        day = _years_later(after or talent.start_of_work, rng.uniform(1, 2), rng)
        rank = 1 if talent.education in ("bachelor", "master", "doctorate") or after else 0
        pace = rng.uniform(1.0, 1.6)
        limit = len(TITLE_LEVELS) - 1 if not after else 2  # skills → titles: up to intermediate
        while day <= data.REFERENCE_DATE and rank <= limit:
            talent.credentials.append(
                CredentialPlan(
                    kind="title",
                    title_level=TITLE_LEVELS[rank],
                    title_series=series,
                    occupation=talent.occupation,
                    obtained_on=day,
                    certificate_number=f"T{talent.province[:2]}{day:%Y}{rank + 1}{talent.index:03d}{self.serial():05d}",
                    issuer=data.TITLE_ISSUERS[talent.province],
                )
            )
            low, high = TITLE_GAPS[min(rank, len(TITLE_GAPS) - 1)]
            day = _years_later(day, rng.uniform(low, high) * pace, rng)
            rank += 1

    def graduation(self, talent: TalentPlan) -> None:
        level = {
            "technician_college": "technician_college",
            "junior_college": "junior_college",
            "bachelor": "university",
            "master": "university",
            "doctorate": "university",
        }.get(talent.education)
        if level is None:
            return
        schools = data.SCHOOLS[talent.province][level]
        school = schools[talent.index % len(schools)]
        # Certificates are issued at the end of the school year, before the first job.
        year = talent.start_of_work.year if talent.start_of_work.month > 6 else talent.start_of_work.year - 1
        day = datetime.date(year, 6, self.rng.randint(20, 30))
        talent.credentials.append(
            CredentialPlan(
                kind="graduation",
                speciality=self.rng.choice(talent.employer.specialities),
                obtained_on=day,
                certificate_number=f"{10500 + schools.index(school)}{day:%Y}{talent.index:03d}{self.serial():06d}",
                issuer=school,
            )
        )

    def vocational_qualification(self, talent: TalentPlan) -> None:
        """Qualification certificates of the old national system, issued before the 2017 reform."""
        day = _years_later(talent.start_of_work, self.rng.uniform(1, 4), self.rng)
        if day.year >= 2017:
            return
        talent.credentials.append(
            CredentialPlan(
                kind="vocational_qualification",
                occupation=talent.occupation,
                obtained_on=day,
                certificate_number=f"Q{talent.province[:2]}{day:%Y}{talent.index:03d}{self.serial():05d}",
                issuer=data.TITLE_ISSUERS[talent.province],
            )
        )

    # --- honours ------------------------------------------------------------------------------
    def honour(self, talent: TalentPlan, award: str, body: str, earliest: datetime.date) -> None:
        rng = self.rng
        if body == "":
            body = data.PROVINCIAL_GOVERNMENTS[talent.province]
        elif body == "city":
            body = data.CITY_GOVERNMENTS[talent.city]
        last_year = data.REFERENCE_DATE.year - 1
        year = rng.randint(min(max(earliest.year + 1, 2012), last_year), last_year)
        conferred_on = datetime.date(year, rng.choice((4, 9, 12)), rng.choice((10, 18, 26)))
        if body in data.PROVINCIAL_GOVERNMENTS.values():
            document = f"{data.PROVINCIAL_DOCUMENT_PREFIX[talent.province]}〔{year}〕{rng.randint(10, 90)}号"
        else:
            document = f"人社部发〔{year}〕{rng.randint(10, 90)}号"
        talent.honours.append(
            HonourPlan(
                award=award,
                conferred_on=conferred_on,
                conferring_body=body,
                evidence=f"表彰文件：{document}；荣誉证书复印件已核验。",
            )
        )

    # --- the whole registry -------------------------------------------------------------------
    def build(self) -> list[TalentPlan]:
        rng = self.rng
        talents: list[TalentPlan] = []
        for employer in data.ORGANISATIONS:
            for _position in range(employer.talents):
                talents.append(self.talent(len(talents), employer))

        # Stars: long-serving frontline workers, spread over the three provinces, who get the honours.
        seniors = [t for t in talents if not t.is_professional and t.frontline and t.years_of_work >= 22]
        rng.shuffle(seniors)
        seniors.sort(key=lambda t: -t.years_of_work)  # the longest-serving first: they get the highest awards
        by_province = [[t for t in seniors if t.province == code] for code in data.PROVINCES]
        stars = [t for group in zip(*by_province, strict=False) for t in group]
        stars += [t for t in seniors if t not in stars]
        green_total = sum(count for _code, count, _body in data.GREEN_CHANNEL_HONOURS)
        tops = {0: "chief_technician", 1: "principal_technician"}

        for talent in talents:
            position = stars.index(talent) if talent in stars[:green_total] else None
            if talent.is_professional:
                self.title_ladder(talent)
            else:
                top = None
                if position is not None:
                    top = tops.get(position, "senior_technician")
                self.skill_ladder(talent, top=top)
                technician = talent.skill_date("technician")
                if talent.employer.kind == "technical_college":
                    # Teachers of a technical college hold a skill level and a teacher's title ("dual").
                    if rng.random() < 0.6:
                        self.title_ladder(talent, series="technical_college_teachers", after=talent.start_of_work)
                elif technician and rng.random() < 0.15:
                    # skills → titles (R2) already taken: a title in the series of the occupation.
                    self.title_ladder(talent, after=technician)
                if rng.random() < 0.08:
                    self.vocational_qualification(talent)
            self.graduation(talent)

        # Green channel (R1a): one block of stars per award, in the order of the catalogue codes.
        cursor = 0
        for award, count, body in data.GREEN_CHANNEL_HONOURS:
            for talent in stars[cursor : cursor + count]:
                self.honour(talent, award, body, talent.skill_date("technician") or talent.start_of_work)
            cursor += count
        # Other commendations go to high-skilled talents who are not stars (they show R1b and R2 cases).
        two_years_before = data.REFERENCE_DATE.replace(year=data.REFERENCE_DATE.year - 2)
        others = [
            t
            for t in talents
            if t not in stars[:green_total] and (t.skill_date("technician") or data.REFERENCE_DATE) < two_years_before
        ]
        rng.shuffle(others)
        for award, count, body in data.OTHER_HONOURS:
            for talent in others[:count]:
                self.honour(talent, award, body, talent.skill_date("technician") or talent.start_of_work)
            others = others[count:]
        return talents


def build_demo_registry(seed: int = data.RANDOM_SEED) -> list[TalentPlan]:
    return DemoPlanner(seed).build()
