"""Writes of the commendations app, one module per area (docs/conventions.md §1)."""

from commendations.services.nominations import nomination_recommend
from commendations.services.quotas import quota_set

__all__ = ["nomination_recommend", "quota_set"]
