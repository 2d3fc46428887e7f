"""Reads of rounds and committees, limited to what the actor may see (out of scope → 404); the round
list's rows, shared by its page and its export."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, Role, User
from committees.models import Committee
from committees.selectors import committee_list
from evaluations.filters import RoundFilter
from evaluations.models import DossierStatus, Round, RoundMethod
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


@dataclass
class OverviewRow:
    """One region of a round's overview: (status code, dossiers) per stage, in the columns' order."""

    region_id: int
    name: str
    direct: bool  # organisations directly under a province (the province's own row)
    cells: list[tuple[str, int]]
    total: int


@dataclass
class RoundOverview:
    stages: list[tuple[str, str]]  # (status code, label) of the columns, in workflow order
    rows: list[OverviewRow] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    total: int = 0


def round_overview(*, actor: User, round_: Round) -> RoundOverview:
    """A round's submitted dossiers the actor may see, by region of the submitting organisation and by
    stage, in one query (drafts are the enterprises' own business). Each cell is a review-queue filter:
    ``round``, ``status``, ``region`` and, for a province's own organisations, ``direct``."""
    counted = (
        dossiers_visible_to(actor)
        .filter(round=round_)
        .exclude(status=DossierStatus.DRAFT)
        .order_by()
        .values_list(
            "organisation__region_id",
            "organisation__region__code",
            "organisation__region__name",
            "organisation__region__name_en",
            "organisation__region__level",
            "status",
        )
        .annotate(n=Count("pk"))
    )
    by_region: dict[int, dict] = {}
    present: set[str] = set()
    for region_id, code, name, name_en, level, status, n in counted:
        region = by_region.setdefault(
            region_id,
            {"code": code, "name": Region.localized_name(name, name_en), "direct": level != "city", "counts": {}},
        )
        region["counts"][status] = n
        present.add(status)
    stages = [(value, label) for value, label in DossierStatus.choices if value in present]
    overview = RoundOverview(stages=[(value, str(label)) for value, label in stages])
    for region_id, region in sorted(by_region.items(), key=lambda item: (not item[1]["direct"], item[1]["code"])):
        cells = [(value, region["counts"].get(value, 0)) for value, _label in stages]
        total = sum(n for _value, n in cells)
        overview.rows.append(OverviewRow(region_id, region["name"], region["direct"], cells, total))
    overview.totals = [sum(row.cells[i][1] for row in overview.rows) for i in range(len(stages))]
    overview.total = sum(overview.totals)
    return overview


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
