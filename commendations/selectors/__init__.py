"""Reads of campaigns, quotas and nominations, limited to what the actor may see (404 outside).

Campaigns: every signed-in user sees those of their region and above (national ones everyone, a
province's its users, a city's its users and the province's officials). Nominations follow the
organisation they belong to (``accounts.scoping.organisation_scope``).
"""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from commendations.models import Campaign, CampaignQuota
from commendations.scoping import campaign_scope

if TYPE_CHECKING:
    from accounts.models import User


def campaign_list(*, actor: "User") -> QuerySet[Campaign]:
    return Campaign.objects.filter(campaign_scope(actor)).select_related("award", "region", "criteria_rule_set")


def quota_list(*, actor: "User") -> QuerySet[CampaignQuota]:
    return CampaignQuota.objects.filter(campaign_scope(actor, "campaign")).select_related(
        "campaign__award", "region", "set_by"
    )


# Nominations: commendations/selectors/nominations.py (re-exported: the admin names this path).
from commendations.selectors.nominations import nomination_get, nomination_list  # noqa: E402

__all__ = ["campaign_list", "campaign_scope", "nomination_get", "nomination_list", "quota_list"]
