"""Reads of campaigns and their quota tables, scoped to the actor (docs/commendations.md#campaigns).

Out of scope is 404, like missing (docs/conventions.md §3). The quota table is two queries whatever
the number of regions: the quota rows, and the places used counted once per organisation region.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import RegionLevel
from commendations.filters import CampaignFilter
from commendations.models import Campaign, CampaignQuota, Nomination, NominationStatus
from commendations.scoping import actor_region, campaign_scope

# A nomination takes one of its province's places from the provincial recommendation on (the statuses
# nomination_recommend counts under its lock).
PLACE_TAKING_STATUSES = (
    NominationStatus.PROVINCE_RECOMMENDED,
    NominationStatus.IN_EXPERT_REVIEW,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.CONFERRED,
)


def campaign_list(*, actor, filters: Mapping | None = None) -> QuerySet[Campaign]:
    """The actor's campaigns, newest year first (index ``campaign_year_pk``), narrowed by cleaned values
    of ``CampaignFilter``."""
    campaigns = (
        Campaign.objects.filter(campaign_scope(actor))
        .select_related("award", "region", "criteria_rule_set")
        .order_by("-year", "-pk")
    )
    return CampaignFilter.apply(campaigns, filters or {})


def campaign_get(*, actor, pk) -> Campaign:
    return get_object_or_404(campaign_list(actor=actor), pk=pk)


@dataclass(frozen=True)
class QuotaRow:
    region: object
    quota: int | None  # None: no quota set for this region yet
    used: int
    quota_row: CampaignQuota | None

    @property
    def left(self) -> int | None:
        return None if self.quota is None else max(self.quota - self.used, 0)


def _quota_region_scope(actor, campaign: Campaign) -> Q:
    """Which rows of the table the actor reads: all of them for the ministry and the campaign's own
    officials; otherwise the organising region's and those of the actor's province and its cities."""
    if actor.sees_everything:
        return Q()
    region = actor_region(actor)
    visible = Q(region_id=campaign.region_id)
    if region is not None and region.level != RegionLevel.NATIONAL:
        province_id = region.province_id
        if province_id == campaign.region_id or region.pk == campaign.region_id:
            return Q()
        visible |= Q(region_id=province_id) | Q(region__parent_id=province_id)
    return visible


def campaign_quota_table(*, actor, campaign: Campaign) -> list[QuotaRow]:
    """Each region's quota with its places used (nominations recommended by the province or further
    along, by the organisations in the region or under it) and left, in region-code order."""
    quotas = list(
        CampaignQuota.objects.filter(campaign=campaign)
        .filter(_quota_region_scope(actor, campaign))
        .select_related("region")
        .order_by("region__code")
    )
    used_by_region: dict[int, int] = {}
    total = 0
    if quotas:
        counts = (
            Nomination.objects.filter(campaign=campaign, status__in=PLACE_TAKING_STATUSES)
            .values("organisation__region_id", "organisation__region__parent_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in counts:
            total += row["n"]
            for region_id in (row["organisation__region_id"], row["organisation__region__parent_id"]):
                if region_id is not None:
                    used_by_region[region_id] = used_by_region.get(region_id, 0) + row["n"]
    rows = []
    for quota in quotas:
        used = total if quota.region.level == RegionLevel.NATIONAL else used_by_region.get(quota.region_id, 0)
        rows.append(QuotaRow(region=quota.region, quota=quota.quota, used=used, quota_row=quota))
    return rows
