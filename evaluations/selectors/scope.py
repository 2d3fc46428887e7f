"""Which dossiers and rounds an actor may see (docs/roles.md): the one definition every page, export,
API and admin queryset of evaluations builds on."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.models import Region, Role
from accounts.scoping import NOTHING, organisation_scope, region_scope
from evaluations.models import Dossier, DossierStatus, Round

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# Experts see a dossier once it reaches assessment, and keep seeing it after their decision.
EXPERT_VISIBLE_STATUSES = (
    DossierStatus.IN_ASSESSMENT,
    DossierStatus.IN_COMMITTEE,
    DossierStatus.PASSED,
    DossierStatus.FAILED,
    DossierStatus.IN_PUBLICITY,
    DossierStatus.CERTIFIED,
)


def dossier_scope(actor: "User | AnonymousUser") -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.role == Role.EXPERT and not actor.is_superuser:
        return Q(round__committee__committeemember__expert=actor, status__in=EXPERT_VISIBLE_STATUSES)
    scope = organisation_scope(actor, "organisation")
    if actor.is_official and not actor.sees_everything:
        # Officials never see an enterprise's unsubmitted drafts.
        scope &= ~Q(status=DossierStatus.DRAFT)
    return scope


def dossiers_visible_to(actor: "User") -> QuerySet[Dossier]:
    return Dossier.objects.filter(dossier_scope(actor))


def round_scope(actor: "User | AnonymousUser") -> Q:
    """Rounds are announced publicly within their region: officials see their regions' (a city official
    the rounds of their province), clerks the rounds of their organisation's province plus their own
    self-evaluation rounds, experts the rounds of their committees."""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    if actor.role == Role.EXPERT:
        return Q(committee__committeemember__expert=actor)
    if actor.role == Role.ENTERPRISE_CLERK:
        if actor.organisation is None:
            return NOTHING
        province_id = actor.organisation.region.province_id
        return (
            Q(region_id=province_id, organiser_kind__in=["hr_department", "committee"])
            | Q(region__parent_id=province_id, organiser_kind__in=["hr_department", "committee"])
            | Q(organiser_id=actor.organisation_id)
        )
    if actor.role == Role.CITY_OFFICIAL:
        if actor.region is None:  # impossible for an official (accounts.User constraint): sees nothing
            return NOTHING
        return Q(region_id=actor.region_id) | Q(region_id=actor.region.parent_id)
    return Q(region__in=_regions(actor))


def _regions(actor: "User"):
    return Region.objects.filter(region_scope(actor))


def rounds_visible_to(actor: "User") -> QuerySet[Round]:
    return Round.objects.filter(round_scope(actor)).distinct()
