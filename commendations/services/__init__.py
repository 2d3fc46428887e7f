"""Writes of the commendations app, one module per area (docs/conventions.md §1)."""

from commendations.services.campaigns import campaign_close, campaign_conclude, campaign_create, campaign_update
from commendations.services.nominations import nomination_recommend
from commendations.services.quotas import quota_set

__all__ = [
    "campaign_close",
    "campaign_conclude",
    "campaign_create",
    "campaign_update",
    "nomination_recommend",
    "quota_set",
]
