"""Which campaigns a user sees (docs/commendations.md#who-sees-which-campaign), as a ``Q``: below the
selectors and the filters, which both need it (the filters may not import the selectors, whose
nominations module imports the filters)."""

from typing import TYPE_CHECKING

from django.db.models import Q

from accounts.models import RegionLevel, Role
from accounts.scoping import NOTHING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def actor_region(actor: "User"):
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
    region = actor_region(actor)
    if region is not None and region.level != RegionLevel.NATIONAL:
        visible |= Q(**{f"{prefix}region_id": region.pk})
        if region.parent_id and region.level == RegionLevel.CITY:
            visible |= Q(**{f"{prefix}region_id": region.parent_id})
        if actor.role == Role.PROVINCIAL_OFFICIAL and region.level == RegionLevel.PROVINCE:
            visible |= Q(**{f"{prefix}region__parent_id": region.pk})
    return visible
