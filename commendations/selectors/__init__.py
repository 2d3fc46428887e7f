"""Reads of campaigns, quotas and nominations, limited to what the actor may see (404 outside).

Campaigns: every signed-in user sees those of their region and above (national ones everyone, a
province's its users, a city's its users and the province's officials). Nominations follow the
organisation they belong to (``accounts.scoping.organisation_scope``).
"""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.models import RegionLevel, Role
from accounts.scoping import NOTHING
from commendations.models import Campaign, CampaignQuota

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _actor_region(actor: "User"):
    """The region a user belongs to: an official's own, a clerk's or an expert's organisation's."""
    if actor.region_id and actor.region is not None:
        return actor.region
    if actor.organisation_id and actor.organisation is not None:
        return actor.organisation.region
    return None


def campaign_scope(actor: "User | AnonymousUser", path: str = "") -> Q:
    """Campaigns of the actor's region and above (docs/commendations.md#who-sees-which-campaign); a
    provincial official also sees the city-level campaigns of the province's cities."""
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    visible = Q(**{f"{prefix}region__level": RegionLevel.NATIONAL})
    region = _actor_region(actor)
    if region is not None and region.level != RegionLevel.NATIONAL:
        visible |= Q(**{f"{prefix}region_id": region.pk})
        if region.parent_id and region.level == RegionLevel.CITY:
            visible |= Q(**{f"{prefix}region_id": region.parent_id})
        if actor.role == Role.PROVINCIAL_OFFICIAL and region.level == RegionLevel.PROVINCE:
            visible |= Q(**{f"{prefix}region__parent_id": region.pk})
    return visible


def campaign_list(*, actor: "User") -> QuerySet[Campaign]:
    return Campaign.objects.filter(campaign_scope(actor)).select_related("award", "region", "criteria_rule_set")


def quota_list(*, actor: "User") -> QuerySet[CampaignQuota]:
    return CampaignQuota.objects.filter(campaign_scope(actor, "campaign")).select_related(
        "campaign__award", "region", "set_by"
    )


# Nominations: commendations/selectors/nominations.py (re-exported: the admin names this path).
from commendations.selectors.nominations import nomination_get, nomination_list  # noqa: E402

__all__ = ["campaign_list", "campaign_scope", "nomination_get", "nomination_list", "quota_list"]
