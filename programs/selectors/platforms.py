"""Reads of platforms: by the host organisation's scope."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import organisation_scope
from programs.filters import PlatformFilter
from programs.models import Platform

if TYPE_CHECKING:
    from accounts.models import User


def platform_list(*, actor: "User", filters: Mapping | None = None) -> QuerySet[Platform]:
    """The platforms the actor sees, narrowed by the list's cleaned filter values (``PlatformFilter``)."""
    platforms = (
        Platform.objects.with_relations().select_related("host__region").filter(organisation_scope(actor, "host"))
    )
    return PlatformFilter.apply(platforms, filters or {})


def platform_page_list(*, actor: "User", filters: Mapping) -> QuerySet[Platform]:
    """The platform list page's rows in its order, shared with its xlsx export."""
    return platform_list(actor=actor, filters=filters).order_by("kind", "name", "pk")


def platform_get(*, actor: "User", pk) -> Platform:
    return get_object_or_404(platform_list(actor=actor), pk=pk)
