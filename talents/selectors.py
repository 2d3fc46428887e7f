"""Reads of the registry, always limited to what the actor may see."""

from collections.abc import Mapping

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import scope_queryset
from talents.filters import TalentFilter
from talents.models import Credential, Honour, Talent


def talent_list(*, actor) -> QuerySet[Talent]:
    return scope_queryset(Talent.objects.with_registry_relations(), actor, "employer")


def talent_list_filtered(*, actor, filters: Mapping) -> QuerySet[Talent]:
    """The registry page's and its export's rows: the actor's talents narrowed by the cleaned values of
    ``talents.filters.TalentFilter``."""
    return TalentFilter.apply(talent_list(actor=actor), filters)


def talent_get(*, actor, pk) -> Talent:
    """404 for a talent outside the actor's scope: missing and forbidden look the same."""
    return get_object_or_404(talent_list(actor=actor), pk=pk)


def credential_list(*, actor) -> QuerySet[Credential]:
    return scope_queryset(
        Credential.objects.select_related("talent", "skill_level", "title_level", "occupation", "title_series"),
        actor,
        "talent__employer",
    )


def credential_get(*, actor, pk) -> Credential:
    return get_object_or_404(credential_list(actor=actor), pk=pk)


def honour_list(*, actor) -> QuerySet[Honour]:
    return scope_queryset(Honour.objects.select_related("talent", "award"), actor, "talent__employer")


def honour_get(*, actor, pk) -> Honour:
    return get_object_or_404(honour_list(actor=actor), pk=pk)
