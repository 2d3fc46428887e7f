"""Reads of rounds and committees, limited to what the actor may see (out of scope → 404); the round
list's rows, shared by its page and its export."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from committees.models import Committee
from committees.selectors import committee_list
from evaluations.filters import RoundFilter
from evaluations.models import Round, RoundMethod
from evaluations.rules import province_id_of
from evaluations.selectors.scope import dossiers_visible_to, rounds_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

WINDOW_STATES = {"open": _("Open now"), "upcoming": _("Not open yet"), "closed": _("Closed")}


def round_list(*, actor: User) -> QuerySet[Round]:
    return (
        rounds_visible_to(actor)
        .select_related("title_series", "occupation", "region", "committee", "organiser", "rule_set")
        .prefetch_related(Prefetch("methods", queryset=RoundMethod.objects.order_by("pk")))
    )


def window_state(round_, today=None) -> str:
    """ "open", "upcoming" or "closed": the window filter's codes, for one round."""
    today = today or timezone.localdate()
    if round_.opens_on > today:
        return "upcoming"
    return "closed" if round_.closes_on < today else "open"


def rounds_with_dossier_counts(*, actor: User) -> QuerySet[Round]:
    """The round list with the number of each round's dossiers the actor may see (one subquery, no
    per-row query; a clerk counts only their organisation's, an official never counts drafts)."""
    counts = (
        dossiers_visible_to(actor)
        .filter(round_id=OuterRef("pk"))
        .order_by()
        .values("round_id")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return round_list(actor=actor).annotate(
        dossier_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def rounds_filtered(*, actor: User, filters: Mapping) -> QuerySet[Round]:
    """The round list's page and export: the actor's rounds, newest window first, narrowed by cleaned values
    of ``evaluations.filters.RoundFilter``."""
    return RoundFilter.apply(rounds_with_dossier_counts(actor=actor).order_by("-opens_on", "-pk"), filters)


def round_get(*, actor: User, pk) -> Round:
    return get_object_or_404(round_list(actor=actor), pk=pk)


def round_open_list(*, actor: User, today=None) -> QuerySet[Round]:
    """Rounds the actor may see whose window includes today."""
    today = today or timezone.localdate()
    return round_list(actor=actor).filter(opens_on__lte=today, closes_on__gte=today)


def committee_listing(*, actor: User) -> QuerySet[Committee]:
    """The committee list's page and export, in name order."""
    return committee_list(actor=actor).order_by("name", "pk")


def expert_candidates(*, actor: "User | AnonymousUser") -> QuerySet[User]:
    """Active experts working in the actor's province (by their organisation or their region)."""
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
