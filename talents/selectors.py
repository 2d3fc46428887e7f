"""Reads of the registry, always limited to what the actor may see."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import scope_queryset
from talents.filters import RegistrationClaimFilter, TalentFilter
from talents.models import Credential, Honour, RegistrationClaim, Talent
from talents.rules import can_resolve_registration_claims

if TYPE_CHECKING:
    from accounts.models import User


def talent_list(*, actor: "User") -> QuerySet[Talent]:
    return scope_queryset(Talent.objects.with_registry_relations(), actor, "employer")


def talent_list_filtered(*, actor: "User", filters: Mapping) -> QuerySet[Talent]:
    """The registry page's and its export's rows: the actor's talents narrowed by the cleaned values of
    ``talents.filters.TalentFilter``."""
    return TalentFilter.apply(talent_list(actor=actor), filters)


def talent_get(*, actor: "User", pk) -> Talent:
    """404 for a talent outside the actor's scope: missing and forbidden look the same."""
    return get_object_or_404(talent_list(actor=actor), pk=pk)


def credential_list(*, actor: "User") -> QuerySet[Credential]:
    return scope_queryset(
        Credential.objects.select_related("talent", "skill_level", "title_level", "occupation", "title_series"),
        actor,
        "talent__employer",
    )


def credential_get(*, actor: "User", pk) -> Credential:
    return get_object_or_404(credential_list(actor=actor), pk=pk)


def honour_list(*, actor: "User") -> QuerySet[Honour]:
    return scope_queryset(Honour.objects.select_related("talent", "award"), actor, "talent__employer")


def honour_get(*, actor: "User", pk) -> Honour:
    return get_object_or_404(honour_list(actor=actor), pk=pk)


def registration_claim_list(*, actor: "User", filters: Mapping | None = None) -> QuerySet[RegistrationClaim]:
    """The claims of organisations in the official's scope (the queue); nothing for anyone else, clerks
    of the claiming organisation included (a claim would tell them the number is held elsewhere)."""
    if not can_resolve_registration_claims(actor):
        return RegistrationClaim.objects.none()
    claims = scope_queryset(
        RegistrationClaim.objects.select_related(
            "talent", "organisation__region", "previous_employer__region", "occupation", "requested_by", "resolved_by"
        ),
        actor,
        "organisation",
    )
    return RegistrationClaimFilter.apply(claims, filters or {}).order_by("-id")


def registration_claim_get(*, actor: "User", pk) -> RegistrationClaim:
    return get_object_or_404(registration_claim_list(actor=actor), pk=pk)


def registration_holder(*, id_number: str) -> Talent | None:
    """The record holding a number, for the registration service only (never shown to the clerk)."""
    return Talent.objects.filter(id_number=id_number).only("pk", "employer_id", "id_number").first()
