"""Writes of the commendations app, one module per area (docs/conventions.md §1)."""

from commendations.services.campaigns import campaign_close, campaign_conclude, campaign_create, campaign_update
from commendations.services.nominations import (
    nomination_create,
    nomination_recommend,
    nomination_reject,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from commendations.services.quotas import quota_set

__all__ = [
    "campaign_close",
    "campaign_conclude",
    "campaign_create",
    "campaign_update",
    "nomination_create",
    "nomination_recommend",
    "nomination_reject",
    "nomination_return",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "quota_set",
]
