"""Reads of exports: only the requester reaches an export's page and file."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from exports.models import Export

if TYPE_CHECKING:
    from accounts.models import User


def export_get(*, actor: "User", pk) -> Export:
    return get_object_or_404(Export.objects.filter(requested_by=actor), pk=pk)


def exports_visible_to(*, actor: "User") -> QuerySet[Export]:
    """Admin: superusers see the whole ledger, other staff their own exports."""
    exports = Export.objects.select_related("requested_by")
    return exports if actor.is_superuser else exports.filter(requested_by=actor)
