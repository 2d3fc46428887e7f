"""Who may do what to a dossier or round: pure predicates over the actor and the object (no queries
beyond the objects' own loaded relations). Scope (404) is the selectors' business; these decide 403.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import OFFICIAL_ROLES, RegionLevel, Role
from accounts.scoping import NOTHING
from eligibility.models import Track
from evaluations.models import CommentVisibility, Dossier, DossierStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def province_id_of_organisation(organisation) -> int | None:
    return organisation.region.province_id


def needs_city_review(dossier) -> bool:
    """docs/evaluations.md: an organisation directly under the province skips the city; so does the green channel."""
    return dossier.organisation.region.level == RegionLevel.CITY and dossier.track != Track.GREEN_CHANNEL


def is_clerk_of(actor: "User | None", dossier) -> bool:
    return (
        actor is not None
        and actor.role == Role.ENTERPRISE_CLERK
        and actor.organisation_id is not None
        and actor.organisation_id == dossier.organisation_id
    )


def is_city_official_for(actor: "User | None", dossier) -> bool:
    return actor is not None and actor.role == Role.CITY_OFFICIAL and actor.region_id == dossier.organisation.region_id


def is_provincial_official_for(actor: "User | None", dossier) -> bool:
    return (
        actor is not None
        and actor.role == Role.PROVINCIAL_OFFICIAL
        and actor.region_id == province_id_of_organisation(dossier.organisation)
    )


def is_provincial_official_of_round(actor: "User | None", round_) -> bool:
    return actor is not None and actor.role == Role.PROVINCIAL_OFFICIAL and actor.region_id == round_.region.province_id


def is_committee_member(actor: "User | None", dossier, *, chair: bool = False) -> bool:
    """Membership of the round's committee; the caller passes dossiers with round__committee loaded.
    ``_committee_members`` (a dict expert id → is_chair) may be prefetched by the selector."""
    if actor is None or actor.role != Role.EXPERT or dossier.round.committee_id is None:
        return False
    members = getattr(dossier.round.committee, "_committee_members", None)
    if members is None:
        members = dict(dossier.round.committee.committeemember_set.values_list("expert_id", "is_chair"))
        dossier.round.committee._committee_members = members
    return actor.pk in members and (members[actor.pk] or not chair)


def is_conflicted(actor: "User | None", dossier) -> bool:
    """A member cannot score or vote on a dossier of their own employer."""
    return actor is not None and actor.organisation_id is not None and actor.organisation_id == dossier.organisation_id


def is_system(actor: "User | None") -> bool:
    """Transitions taken by the portal itself (a notice ending, the last score entered)."""
    return actor is None


def awaiting_decision_of(actor: "User") -> Q:
    """The dossiers whose next review step is the actor's (the workflow's approve edges, as a filter)."""
    city_step = Q(organisation__region__level=RegionLevel.CITY) & ~Q(track=Track.GREEN_CHANNEL)
    if actor.role == Role.CITY_OFFICIAL:
        return Q(status=DossierStatus.SUBMITTED, organisation__region_id=actor.region_id) & city_step
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        in_province = Q(organisation__region_id=actor.region_id) | Q(organisation__region__parent_id=actor.region_id)
        return in_province & (Q(status=DossierStatus.CITY_APPROVED) | (Q(status=DossierStatus.SUBMITTED) & ~city_step))
    return NOTHING


ONLY_PROVINCIAL_COMMITTEES = gettext_lazy("Only a provincial official forms review committees, for their province.")

ONLY_ROUND_ORGANISERS = gettext_lazy(
    "Only a provincial official, or the clerk of an enterprise allowed to organise its own skill evaluation "
    "(R8), creates evaluation rounds."
)

NOT_SELF_EVALUATING = gettext_lazy(
    "Your organisation is not allowed to organise its own skill evaluation (R8): only an enterprise a "
    "provincial official has approved for self-evaluation may create a round."
)


def can_manage_committees(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.is_active and actor.role == Role.PROVINCIAL_OFFICIAL


def can_create_rounds(actor: "User | AnonymousUser") -> bool:
    """Provincial officials; enterprise clerks get to the form and learn there whether R8 lets them."""
    return (
        actor.is_authenticated and actor.is_active and actor.role in (Role.PROVINCIAL_OFFICIAL, Role.ENTERPRISE_CLERK)
    )


def may_self_evaluate(actor: "User") -> bool:
    """R8: the clerk's organisation was approved for self-evaluation by a provincial official."""
    return (
        actor.role == Role.ENTERPRISE_CLERK
        and actor.organisation is not None
        and bool(actor.organisation.may_self_evaluate)
    )


