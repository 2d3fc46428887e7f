"""Reads of activities: the actor's region chain (a Guangzhou clerk sees Guangzhou, Guangdong and
national activities), officials also the regions under them, organisers their own.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from accounts.models import Organisation, RegionLevel, Role
from accounts.scoping import NOTHING
from programs.filters import ActivityFilter
from programs.models import Activity, ActivityStatus
from programs.rules import managed_activities
from programs.selectors.scope import parent_region_ids, sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def activity_visibility(actor: "User | AnonymousUser", path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if sees_everything(actor):
        return Q()
    national = Q(**{f"{prefix}region__level": RegionLevel.NATIONAL})
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id:
        own_org = Organisation.objects.filter(pk=actor.organisation_id)
        return (
            national
            | Q(**{f"{prefix}organiser_id": actor.organisation_id})
            | Q(**{f"{prefix}region_id__in": own_org.values("region_id")})
            | Q(**{f"{prefix}region_id__in": own_org.values("region__parent_id")})
        )
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return (
            national
            | Q(**{f"{prefix}region_id": actor.region_id})
            | Q(**{f"{prefix}region__parent_id": actor.region_id})
        )
    if actor.role == Role.CITY_OFFICIAL:
        return (
            national
            | Q(**{f"{prefix}region_id": actor.region_id})
            | Q(**{f"{prefix}region_id__in": parent_region_ids(actor)})
        )
    return NOTHING


def activity_list(*, actor: "User", filters: Mapping | None = None) -> QuerySet[Activity]:
    """The activities the actor sees, narrowed by the list's cleaned filter values (``ActivityFilter``).

    ``managed_by_actor`` (an alias, computed only when a filter asks for it) is what the filter "only
    activities I manage" reads.
    """
    activities = (
        Activity.objects.with_relations()
        .filter(activity_visibility(actor))
        .alias(managed_by_actor=_managed_flag(actor))
    )
    return ActivityFilter.apply(activities, filters or {})


def _managed_flag(actor: "User"):
    condition = managed_activities(actor)
    if condition == Q():
        return Value(True)
    if condition == NOTHING:
        return Value(False)
    return ExpressionWrapper(condition, output_field=BooleanField())


def activity_get(*, actor: "User", pk) -> Activity:
    return get_object_or_404(activity_list(actor=actor), pk=pk)


def activity_managed_list(*, actor: "User") -> QuerySet[Activity]:
    return Activity.objects.with_relations().filter(managed_activities(actor))


def activity_public_get(*, pk) -> Activity:
    """The public face of an activity (its page with published answers); cancelled ones are gone."""
    return get_object_or_404(Activity.objects.with_relations().exclude(status=ActivityStatus.CANCELLED), pk=pk)
