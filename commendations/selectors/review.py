"""Reads of the expert review (docs/commendations.md#expert-review): the nominations in expert review
an actor may see — a member those of the campaigns whose committee they sit on, a campaign's
officials those of their campaigns, the ministry all — and one nomination's review panel. Outside
that scope: 404, like a missing nomination. Clerks and city officials see none of it (the
committee's membership stays hidden from the nominating side)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import Role
from accounts.scoping import NOTHING
from accounts.todo import TodoFigure, todo_figures
from commendations import rules
from commendations.filters import ExpertReviewFilter
from commendations.models import Nomination, NominationScore, NominationStatus, NominationVote
from commendations.services.review import nomination_tally
from committees import scoring
from committees.models import CommitteeMember
from committees.selectors import member_rows, memberships_of


def review_scope(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    in_review = Q(status=NominationStatus.IN_EXPERT_REVIEW)
    if actor.sees_everything:  # the ministry reads every review; it decides only its own campaigns'
        return in_review
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return in_review & Q(campaign__region_id=actor.region_id)
    if actor.role == Role.EXPERT:
        member = CommitteeMember.objects.filter(committee_id=OuterRef("campaign__committee_id"), expert_id=actor.pk)
        return in_review & Q(Exists(member))
    return NOTHING


def _review_rows(actor) -> QuerySet[Nomination]:
    mine = NominationScore.objects.filter(nomination=OuterRef("pk"), expert_id=actor.pk)
    my_vote = NominationVote.objects.filter(nomination=OuterRef("pk"), expert_id=actor.pk)
    cast = (
        NominationVote.objects.filter(nomination=OuterRef("pk"))
        .order_by()
        .values("nomination")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Nomination.objects.filter(review_scope(actor))
        .select_related("campaign__award", "campaign__region", "talent", "nominee_organisation", "organisation")
        .annotate(
            my_score=Subquery(mine.values("value")[:1]),
            my_vote=Subquery(my_vote.values("choice")[:1]),
            votes_cast=Coalesce(Subquery(cast, output_field=IntegerField()), Value(0)),
        )
    )


def review_queue(*, actor, filters: Mapping | None = None) -> QuerySet[Nomination]:
    """The queue's page and API, in campaign order (the index on campaign and status)."""
    return ExpertReviewFilter.apply(_review_rows(actor), filters or {}).order_by("campaign_id", "pk")


def review_todo(*, actor) -> dict[str, TodoFigure]:
    """The expert's nominations in review without their vote yet (their own employer's excepted), one query."""
    if actor.role != Role.EXPERT:
        return {}
    mine = NominationVote.objects.filter(nomination=OuterRef("pk"), expert_id=actor.pk)
    condition = Q(~Exists(mine))
    if actor.organisation_id is not None:
        condition &= ~Q(organisation_id=actor.organisation_id)
    return todo_figures(
        Nomination.objects.filter(review_scope(actor)), {"nominations_to_review": (condition, "updated_at")}
    )


def review_get(*, actor, pk) -> Nomination:
    try:
        return _review_rows(actor).select_related("campaign__committee").get(pk=pk)
    except (Nomination.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class ReviewPanel:
    nomination: Nomination
    member: bool = False
    conflicted: bool = False
    official: bool = False
    my_score: Decimal | None = None
    my_vote: str | None = None
    tally: scoring.Tally | None = None
    mean: Decimal | None = None
    scores: list = field(default_factory=list)
    can_score: bool = False
    can_vote: bool = False
    can_decide: bool = False


def review_panel(*, actor, nomination: Nomination) -> ReviewPanel:
    """What the review page shows: a member their own score and vote; the campaign's officials every
    score, the tally against the committee's quorum and threshold, and the decision button."""
    panel = ReviewPanel(nomination=nomination)
    memberships = memberships_of(nomination.campaign.committee_id)
    panel.member = rules.is_review_member(actor, nomination, memberships)
    panel.conflicted = panel.member and rules.is_conflicted_on(actor, nomination)
    panel.official = rules.is_official_of_campaign(actor, nomination.campaign)
    panel.my_score = getattr(nomination, "my_score", None)
    panel.my_vote = getattr(nomination, "my_vote", None)
    undecided = nomination.review_passed is None
    panel.can_score = panel.member and not panel.conflicted and undecided
    panel.can_vote = panel.can_score and panel.my_vote is None
    if panel.official or actor.sees_everything:
        panel.scores = list(
            NominationScore.objects.filter(nomination=nomination)
            .select_related("expert__organisation", "expert__region")
            .order_by("pk")
        )
        panel.mean = scoring.rounded_mean([s.value for s in panel.scores])
        if nomination.campaign.committee is not None:
            choices = list(NominationVote.objects.filter(nomination=nomination).values_list("choice", flat=True))
            panel.tally = nomination_tally(nomination, choices, member_rows(nomination.campaign.committee_id))
        panel.can_decide = panel.official and undecided
    return panel


def _admin_nominations(actor):
    if actor.is_superuser:
        return Nomination.objects.values("pk")
    return Nomination.objects.filter(review_scope(actor)).values("pk")


def review_scores_scoped(*, actor) -> QuerySet[NominationScore]:
    """The admin's rows: every score for superusers, else those of the reviews the actor sees."""
    return NominationScore.objects.filter(nomination__in=_admin_nominations(actor)).select_related(
        "nomination__campaign__award", "nomination__talent", "nomination__nominee_organisation", "expert"
    )


def review_votes_scoped(*, actor) -> QuerySet[NominationVote]:
    return NominationVote.objects.filter(nomination__in=_admin_nominations(actor)).select_related(
        "nomination__campaign__award", "nomination__talent", "nomination__nominee_organisation", "expert"
    )