ONLY_CLERKS_DRAFT = gettext_lazy("Only a clerk of the talent's employer prepares and submits dossiers.")


def can_draft_dossiers(actor: "User | AnonymousUser") -> bool:
    return (
        actor.is_authenticated
        and actor.is_active
        and actor.role == Role.ENTERPRISE_CLERK
        and actor.organisation_id is not None
    )


COMMENTING_ROLES = frozenset({Role.ENTERPRISE_CLERK, *OFFICIAL_ROLES, Role.EXPERT})

ONLY_PARTIES_COMMENT = gettext_lazy("Only the submitting enterprise, officials and the committee comment on a dossier.")


def comment_visibilities_for(actor: "User", dossier: Dossier) -> list[str]:
    """The visibilities this actor may give a comment on this dossier (empty: may not comment)."""
    if actor.is_superuser or actor.is_official:
        return [CommentVisibility.INTERNAL, CommentVisibility.ENTERPRISE]
    if is_clerk_of(actor, dossier):
        return [CommentVisibility.ENTERPRISE]
    if actor.role == Role.EXPERT and is_committee_member(actor, dossier):
        return [CommentVisibility.INTERNAL]
    return []


def can_comment(actor: "User | AnonymousUser") -> bool:
    """Roles that may comment at all (before any dossier is looked up)."""
    return actor.is_authenticated and actor.is_active and (actor.is_superuser or actor.role in COMMENTING_ROLES)


def is_chair_or_province(actor: "User", dossier: Dossier) -> bool:
    return is_committee_member(actor, dossier, chair=True) or is_provincial_official_for(actor, dossier)


# Who works the queue: officials at every level (the ministry reads) and administrators.
QUEUE_ROLES = frozenset({Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL})


# Who decides (approve, return, reject): the city and the province; the workflow decides which step.
REVIEWER_ROLES = frozenset({Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL})


# Whose opening of a dossier is remembered, so the next revision shows what changed since.
SEEN_MARK_ROLES = frozenset({*QUEUE_ROLES, Role.EXPERT})

NO_QUEUE_ACCESS = _("Only officials work the review queue.")

ONLY_REVIEWERS = _("Only city and provincial officials review dossiers.")


def can_use_review_queue(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.is_active and (actor.is_superuser or actor.role in QUEUE_ROLES)


def can_decide_reviews(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.is_active and actor.role in REVIEWER_ROLES


def marks_revisions_seen(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.role in SEEN_MARK_ROLES


NO_ROUNDS_ACCESS = _("Evaluation rounds are shown to clerks, officials and experts.")


def can_browse_rounds(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (actor.is_superuser or bool(actor.role))


def can_see_committees(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (actor.sees_everything or actor.role in (Role.PROVINCIAL_OFFICIAL, Role.EXPERT))


NO_QUEUE = _("The assessment queue is for experts and officials of the province or the ministry.")


def can_see_queue(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (
        actor.is_superuser or actor.role in (Role.EXPERT, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN)
    )


def can_see_all_scores(actor: "User", dossier: Dossier) -> bool:
    """The chair and officials with scope see every member's scores, the means and the tally."""
    return actor.is_superuser or actor.is_official or is_chair_or_province(actor, dossier)


def can_see_assessment(actor: "User", dossier: Dossier) -> bool:
    return can_see_all_scores(actor, dossier) or is_committee_member(actor, dossier)


def can_download_certificates(actor: "User | AnonymousUser") -> bool:
    """The clerk of the dossier's organisation and officials with scope (experts and the public: no)."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official or actor.role == Role.ENTERPRISE_CLERK)


def can_publish_notices(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.role == Role.PROVINCIAL_OFFICIAL


def province_id_of(actor: "User") -> int | None:
    """The province an official or a clerk works in."""
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation is not None:
        return actor.organisation.region.province_id
    if actor.region is not None:
        return actor.region.province_id
    return None
