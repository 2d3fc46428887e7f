"""Reads of committees, limited to what the actor may see (out of scope → 404): a provincial official
sees the committees of the province, an expert those they sit on, the ministry all of them."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.scoping import NOTHING
from committees.models import Committee, CommitteeMember


def _province_id(actor) -> int | None:
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id:
        return actor.organisation.region.province_id
    if actor.region_id:
        return actor.region.province_id
    return None


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
    members = CommitteeMember.objects.select_related("expert__organisation", "expert__region").order_by(
        "-is_chair", "expert__username"
    )
    return (
        Committee.objects.filter(committee_scope(actor))
        .select_related("region")
        .prefetch_related(Prefetch("committeemember_set", queryset=members, to_attr="member_rows"))
    )


def committee_get(*, actor, pk) -> Committee:
    return get_object_or_404(committee_list(actor=actor), pk=pk)


def committee_choices(*, actor) -> QuerySet[Committee]:
    """The committees a new round of this actor may name: those of the actor's province."""
    if not actor.is_authenticated:
        return Committee.objects.none()
    province = _province_id(actor)
    if province is None:
        return Committee.objects.none()
    return Committee.objects.filter(region_id=province).order_by("name")


def committee_members_scoped(*, actor) -> QuerySet[CommitteeMember]:
    """The membership rows of the committees the actor sees (the admin's list)."""
    return CommitteeMember.objects.filter(committee__in=committee_list(actor=actor).values("pk")).select_related(
        "committee", "expert"
    )


def member_rows(committee_id: int | None) -> list[tuple[int, int | None]]:
    """(expert id, organisation id) of each member: what the tally counts and conflicts are read from."""
    if committee_id is None:
        return []
    return list(
        CommitteeMember.objects.filter(committee_id=committee_id).values_list("expert_id", "expert__organisation_id")
    )


def memberships_of(committee_id: int | None) -> dict[int, bool]:
    """{expert id: is chair} of a committee (one query), for membership checks of the rules."""
    if committee_id is None:
        return {}
    return dict(CommitteeMember.objects.filter(committee_id=committee_id).values_list("expert_id", "is_chair"))
