"""Reads of campaigns, quotas and nominations, limited to what the actor may see (404 outside).

Campaigns: national ones are visible to every signed-in user, a province's to the users of that
province (its officials, its cities' officials, its organisations' clerks). Nominations follow the
organisation they belong to (``accounts.scoping.organisation_scope``).
"""

from django.db.models import Q, QuerySet

from accounts.models import RegionLevel, Role
from accounts.scoping import NOTHING, organisation_scope
from commendations.models import Campaign, CampaignQuota, Nomination


def _actor_province_id(actor) -> int | None:
    if actor.role in (Role.PROVINCIAL_OFFICIAL, Role.CITY_OFFICIAL) and actor.region_id:
        return actor.region.province_id
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id:
        return actor.organisation.region.province_id
    return None


def campaign_scope(actor, path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    visible = Q(**{f"{prefix}region__level": RegionLevel.NATIONAL})
    province_id = _actor_province_id(actor)
    if province_id is not None:
        visible |= Q(**{f"{prefix}region_id": province_id})
    return visible


def campaign_list(*, actor) -> QuerySet[Campaign]:
    return Campaign.objects.filter(campaign_scope(actor)).select_related("award", "region", "criteria_rule_set")


def quota_list(*, actor) -> QuerySet[CampaignQuota]:
    return CampaignQuota.objects.filter(campaign_scope(actor, "campaign")).select_related(
        "campaign__award", "region", "set_by"
    )


def nomination_list(*, actor) -> QuerySet[Nomination]:
    return Nomination.objects.filter(organisation_scope(actor, "organisation")).select_related(
        "campaign__award", "talent", "nominee_organisation", "organisation", "nominated_by"
    )
