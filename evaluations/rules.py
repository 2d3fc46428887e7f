"""Who may do what to a dossier or round: pure predicates over the actor and the object (no queries
beyond the objects' own loaded relations). Scope (404) is the selectors' business; these decide 403.
"""

from django.db.models import Q

from accounts.models import RegionLevel, Role
from accounts.scoping import NOTHING
from eligibility.models import Track
from evaluations.models import DossierStatus


def province_id_of_organisation(organisation) -> int | None:
    return organisation.region.province_id


def needs_city_review(dossier) -> bool:
    """DESIGN.md §5: an organisation directly under the province skips the city; so does the green channel."""
    return dossier.organisation.region.level == RegionLevel.CITY and dossier.track != Track.GREEN_CHANNEL


def is_clerk_of(actor, dossier) -> bool:
    return (
        actor is not None
        and actor.role == Role.ENTERPRISE_CLERK
        and actor.organisation_id is not None
        and actor.organisation_id == dossier.organisation_id
    )


def is_city_official_for(actor, dossier) -> bool:
    return actor is not None and actor.role == Role.CITY_OFFICIAL and actor.region_id == dossier.organisation.region_id


def is_provincial_official_for(actor, dossier) -> bool:
    return (
        actor is not None
        and actor.role == Role.PROVINCIAL_OFFICIAL
        and actor.region_id == province_id_of_organisation(dossier.organisation)
    )


def is_provincial_official_of_round(actor, round_) -> bool:
    return actor is not None and actor.role == Role.PROVINCIAL_OFFICIAL and actor.region_id == round_.region.province_id


def is_committee_member(actor, dossier, *, chair: bool = False) -> bool:
    """Membership of the round's committee; the caller passes dossiers with round__committee loaded.
    ``_committee_members`` (a dict expert id → is_chair) may be prefetched by the selector."""
    if actor is None or actor.role != Role.EXPERT or dossier.round.committee_id is None:
        return False
    members = getattr(dossier.round.committee, "_committee_members", None)
    if members is None:
        members = dict(dossier.round.committee.committeemember_set.values_list("expert_id", "is_chair"))
        dossier.round.committee._committee_members = members
    return actor.pk in members and (members[actor.pk] or not chair)


def is_conflicted(actor, dossier) -> bool:
    """A member cannot score or vote on a dossier of their own employer."""
    return actor is not None and actor.organisation_id is not None and actor.organisation_id == dossier.organisation_id


def is_system(actor) -> bool:
    """Transitions taken by the portal itself (a notice ending, the last score entered)."""
    return actor is None


def awaiting_decision_of(actor) -> Q:
    """The dossiers whose next review step is the actor's (the workflow's approve edges, as a filter)."""
    city_step = Q(organisation__region__level=RegionLevel.CITY) & ~Q(track=Track.GREEN_CHANNEL)
    if actor.role == Role.CITY_OFFICIAL:
        return Q(status=DossierStatus.SUBMITTED, organisation__region_id=actor.region_id) & city_step
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        in_province = Q(organisation__region_id=actor.region_id) | Q(organisation__region__parent_id=actor.region_id)
        return in_province & (Q(status=DossierStatus.CITY_APPROVED) | (Q(status=DossierStatus.SUBMITTED) & ~city_step))
    return NOTHING
