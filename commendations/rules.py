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


# The nomination workflow's predicates (commendations/workflow.py). ``actor`` None is the portal itself.


def _active(actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.is_active


def is_system(actor) -> bool:
    return actor is None


def needs_city_review(nomination) -> bool:
    """Organisations directly under a province skip the city, as dossiers do."""
    return nomination.organisation.region.level == RegionLevel.CITY


def is_clerk_of(actor, nomination) -> bool:
    return (
        _active(actor) and actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id == nomination.organisation_id
    )


def is_city_official_for(actor, nomination) -> bool:
    return (
        _active(actor)
        and actor.role == Role.CITY_OFFICIAL
        and actor.region_id == nomination.organisation.region_id
        and needs_city_review(nomination)
    )


def is_provincial_official_for(actor, nomination) -> bool:
    return (
        _active(actor)
        and actor.role == Role.PROVINCIAL_OFFICIAL
        and actor.region_id == nomination.organisation.region.province_id
    )


def is_nominating_side(actor, nomination) -> bool:
    """Who may put a nomination forward: a clerk of the nominee's organisation, or its city's official."""
    return is_clerk_of(actor, nomination) or is_city_official_for(actor, nomination)


def is_nominator(actor, nomination) -> bool:
    return _active(actor) and actor.pk == nomination.nominated_by_id


def is_campaign_official(actor, nomination) -> bool:
    """The officials of the campaign's organising region: the ministry's for a national campaign,
    the province's for a provincial one."""
    if not _active(actor):
        return False
    region = nomination.campaign.region
    if region.level == RegionLevel.NATIONAL:
        return actor.role == Role.NATIONAL_OFFICIAL
    return actor.role == Role.PROVINCIAL_OFFICIAL and actor.region_id == region.pk


# Public notice, conferral and the honours roll (docs/commendations.md#public-notice-and-objections).

ONLY_CAMPAIGN_OFFICIALS = _(
    "Only the officials of the campaign's organising region (the ministry for a national campaign, the "
    "province for a provincial one) may do this."
)
NO_HONOURS_ROLL = _("The honours roll is for officials.")


def is_official_of_campaign(actor, campaign) -> bool:
    """``is_campaign_official`` for a campaign rather than one of its nominations."""
    if not _active(actor):
        return False
    if actor.is_superuser:
        return True
    if campaign.region.level == RegionLevel.NATIONAL:
        return actor.role == Role.NATIONAL_OFFICIAL
    return actor.role == Role.PROVINCIAL_OFFICIAL and actor.region_id == campaign.region_id


def can_publish_campaign_notice(actor, campaign) -> bool:
    return is_official_of_campaign(actor, campaign)


def can_confer(actor, campaign) -> bool:
    return is_official_of_campaign(actor, campaign)


def can_print_awardees(actor, campaign) -> bool:
    """The conferred awardees' list (the decision's annex): the campaign's officials and the ministry."""
    return is_official_of_campaign(actor, campaign) or (_active(actor) and actor.sees_everything)


def can_see_honours_roll(actor) -> bool:
    """Officials of every level (scoped to their region by the selector)."""
    return _active(actor) and (actor.sees_everything or actor.role in (Role.PROVINCIAL_OFFICIAL, Role.CITY_OFFICIAL))
