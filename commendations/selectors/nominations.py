"""Reads of nominations (docs/commendations.md#nominations), limited to what the actor may see; an
out-of-scope nomination answers 404 like a missing one.

Scope: a clerk sees their organisation's nominations, a city official their city's, a provincial
official their province's (its cities' and the organisations directly under it); the ministry sees
the nominations of national campaigns (a province's own campaign stays the province's business); the
administrator sees all.
"""

from collections.abc import Mapping

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import RegionLevel, Role
from accounts.scoping import NOTHING, organisation_scope
from accounts.todo import TodoFigure, todo_figures
from commendations.filters import NominationFilter
from commendations.models import Nomination, NominationAttachment, NominationStatus


def nomination_scope(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.is_superuser or actor.role == Role.ADMIN:
        return Q()
    if actor.role == Role.NATIONAL_OFFICIAL:
        return Q(campaign__region__level=RegionLevel.NATIONAL)
    return organisation_scope(actor, "organisation")


def nominations_visible_to(actor) -> QuerySet[Nomination]:
    return Nomination.objects.filter(nomination_scope(actor))


def nomination_list(*, actor, filters: Mapping | None = None) -> QuerySet[Nomination]:
    """The nomination list (page, export, API): newest first, with what the rows show joined."""
    queryset = (
        nominations_visible_to(actor)
        .select_related(
            "campaign__award",
            "campaign__region",
            "talent",
            "nominee_organisation",
            "organisation__region",
            "nominated_by",
        )
        .order_by("-created_at", "-pk")
    )
    return NominationFilter.apply(queryset, filters or {})


def awaiting(actor) -> Q:
    """The nominations whose next step is this official's: a city's submitted ones; a province's
    city-recommended ones and the submitted ones of organisations directly under it."""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.role == Role.CITY_OFFICIAL:
        return Q(status=NominationStatus.SUBMITTED, organisation__region__level=RegionLevel.CITY)
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(status=NominationStatus.CITY_RECOMMENDED) | Q(
            status=NominationStatus.SUBMITTED, organisation__region__level=RegionLevel.PROVINCE
        )
    return NOTHING


def nomination_queue(*, actor, filters: Mapping | None = None) -> QuerySet[Nomination]:
    """The "to recommend" queue of city and provincial officials: first submitted first."""
    return nomination_list(actor=actor, filters=filters).filter(awaiting(actor)).order_by("submitted_at", "pk")


def nomination_todo(*, actor) -> dict[str, TodoFigure]:
    """The dashboard's nomination to-dos, one query: those awaiting this official's recommendation, or the
    clerk's organisation's nominations returned for revision; each waits since its last step."""
    if actor.role in (Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL):
        conditions = {"nominations_to_recommend": (awaiting(actor), "updated_at")}
    elif actor.role == Role.ENTERPRISE_CLERK:
        conditions = {"nominations_returned": (Q(status=NominationStatus.RETURNED), "updated_at")}
    else:
        return {}
    return todo_figures(nominations_visible_to(actor), conditions)


def nomination_get(*, actor, pk) -> Nomination:
    return get_object_or_404(
        nominations_visible_to(actor).select_related(
            "campaign__award",
            "campaign__region",
            "campaign__criteria_rule_set",
            "talent__employer",
            "talent__occupation",
            "nominee_organisation",
            "organisation__region",
            "nominated_by__organisation",
            "nominated_by__region",
        ),
        pk=pk,
    )


def nomination_attachments(*, nomination: Nomination) -> QuerySet[NominationAttachment]:
    """The current (not removed) attachments of a nomination the caller may see."""
    return NominationAttachment.objects.filter(nomination=nomination, removed_at__isnull=True).order_by(
        "uploaded_at", "pk"
    )


def nomination_attachment_get(*, actor, pk) -> NominationAttachment:
    return get_object_or_404(
        NominationAttachment.objects.filter(nomination__in=nominations_visible_to(actor).values("pk")).select_related(
            "nomination"
        ),
        pk=pk,
    )
