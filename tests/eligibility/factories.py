"""Factories of the eligibility tests: rule sets, checks, runs, and talents built from a plain spec
(the same spec the hypothesis populations generate)."""

import datetime
import itertools
from dataclasses import dataclass, field

import factory
from django.utils import timezone

from catalogues.models import Award, Occupation, SkillLevel, TitleLevel
from eligibility.models import EligibilityCheck, EligibilityRun, RuleSet, RuleSetStatus, RunScope, RunStatus
from programs.models import PlatformKind, PlatformLevel
from talents.models import CredentialKind
from tests.programs.factories import PlatformFactory
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory, catalogue

DEFAULT_RULE_SET = "skills-title-integration"
OCCUPATION_WITH_SERIES = "6-18-01-01"
_numbers = itertools.count(1)


def default_rule_set() -> RuleSet:
    """The published v1 the data migration loads."""
    return RuleSet.objects.get(code=DEFAULT_RULE_SET, version=1)


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleSet

    code = factory.Sequence(lambda n: f"test-rules-{n}")
    version = 1
    title = factory.Sequence(lambda n: f"测试规则集{n}")
    status = RuleSetStatus.DRAFT


class PublishedRuleSetFactory(RuleSetFactory):
    status = RuleSetStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class EligibilityCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityCheck

    talent = factory.SubFactory(TalentFactory)
    rule_set = factory.LazyFunction(default_rule_set)
    track = "green_channel"
    target_level = "deputy_senior"
    as_of = datetime.date(2025, 6, 30)
    outcome = "needs_review"
    reasons = factory.LazyFunction(list)


def make_run(*, rule_set=None, as_of=datetime.date(2025, 6, 30), region=None) -> EligibilityRun:
    """A finished run record (evaluate_range writes its results; no chunks, no worker)."""
    n = next(_numbers)
    return EligibilityRun.objects.create(
        scope=RunScope.REGION if region else RunScope.ALL,
        region=region,
        scope_key=f"test:{n}",
        rule_set=rule_set or default_rule_set(),
        as_of=as_of,
        status=RunStatus.FINISHED,
    )


@dataclass(frozen=True)
class TalentSpec:
    """A talent as data: skills / titles (level code, obtained on), honours (award code, on),
    studios ((national|provincial), established on or None), graduations (same occupation?, on)."""

    skills: tuple = ()
    titles: tuple = ()
    honours: tuple = ()
    studios: tuple = ()
    graduations: tuple = ()
    frontline: bool = False
    years_of_work: int = 5
    education: str = "secondary"
    has_series: bool = True
    extra: dict = field(default_factory=dict)


def occupation(has_series: bool) -> Occupation:
    if has_series:
        return catalogue(Occupation, OCCUPATION_WITH_SERIES)
    return Occupation.objects.filter(title_series__isnull=True).order_by("code").first()


def other_occupation() -> Occupation:
    return Occupation.objects.exclude(code=OCCUPATION_WITH_SERIES).order_by("code").first()


def make_talent(spec: TalentSpec, *, employer):
    talent = TalentFactory(
        employer=employer,
        occupation=occupation(spec.has_series),
        frontline=spec.frontline,
        years_of_work=spec.years_of_work,
        education=spec.education,
    )
    for level, on in spec.skills:
        CredentialFactory(talent=talent, skill_level=catalogue(SkillLevel, level), obtained_on=on)
    for level, on in spec.titles:
        CredentialFactory(
            talent=talent,
            kind=CredentialKind.TITLE,
            skill_level=None,
            occupation=None,
            title_level=catalogue(TitleLevel, level),
            title_series=talent.occupation.title_series,
            obtained_on=on,
        )
    for same_occupation, on in spec.graduations:
        CredentialFactory(
            talent=talent,
            kind=CredentialKind.GRADUATION,
            skill_level=None,
            occupation=talent.occupation if same_occupation else other_occupation(),
            speciality="机械制造与自动化",
            obtained_on=on,
        )
    for award, on in spec.honours:
        HonourFactory(talent=talent, award=catalogue(Award, award), conferred_on=on)
    for level, on in spec.studios:
        PlatformFactory(
            kind=PlatformKind.SKILL_MASTER_STUDIO,
            level=PlatformLevel.NATIONAL if level == "national" else PlatformLevel.PROVINCIAL,
            host=employer,
            leader=talent,
            established_on=on,
        )
    return talent


def make_population(world):
    """Four talents, alternating between a Jiangsu and a Guangzhou employer."""
    # fmt: off
    specs = [
        TalentSpec(skills=(("technician", datetime.date(2020, 1, 1)),),
                   honours=(("china_skills_award", datetime.date(2023, 1, 1)),)),
        TalentSpec(skills=(("senior_worker", datetime.date(2024, 6, 30)),), frontline=True, years_of_work=12),
        TalentSpec(titles=(("intermediate", datetime.date(2019, 1, 1)),), years_of_work=3),
        TalentSpec(),
    ]
    # fmt: on
    return [
        make_talent(spec, employer=world.org if n % 2 else world.org_other_province) for n, spec in enumerate(specs)
    ]
