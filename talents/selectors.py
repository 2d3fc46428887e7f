"""Reads of the registry, always limited to what the actor may see."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import scope_queryset
from talents.filters import TalentFilter
from talents.models import Credential, Honour, Talent

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
