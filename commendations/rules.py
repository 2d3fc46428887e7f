"""Who may do what with campaigns and quotas (permission predicates; services enforce them)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import RegionLevel, Role
from commendations.models import NominationStatus

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


# Nominations (docs/commendations.md#nominations): who drafts and edits them.

ONLY_NOMINATORS = _("Only enterprise clerks and city officials put nominations forward.")
NOT_YOUR_NOMINEE = _(
    "You may nominate only your organisation's talents (or your organisation itself), or, as a city "
    "official, the talents and organisations of your city."
)
NOT_EDITABLE = _("Only a draft or a returned nomination can be changed, by its nominating side.")


def can_nominate(actor) -> bool:
    """Enterprise clerks (of an organisation) and city officials (of a city) draft nominations."""
    if not _active(actor):
        return False
    if actor.role == Role.ENTERPRISE_CLERK:
        return actor.organisation_id is not None
    return actor.role == Role.CITY_OFFICIAL and actor.region_id is not None


def may_nominate_for(actor, organisation) -> bool:
    """The nominee's organisation (the talent's employer, or the nominated organisation itself) is the
    clerk's own, or lies in the city official's city."""
    if not can_nominate(actor) or organisation is None:
        return False
    if actor.role == Role.ENTERPRISE_CLERK:
        return actor.organisation_id == organisation.pk
    return organisation.region_id == actor.region_id


def can_edit_nomination(actor, nomination) -> bool:
    return nomination.status in (NominationStatus.DRAFT, NominationStatus.RETURNED) and is_nominating_side(
        actor, nomination
    )


NO_NOMINATIONS_ACCESS = _("Nominations are for enterprise clerks and officials.")
NO_RECOMMEND_QUEUE = _("The recommendation queue is for city and provincial officials.")


def can_browse_nominations(actor) -> bool:
    """Clerks (their organisation's), officials (their regions'), the administrator; not experts."""
    if not _active(actor):
        return False
    return actor.is_superuser or actor.role in (
        Role.ENTERPRISE_CLERK,
        Role.CITY_OFFICIAL,
        Role.PROVINCIAL_OFFICIAL,
        Role.NATIONAL_OFFICIAL,
        Role.ADMIN,
    )


def can_use_recommend_queue(actor) -> bool:
    return _active(actor) and actor.role in (Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL)
