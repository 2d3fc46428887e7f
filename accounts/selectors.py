"""Reads of regions, organisations, users and the audit log, limited to what the actor may see."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.models import AuditLog, Organisation, Region, Role, User
from accounts.scoping import NOTHING, organisation_scope

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def region_list(*, actor: User) -> QuerySet[Region]:
    """Regions are a public catalogue: every signed-in user may read them."""
    return Region.objects.select_related("parent")


def organisation_list(*, actor: User) -> QuerySet[Organisation]:
    return Organisation.objects.select_related("region").filter(organisation_scope(actor))


def user_list(*, actor: User) -> QuerySet[User]:
    """Accounts an administrator or official may look at: those of organisations and regions in scope."""
    if actor.sees_everything:
        return User.objects.select_related("organisation", "region")
    if not actor.is_official:
        return User.objects.filter(pk=actor.pk)
    regions = Q(region_id=actor.region_id)
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        regions |= Q(region__parent_id=actor.region_id)
    return User.objects.select_related("organisation", "region").filter(
        Q(organisation__in=organisation_list(actor=actor)) | regions
    )


def audit_log_list(*, actor: "User | AnonymousUser") -> QuerySet[AuditLog]:
    """The whole log is for administrators and national officials; others see entries about themselves."""
    if actor.is_authenticated and actor.sees_everything:
        return AuditLog.objects.select_related("content_type")
    return AuditLog.objects.filter(actor=actor) if actor.is_authenticated else AuditLog.objects.filter(NOTHING)


def audit_trail_for(obj) -> QuerySet[AuditLog]:
    """The trail of one object; callers have already checked that the actor may see the object."""
    return AuditLog.objects.for_object(obj).select_related("actor__organisation", "actor__region")
