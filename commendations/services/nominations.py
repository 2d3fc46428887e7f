"""Writes of nominations (docs/commendations.md#nominations): every state change goes through
``workflow.transition`` with the nomination workflow table (commendations/workflow.py)."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

import workflow
from accounts.errors import ApplicationError
from commendations.models import CampaignQuota, Nomination, NominationStatus
from commendations.workflow import NOMINATION_WORKFLOW

if TYPE_CHECKING:
    from accounts.models import User

# Places a province has used: its nominations recommended by the province or further along.
_USING_A_PLACE = (
    NominationStatus.PROVINCE_RECOMMENDED,
    NominationStatus.IN_EXPERT_REVIEW,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.CONFERRED,
)


@transaction.atomic
def nomination_recommend(*, actor: "User", nomination: Nomination, comment: str = "", request=None) -> Nomination:
    """Recommend a nomination one level up. The province's recommendation takes one of its places:
    the province's quota row is locked first, so two officials taking the last place at the same
    moment are serialised and the second is refused (409)."""
    edge = workflow.edge_for(NOMINATION_WORKFLOW, nomination, "recommend")
    if edge is not None and edge.target == NominationStatus.PROVINCE_RECOMMENDED:
        province_id = nomination.organisation.region.province_id
        quota = (
            CampaignQuota.objects.select_for_update(of=("self",))
            # A national organisation (province_id None) matches no row: refused below as no_quota.
            .filter(campaign_id=nomination.campaign_id, region_id=province_id)  # type: ignore[misc]
            .first()
        )
        if quota is None:
            raise ApplicationError(
                _("This campaign has no quota for your province: no nomination can be recommended."),
                code="no_quota",
                status=409,
            )
        used = (
            Nomination.objects.filter(campaign_id=nomination.campaign_id, status__in=_USING_A_PLACE)
            .filter(Q(organisation__region_id=province_id) | Q(organisation__region__parent_id=province_id))
            .count()
        )
        if used >= quota.quota:
            raise ApplicationError(
                _("Your province's quota of %(quota)d places for this campaign is used up.") % {"quota": quota.quota},
                code="quota_exhausted",
                status=409,
            )
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="recommend", comment=comment, request=request
    )
