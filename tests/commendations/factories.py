"""Factories for campaigns, quotas and nominations."""

import datetime
from dataclasses import dataclass

import factory

from catalogues.models import Award
from commendations.models import Campaign, CampaignQuota, Nomination, NomineeKind
from tests.accounts.factories import UserFactory, region
from tests.talents.factories import TalentFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    award = factory.LazyFunction(lambda: Award.objects.order_by("pk").first())
    year = 2026
    region = factory.LazyFunction(lambda: region("440000"))
    nominee_kind = NomineeKind.INDIVIDUAL
    opens_on = datetime.date(2026, 11, 2)
    closes_on = datetime.date(2026, 12, 31)


class CampaignQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignQuota

    campaign = factory.SubFactory(CampaignFactory)
    region = factory.LazyFunction(lambda: region("440100"))
    quota = 3


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    campaign = factory.SubFactory(CampaignFactory)
    talent = factory.SubFactory(TalentFactory)
    organisation = factory.LazyAttribute(lambda o: o.talent.employer)
    nominated_by = factory.LazyAttribute(lambda o: UserFactory(organisation=o.organisation))
    achievements = "主持完成关键零件加工工艺改进。"


@dataclass
class CampaignSubjects:
    """A Guangdong provincial campaign (every Guangdong user's) and a Jiangsu one, keyed like the world's
    foreign levels: own, other_org and other_city are the Guangdong campaign, other_province Jiangsu's."""

    campaigns: dict


def campaign_subjects(world) -> CampaignSubjects:
    award = Award.objects.get(code="provincial_technical_expert")
    guangdong = CampaignFactory(region=region("440000"), award=award, created_by=world.provincial_official)
    jiangsu = CampaignFactory(region=region("320000"), award=award, created_by=world.provincial_official_other)
    return CampaignSubjects(
        campaigns={"own": guangdong, "other_org": guangdong, "other_city": guangdong, "other_province": jiangsu}
    )


# Nominations (the nom area): an open campaign around today with criteria, a nominable talent.


def open_campaign(**kwargs) -> Campaign:
    """A Guangdong campaign taking nominations today (criteria: technician or above, by default)."""
    from django.utils import timezone

    from tests.eligibility.factories import default_rule_set

    today = timezone.localdate()
    kwargs.setdefault("region", region("440000"))
    kwargs.setdefault("opens_on", today - datetime.timedelta(days=10))
    kwargs.setdefault("closes_on", today + datetime.timedelta(days=10))
    kwargs.setdefault("criteria_rule_set", default_rule_set())
    kwargs.setdefault("criteria_clauses", ["R9.technician"])
    return CampaignFactory(**kwargs)


def technician(employer, **kwargs):
    """A talent of ``employer`` holding skill level technician (meets the default criteria)."""
    from tests.talents.factories import CredentialFactory

    talent = TalentFactory(employer=employer, **kwargs)
    CredentialFactory(talent=talent)
    return talent


# Public notice and conferral (area "pub").


def green_channel_campaign(**kwargs) -> Campaign:
    """A Guangdong campaign for National Technical Expert, an R1(a) green-channel award."""
    from tests.talents.factories import catalogue

    kwargs.setdefault("award", catalogue(Award, "national_technical_expert"))
    return CampaignFactory(**kwargs)


def nomination_in_review(world, campaign=None, **kwargs) -> Nomination:
    """A Guangzhou enterprise's talent in expert review, nominated by the world's clerk; the committee has
    passed it (``review_passed``), so it may go into the public notice (docs/commendations.md)."""
    from commendations.models import NominationStatus

    organisation = kwargs.pop("organisation", world.org)
    if "talent" not in kwargs:
        talent_fields = {k[len("talent__") :]: kwargs.pop(k) for k in list(kwargs) if k.startswith("talent__")}
        kwargs["talent"] = TalentFactory(employer=organisation, **talent_fields)
    kwargs.setdefault("status", NominationStatus.IN_EXPERT_REVIEW)
    kwargs.setdefault("review_passed", True)
    return NominationFactory(
        campaign=campaign or green_channel_campaign(), organisation=organisation, nominated_by=world.clerk, **kwargs
    )
