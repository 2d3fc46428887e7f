"""What may this user see: the organisation-based scope every selector builds on (docs/roles.md).

Selectors call ``organisation_scope`` with the path from their model to the owning organisation,
so HTML views, API, exports and admin querysets share one definition of scope.
"""

from django.db.models import Q, QuerySet

from accounts.models import Role

NOTHING = Q(pk__in=[])


def organisation_scope(actor, path: str = "") -> Q:
    """A filter for rows whose organisation (reached through ``path``) the actor may see."""
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    if actor.role == Role.ENTERPRISE_CLERK:
        return Q(**{f"{prefix}id": actor.organisation_id})
    if actor.role == Role.CITY_OFFICIAL:
        return Q(**{f"{prefix}region_id": actor.region_id})
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        # A province sees organisations directly under it and those of its cities.
        return Q(**{f"{prefix}region_id": actor.region_id}) | Q(**{f"{prefix}region__parent_id": actor.region_id})
    # Experts see registry data only through the dossiers assigned to them.
    return NOTHING


def scope_queryset(queryset: QuerySet, actor, path: str = "") -> QuerySet:
    return queryset.filter(organisation_scope(actor, path))


def region_scope(actor) -> Q:
    """Regions an official works on: their own and, for a province, its cities."""
    if actor.sees_everything:
        return Q()
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(pk=actor.region_id) | Q(parent_id=actor.region_id)
    if actor.role == Role.CITY_OFFICIAL:
        return Q(pk=actor.region_id)
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id:
        return Q(pk=actor.organisation.region_id)
    return NOTHING
