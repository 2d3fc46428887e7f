"""Reads of regional targets: officials see their own region, the regions under it and those above it."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Region, RegionLevel, Role
from accounts.scoping import NOTHING
from programs.models import RegionalTarget
from programs.selectors.scope import parent_region_ids, sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def target_visibility(actor: "User | AnonymousUser") -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if sees_everything(actor):
        return Q()
    national = Q(region__level=RegionLevel.NATIONAL)
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return national | Q(region_id=actor.region_id) | Q(region__parent_id=actor.region_id)
    if actor.role == Role.CITY_OFFICIAL:
        return national | Q(region_id=actor.region_id) | Q(region_id__in=parent_region_ids(actor))
    return NOTHING


def target_list(*, actor: "User") -> QuerySet[RegionalTarget]:
    return RegionalTarget.objects.select_related("plan", "region__parent").filter(target_visibility(actor))


def target_get(*, actor: "User", pk) -> RegionalTarget:
    return get_object_or_404(target_list(actor=actor), pk=pk)


def target_split_regions(*, actor: "User", plan, metric: str, region_code: str | None) -> tuple[Region, list, dict]:
    """The region whose target the actor splits (the nation, or the actor's province; the ministry may
    pick a province), the regions under it, and the current targets by region id. Which of them the actor
    may set is the view's question (``programs.rules.can_set_target_for``)."""
    if region_code and sees_everything(actor):
        parent = get_object_or_404(Region.objects.exclude(level=RegionLevel.CITY), code=region_code)
    elif sees_everything(actor):
        parent = Region.objects.get(level=RegionLevel.NATIONAL)
    else:
        assert actor.region is not None  # the other target setters are officials, bound to a region
        parent = actor.region
    children = list(Region.objects.filter(parent=parent).order_by("code"))
    values = dict(
        RegionalTarget.objects.filter(plan=plan, metric=metric, region__in=[parent, *children]).values_list(
            "region_id", "target"
        )
    )
    return parent, children, values


def target_children(*, target: RegionalTarget) -> QuerySet[RegionalTarget]:
    """The targets one level down (provinces under the nation, cities under a province)."""
    return RegionalTarget.objects.filter(
        plan_id=target.plan_id, metric=target.metric, region__parent_id=target.region_id
    ).select_related("region")
