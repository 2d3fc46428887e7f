import datetime
import itertools
from dataclasses import dataclass

import factory

from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from talents.models import Credential, CredentialKind, Honour, RegistrationClaim, Talent
from talents.validators import id_number_facts, id_number_from_parts
from tests.accounts.factories import OrganisationFactory, UserFactory

_sequence = itertools.count(1)


def fresh_id_number(region_code: str = "440106", birth_date=datetime.date(1985, 3, 7), male: bool = True) -> str:
    """A valid number no other test has used, with exactly the birth date asked for.

    500 numbers fit one district and date; past that the district digits (5–6) change."""
    n = next(_sequence)
    district = region_code if n < 500 else f"{region_code[:4]}{n // 500 % 100:02d}"
    return id_number_from_parts(district, birth_date, n % 500, male)


def catalogue(model, code):
    return model.objects.get(code=code)


class TalentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talent

    name = factory.Sequence(lambda n: f"人才{n}")
    id_number = factory.LazyFunction(fresh_id_number)
    birth_date = factory.LazyAttribute(lambda o: id_number_facts(o.id_number).birth_date)
    gender = factory.LazyAttribute(lambda o: id_number_facts(o.id_number).gender)
    employer = factory.SubFactory(OrganisationFactory)
    occupation = factory.LazyFunction(lambda: catalogue(Occupation, "6-18-01-01"))
    frontline = True
    years_of_work = 10
    education = "secondary"


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    talent = factory.SubFactory(TalentFactory)
    kind = CredentialKind.SKILL_LEVEL
    skill_level = factory.LazyFunction(lambda: catalogue(SkillLevel, "technician"))
    occupation = factory.LazyAttribute(lambda o: o.talent.occupation)
    obtained_on = datetime.date(2020, 6, 1)
    certificate_number = factory.Sequence(lambda n: f"S{n:010d}")
    issuer = "广东省职业技能鉴定指导中心"


class TitleCredentialFactory(CredentialFactory):
    kind = CredentialKind.TITLE
    skill_level = None
    occupation = None
    title_level = factory.LazyFunction(lambda: catalogue(TitleLevel, "intermediate"))
    title_series = factory.LazyFunction(lambda: catalogue(TitleSeries, "engineering"))


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    talent = factory.SubFactory(TalentFactory)
    award = factory.LazyFunction(lambda: catalogue(Award, "national_technical_expert"))
    conferred_on = datetime.date(2022, 9, 1)
    conferring_body = "人力资源社会保障部"
    evidence = "表彰文件 人社部发〔2022〕1号"


@dataclass
class RegistrySubjects:
    """One talent, credential and honour per organisation of the world, keyed by whose scope it is in:
    own (the clerk's organisation), other_org (same city), other_city (same province), other_province."""

    organisations: dict
    talents: dict
    credentials: dict
    honours: dict


def registry_subjects(world) -> RegistrySubjects:
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    talents = {key: TalentFactory(employer=org) for key, org in organisations.items()}
    return RegistrySubjects(
        organisations=organisations,
        talents=talents,
        credentials={key: CredentialFactory(talent=talent) for key, talent in talents.items()},
        honours={key: HonourFactory(talent=talent) for key, talent in talents.items()},
    )


class RegistrationClaimFactory(factory.django.DjangoModelFactory):
    """A clerk of ``organisation`` registered the number of ``talent``, which another organisation holds."""

    class Meta:
        model = RegistrationClaim

    talent = factory.SubFactory(TalentFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    previous_employer = factory.LazyAttribute(lambda o: o.talent.employer)
    requested_by = factory.SubFactory(
        UserFactory, role="enterprise_clerk", organisation=factory.SelfAttribute("..organisation")
    )
    name = factory.LazyAttribute(lambda o: o.talent.name)
    occupation = factory.LazyAttribute(lambda o: o.talent.occupation)
    frontline = False


@dataclass
class ClaimSubjects:
    """One pending claim per organisation of the world, claimed by it for a talent of another province's
    organisation (so the claim's scope is its claiming organisation's)."""

    claims: dict


def claim_subjects(world) -> ClaimSubjects:
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    holders = {"own": world.org_other_province, "other_province": world.org}
    return ClaimSubjects(
        claims={
            key: RegistrationClaimFactory(
                organisation=org, talent=TalentFactory(employer=holders.get(key, world.org_other_province))
            )
            for key, org in organisations.items()
        }
    )
