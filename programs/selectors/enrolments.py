"""Reads of enrolments: those of talents in the actor's scope, and all of the activities the actor manages."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import NOTHING, organisation_scope
from programs.filters import EnrolmentFilter
from programs.models import Activity, Enrolment
from programs.rules import managed_activities
from programs.selectors.activities import activity_list
from programs.selectors.scope import sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def enrolment_visibility(actor: "User | AnonymousUser") -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if sees_everything(actor):
        return Q()  # (an empty Q is "everything" alone, but vanishes when OR-ed with another)
    talents = organisation_scope(actor, "talent__employer")
    managed = managed_activities(actor, "activity")
    if talents == NOTHING:
        return managed
    if managed == NOTHING:
        return talents
    return talents | managed


def enrolment_list(*, actor: "User", filters: Mapping | None = None) -> QuerySet[Enrolment]:
    """The enrolments the actor sees, narrowed by the list's cleaned filter values (``EnrolmentFilter``)."""
    enrolments = Enrolment.objects.select_related(
        "activity", "talent__employer__region", "talent__occupation", "enrolled_by"
    ).filter(enrolment_visibility(actor))
    return EnrolmentFilter.apply(enrolments, filters or {})


def enrolment_get(*, actor: "User", pk) -> Enrolment:
    return get_object_or_404(enrolment_list(actor=actor), pk=pk)


def activity_enrolments(*, actor: "User", activity: Activity) -> QuerySet[Enrolment]:
    return enrolment_list(actor=actor).filter(activity=activity)


def activity_enrolment_list(
    *, actor: "User", activity: Activity, filters: Mapping | None = None
) -> QuerySet[Enrolment]:
    """The enrolments an activity's page lists to the actor (narrowed by the cleaned ``EnrolmentFilter``
    values), in the page's order."""
    return enrolment_list(actor=actor, filters=filters).filter(activity=activity).order_by("talent__name", "pk")


def activity_enrolment_export_list(*, actor: "User", filters: Mapping) -> QuerySet[Enrolment]:
    """An activity's enrolments as its page lists them, for the activity named by the cleaned ``activity``
    filter (the export's parameter): nothing when it is missing or outside the actor's scope, as the
    activity's page is then a 404."""
    pk = filters.get("activity")
    if pk is None:
        return Enrolment.objects.none()
    return (
        enrolment_list(actor=actor, filters=filters)
        .filter(activity__in=activity_list(actor=actor).filter(pk=pk).values("pk"))
        .order_by("talent__name", "pk")
    )
