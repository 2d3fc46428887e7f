"""Reads of rounds and committees, limited to what the actor may see (out of scope → 404)."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role, User
from accounts.scoping import NOTHING
from evaluations.models import Committee, CommitteeMember, Round, RoundMethod
from evaluations.selectors.scope import rounds_visible_to


def round_list(*, actor) -> QuerySet[Round]:
    return (
        rounds_visible_to(actor)
        .select_related("title_series", "occupation", "region", "committee", "organiser", "rule_set")
        .prefetch_related(Prefetch("methods", queryset=RoundMethod.objects.order_by("pk")))
    )


def round_get(*, actor, pk) -> Round:
    return get_object_or_404(round_list(actor=actor), pk=pk)


def round_open_list(*, actor, today=None) -> QuerySet[Round]:
    """Rounds the actor may see whose window includes today."""
    today = today or timezone.localdate()
    return round_list(actor=actor).filter(opens_on__lte=today, closes_on__gte=today)


def committee_scope(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(region_id=actor.region_id)
    if actor.role == Role.EXPERT:
        return Q(pk__in=CommitteeMember.objects.filter(expert=actor).values("committee_id"))
    return NOTHING


def committee_list(*, actor) -> QuerySet[Committee]:
    members = CommitteeMember.objects.select_related("expert__organisation").order_by("-is_chair", "expert__username")
    return (
        Committee.objects.filter(committee_scope(actor))
        .select_related("region")
        .prefetch_related(Prefetch("committeemember_set", queryset=members, to_attr="member_rows"))
    )


def committee_get(*, actor, pk) -> Committee:
    return get_object_or_404(committee_list(actor=actor), pk=pk)


def committee_choices(*, actor) -> QuerySet[Committee]:
    """The committees a new round of this actor may name: those of the actor's province."""
    from evaluations.services.rounds import province_id_of

    if not actor.is_authenticated:
        return Committee.objects.none()
    province = province_id_of(actor)
    if province is None:
        return Committee.objects.none()
    return Committee.objects.filter(region_id=province).order_by("name")


def expert_candidates(*, actor) -> QuerySet[User]:
    """Active experts working in the actor's province (by their organisation or their region)."""
    from evaluations.services.rounds import province_id_of

    province = province_id_of(actor) if actor.is_authenticated else None
    if province is None:
        return User.objects.none()
    return (
        User.objects.filter(role=Role.EXPERT, is_active=True)
        .filter(
            Q(organisation__region_id=province)
            | Q(organisation__region__parent_id=province)
            | Q(region_id=province)
            | Q(region__parent_id=province)
        )
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
    )
