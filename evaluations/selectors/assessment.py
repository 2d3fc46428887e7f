"""Reads of the assessment area: the experts' queue, one dossier's scores, votes and panel, scoped
through ``evaluations.selectors.scope`` (out of scope → 404)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

import workflow
from evaluations import rules
from evaluations.filters import QUEUE_STATUSES, AssessmentQueueFilter, filter_expert_due
from evaluations.models import Certificate, Dossier, DossierStatus, Score, Vote
from evaluations.rules import can_download_certificates, can_see_all_scores, can_see_assessment, is_chair_or_province
from evaluations.selectors.scope import EXPERT_VISIBLE_STATUSES, dossier_scope
from evaluations.services.assessment import (
    MethodResult,
    Tally,
    committee_members_of,
    current_exemptions,
    method_results,
    tally_of,
)
from evaluations.workflow import DOSSIER_WORKFLOW

if TYPE_CHECKING:
    from accounts.models import User


def assessment_queue(*, actor: "User") -> QuerySet[Dossier]:
    """Dossiers in assessment or before the committee that the actor may see (an expert: those of
    their committees), with the actor's own scores and vote counted in the same query."""
    return (
        Dossier.objects.filter(dossier_scope(actor), status__in=QUEUE_STATUSES)
        .select_related("round", "talent", "organisation")
        .annotate(
            my_scores=Count("scores", filter=Q(scores__expert_id=actor.pk), distinct=True),
            my_vote=Exists(Vote.objects.filter(dossier=OuterRef("pk"), expert_id=actor.pk)),
        )
        .distinct()
        .order_by("status", "round_id", "pk")
    )


def assessment_queue_filtered(*, actor: "User", filters: Mapping) -> QuerySet[Dossier]:
    """The queue's page and export, narrowed by cleaned values of ``evaluations.filters.AssessmentQueueFilter``."""
    dossiers = AssessmentQueueFilter.apply(assessment_queue(actor=actor), filters)
    return filter_expert_due(dossiers, actor, filters.get("due"))


def dossier_for_assessment(*, actor: "User", pk: int) -> Dossier:
    """One dossier in the actor's scope, with what the rules and the panel read loaded."""
    try:
        return (
            Dossier.objects.filter(dossier_scope(actor))
            .select_related("round__committee", "round__rule_set", "round__region", "organisation__region", "talent")
            .distinct()
            .get(pk=pk)
        )
    except Dossier.DoesNotExist:
        raise Http404 from None


def scored_methods(dossier: Dossier) -> list[str]:
    """The round's methods this dossier is scored by (R6 exemptions left out), in the round's order."""
    exempt = set(current_exemptions(dossier))
    return [m.method for m in dossier.round.methods.order_by("pk") if m.method not in exempt]


def scores_for(*, actor: "User", dossier: Dossier) -> QuerySet[Score]:
    """Every score for those who see all of them; a member's own scores otherwise."""
    scores = Score.objects.filter(dossier=dossier).select_related("expert").order_by("method", "expert_id")
    if can_see_all_scores(actor, dossier):
        return scores
    if rules.is_committee_member(actor, dossier):
        return scores.filter(expert=actor)
    return scores.none()


def votes_for(dossier: Dossier) -> QuerySet[Vote]:
    return Vote.objects.filter(dossier=dossier).select_related("expert").order_by("cast_at", "pk")


def dossier_tally(dossier: Dossier) -> Tally:
    return tally_of(dossier, votes_for(dossier), committee_members_of(dossier))


@dataclass
class AssessmentPanel:
    dossier: Dossier
    visible: bool = False
    member: bool = False
    conflicted: bool = False
    sees_all: bool = False
    exempt: list = field(default_factory=list)
    results: list[MethodResult] = field(default_factory=list)
    my_scores: dict = field(default_factory=dict)
    my_vote: Vote | None = None
    tally: Tally | None = None
    scores: list = field(default_factory=list)
    can_score: bool = False
    can_vote: bool = False
    can_complete: bool = False
    can_decide: bool = False
    can_publish: bool = False
    certificate: object = None


def assessment_panel(*, actor: "User", dossier: Dossier) -> AssessmentPanel:
    """What the dossier page's assessment panel shows this actor (nothing to clerks)."""
    panel = AssessmentPanel(dossier=dossier)
    if dossier.status == DossierStatus.CERTIFIED and can_download_certificates(actor):
        panel.certificate = Certificate.objects.filter(dossier=dossier).first()
    if dossier.status not in EXPERT_VISIBLE_STATUSES or not can_see_assessment(actor, dossier):
        return panel
    panel.visible = True
    panel.member = rules.is_committee_member(actor, dossier)
    panel.conflicted = panel.member and rules.is_conflicted(actor, dossier)
    panel.sees_all = can_see_all_scores(actor, dossier)
    panel.exempt = current_exemptions(dossier)
    all_scores = list(Score.objects.filter(dossier=dossier).select_related("expert").order_by("method", "expert_id"))
    panel.my_scores = {s.method: s for s in all_scores if s.expert_id == actor.pk}
    if panel.sees_all:
        panel.results = method_results(dossier, all_scores, panel.exempt)
        panel.scores = all_scores
        panel.tally = dossier_tally(dossier)
    else:
        panel.results = [
            MethodResult(r.method, r.label, r.pass_mark, r.exempt, 0, None, None)
            for r in method_results(dossier, [], panel.exempt)
        ]
    panel.my_vote = Vote.objects.filter(dossier=dossier, expert_id=actor.pk).first() if panel.member else None
    status = dossier.status
    panel.can_score = panel.member and not panel.conflicted and status == DossierStatus.IN_ASSESSMENT
    panel.can_vote = (
        panel.member and not panel.conflicted and status == DossierStatus.IN_COMMITTEE and panel.my_vote is None
    )
    actions = workflow.allowed_actions(DOSSIER_WORKFLOW, actor, dossier)
    panel.can_complete = "complete_scoring" in actions and is_chair_or_province(actor, dossier)
    panel.can_decide = status == DossierStatus.IN_COMMITTEE and is_chair_or_province(actor, dossier)
    panel.can_publish = status == DossierStatus.PASSED and rules.is_provincial_official_for(actor, dossier)
    return panel


def score_list(*, actor: "User") -> QuerySet[Score]:
    """Scores of the dossiers in the actor's scope (the admin's list)."""
    return Score.objects.filter(dossier__in=Dossier.objects.filter(dossier_scope(actor)).values("pk")).select_related(
        "dossier__talent", "dossier__round", "expert", "revision"
    )


def vote_list(*, actor: "User") -> QuerySet[Vote]:
    return Vote.objects.filter(dossier__in=Dossier.objects.filter(dossier_scope(actor)).values("pk")).select_related(
        "dossier__talent", "dossier__round", "expert", "revision"
    )
