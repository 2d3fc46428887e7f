"""Who may do what with campaigns and quotas (permission predicates; services enforce them)."""

from typing import TYPE_CHECKING, TypeGuard

from django.utils.translation import gettext_lazy as _

from accounts.models import RegionLevel, Role
from commendations.models import NominationStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

ONLY_QUOTA_SETTERS = _(
    "Only the officials of the campaign's organising region (or, for a province's cities, of that province) "
    "may set its quotas."
)


def can_set_quota(actor: "User | AnonymousUser", campaign, region) -> bool:
    """A national campaign's province quotas: national officials; a province's city quotas (of a
    national or a provincial campaign): that province's officials."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser or _can_set_own_quota(actor, campaign, region):
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


def _can_set_own_quota(actor, campaign, region) -> bool:
    """The organising region's own quota (the places of a provincial or city campaign) is its officials'."""
    return region.pk == campaign.region_id and is_organising_official(actor, campaign.region)


# The nomination workflow's predicates (commendations/workflow.py). ``actor`` None is the portal itself.


def _active(actor: "User | AnonymousUser | None") -> TypeGuard["User"]:
    return actor is not None and actor.is_authenticated and actor.is_active


def is_system(actor: "User | None") -> bool:
    return actor is None


def needs_city_review(nomination) -> bool:
    """Organisations directly under a province skip the city, as dossiers do."""
    return nomination.organisation.region.level == RegionLevel.CITY


def is_clerk_of(actor: "User | None", nomination) -> bool:
    return (
        _active(actor) and actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id == nomination.organisation_id
    )


def is_city_official_for(actor: "User | None", nomination) -> bool:
    return (
        _active(actor)
        and actor.role == Role.CITY_OFFICIAL
        and actor.region_id == nomination.organisation.region_id
        and needs_city_review(nomination)
    )


def is_provincial_official_for(actor: "User | None", nomination) -> bool:
    return (
        _active(actor)
        and actor.role == Role.PROVINCIAL_OFFICIAL
        and actor.region_id == nomination.organisation.region.province_id
    )


def is_nominating_side(actor: "User | None", nomination) -> bool:
    """Who may put a nomination forward: a clerk of the nominee's organisation, or its city's official."""
    return is_clerk_of(actor, nomination) or is_city_official_for(actor, nomination)


def is_nominator(actor: "User | None", nomination) -> bool:
    return _active(actor) and actor.pk == nomination.nominated_by_id


def is_campaign_official(actor: "User | None", nomination) -> bool:
    """The officials of the nomination's campaign: those organising at its region's level — the ministry's
    for a national campaign, the province's for a provincial one, the city's for a city-level one
    (one predicate: ``is_organising_official``)."""
    return is_organising_official(actor, nomination.campaign.region)


# Campaigns (docs/commendations.md#campaigns): a region's officials organise its campaigns — the
# ministry national ones, a province provincial ones, a city city-level ones.

ONLY_CAMPAIGN_ORGANISERS = _(
    "Only officials organise campaigns: the ministry national ones, a province provincial ones, a city city-level ones."
)
ONLY_CAMPAIGN_MANAGERS = _("Only the officials of the campaign's organising region may change it.")
NO_CAMPAIGN_ACCESS = _("Sign in to see the commendation campaigns.")

_ORGANISER_OF_LEVEL = {
    RegionLevel.NATIONAL: Role.NATIONAL_OFFICIAL,
    RegionLevel.PROVINCE: Role.PROVINCIAL_OFFICIAL,
    RegionLevel.CITY: Role.CITY_OFFICIAL,
}


def can_browse_campaigns(actor) -> bool:
    """Every signed-in user sees the campaigns of their region and above (the selectors scope)."""
    return _active(actor) and (actor.is_superuser or bool(actor.role))


def can_create_campaigns(actor) -> bool:
    """Officials with a region: their region is the organising region of what they open."""
    if not _active(actor) or actor.role not in _ORGANISER_OF_LEVEL.values():
        return False
    return actor.role == Role.NATIONAL_OFFICIAL or actor.region_id is not None


def organiser_role(region) -> str | None:
    """The role that organises campaigns at the region's level."""
    return _ORGANISER_OF_LEVEL.get(region.level)


def is_organising_official(actor, region) -> bool:
    """An official of exactly this region, of the role that organises at its level."""
    if not _active(actor) or region is None or actor.role != _ORGANISER_OF_LEVEL.get(region.level):
        return False
    # The ministry is one: every national official speaks for the national region.
    return region.level == RegionLevel.NATIONAL or actor.region_id == region.pk


def may_set_quotas(actor) -> bool:
    """Whether the role sets quotas at all (which region's, ``can_set_quota`` decides per row)."""
    return _active(actor) and (actor.is_superuser or actor.is_official)


def can_manage_campaign(actor, campaign) -> bool:
    """Change, close and conclude a campaign: the officials of its organising region."""
    return is_organising_official(actor, campaign.region)


# Expert review (docs/commendations.md#expert-review).

ONLY_CAMPAIGN_OFFICIALS = _("Only the officials of the campaign's organising region may do this.")
ONLY_REVIEW_MEMBERS = _("Only members of the campaign's expert committee may score and vote.")
CONFLICTED_ON_NOMINATION = _("You cannot score or vote on a nomination of your own employer.")


def is_official_of_campaign(actor, campaign) -> bool:
    """The campaign's officials: those who organise at its region's level (``is_organising_official``), and
    the superuser."""
    return (_active(actor) and actor.is_superuser) or is_organising_official(actor, campaign.region)


def is_review_member(actor, nomination, memberships: dict[int, bool]) -> bool:
    """``memberships``: expert id → chair of the campaign's committee (``committees.selectors.memberships_of``)."""
    return _active(actor) and actor.role == Role.EXPERT and actor.pk in memberships


def is_conflicted_on(actor, nomination) -> bool:
    """An expert never judges a nomination of their own employer (as for dossiers)."""
    return actor.organisation_id is not None and actor.organisation_id == nomination.organisation_id


ONLY_REVIEWERS = _("The expert review is shown to its committee's members and the campaign's officials.")


def is_reviewer_role(actor) -> bool:
    """Who may open the review pages at all (which nominations: ``commendations.selectors.review``)."""
    return actor.is_authenticated and (
        actor.is_superuser or actor.role in (Role.EXPERT, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN)
    )


def is_campaign_official_role(actor) -> bool:
    return actor.is_authenticated and actor.role in (Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL)


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


# Public notice, conferral and the honours roll (docs/commendations.md#public-notice-and-objections).

NO_HONOURS_ROLL = _("The honours roll is for officials.")


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
