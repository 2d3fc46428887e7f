"""Who may do what with campaigns and quotas (permission predicates; services enforce them)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import RegionLevel, Role

ONLY_QUOTA_SETTERS = _(
    "Only the officials of the campaign's organising region (or, for a province's cities, of that province) "
    "may set its quotas."
)


def can_set_quota(actor, campaign, region) -> bool:
    """A national campaign's province quotas: national officials; a province's city quotas (of a
    national or a provincial campaign): that province's officials."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if region.level == RegionLevel.PROVINCE:
        return actor.role == Role.NATIONAL_OFFICIAL and campaign.region.level == RegionLevel.NATIONAL
    if region.level == RegionLevel.CITY:
        if actor.role == Role.NATIONAL_OFFICIAL:
            return True
        return actor.role == Role.PROVINCIAL_OFFICIAL and actor.region_id == region.parent_id
    if region.level == RegionLevel.NATIONAL:
        return actor.role == Role.NATIONAL_OFFICIAL and campaign.region_id == region.pk
    return False
