"""Writes of campaign quotas: a region's children never hold more places than the region itself.

The arithmetic is the plan targets' (``accounts.quotas``); the parent quota row is locked
(``of=("self",)``) while the siblings are summed, so concurrent splits are serialised.
"""

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import RegionLevel
from accounts.quotas import below_children, exceeds_parent, room_left
from accounts.services import audit_record, full_clean_or_raise
from commendations.models import Campaign, CampaignQuota
from commendations.rules import ONLY_QUOTA_SETTERS, can_set_quota

if TYPE_CHECKING:
    from accounts.models import User


def _sum(queryset) -> int:
    return queryset.aggregate(total=Sum("quota"))["total"] or 0


def _within(region, organising) -> bool:
    """The organising region itself, a region under it, or (a national campaign) any city."""
    if region.pk == organising.pk or region.parent_id == organising.pk:
        return True
    return organising.level == RegionLevel.NATIONAL and region.level == RegionLevel.CITY


@transaction.atomic
def quota_set(*, actor: "User", campaign: Campaign, region, quota: int, request=None) -> CampaignQuota:
    """Create or change one region's quota; below the organising region, its parent's quota bounds
    the sum of its children's."""
    if not can_set_quota(actor, campaign, region):
        raise PermissionDeniedError(ONLY_QUOTA_SETTERS)
    try:
        quota = int(quota)
    except (TypeError, ValueError):
        quota = -1
    if quota < 0:
        raise ApplicationError(_("A quota is a whole number, zero or more."), field="quota")
    if not _within(region, campaign.region):
        raise ApplicationError(
            _("%(region)s is not within %(campaign_region)s, which organises this campaign.")
            % {"region": region, "campaign_region": campaign.region},
            code="region_outside_campaign",
            field="region",
        )
    if region.pk != campaign.region_id:
        parent = (
            CampaignQuota.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, region_id=region.parent_id)
            .first()
        )
        if parent is None:
            raise ApplicationError(
                _("Set the quota of %(parent)s for this campaign first.") % {"parent": region.parent},
                code="no_parent_quota",
                field="region",
            )
        siblings = _sum(
            CampaignQuota.objects.filter(campaign=campaign, region__parent_id=region.parent_id).exclude(region=region)
        )
        if exceeds_parent(amount=quota, siblings=siblings, parent=parent.quota):
            raise ApplicationError(
                _(
                    "The quotas of the regions under %(parent)s would add up to %(total)d, more than its "
                    "quota of %(limit)d; at most %(left)d is left for %(region)s."
                )
                % {
                    "parent": region.parent,
                    "total": siblings + quota,
                    "limit": parent.quota,
                    "left": room_left(parent=parent.quota, siblings=siblings),
                    "region": region,
                },
                code="exceeds_parent_quota",
                field="quota",
            )
    existing = CampaignQuota.objects.select_for_update(of=("self",)).filter(campaign=campaign, region=region).first()
    children = _sum(CampaignQuota.objects.filter(campaign=campaign, region__parent_id=region.pk))
    if below_children(amount=quota, children=children):
        raise ApplicationError(
            _("The regions under %(region)s already hold %(total)d places; the quota cannot be lower than that.")
            % {"region": region, "total": children},
            code="below_children_quotas",
            field="quota",
        )
    before = existing.quota if existing else None
    if existing is None:
        row = CampaignQuota(campaign=campaign, region=region, quota=quota, set_by=actor)
        full_clean_or_raise(row, validate_unique=False)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:
            raise ApplicationError(
                _("This quota was set by someone else meanwhile; reload and try again."), code="conflict", status=409
            ) from error
    else:
        row = existing
        if row.quota == quota:
            return row
        row.quota, row.set_by = quota, actor
        row.save(update_fields=["quota", "set_by", "updated_at"])
    audit_record(
        actor=actor,
        obj=row,
        action="quota_set",
        from_state="" if before is None else str(before),
        to_state=str(quota),
        request=request,
    )
    return row
