"""Reads of dossiers, their evidence and attachments, scoped by ``evaluations.selectors.scope``
(out of scope → 404), and the eligibility preview a clerk sees before submitting."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from eligibility.clauses import level_name
from eligibility.engine import evaluate
from eligibility.models import Outcome
from eligibility.snapshots import load_snapshot
from evaluations.filters import DossierFilter
from evaluations.models import (
    Attachment,
    Dossier,
    DossierReview,
    DossierStatus,
    EvidenceItem,
    ReviewDecision,
)
from evaluations.selectors.scope import dossiers_visible_to

if TYPE_CHECKING:
    from accounts.models import User


def _count_of(rows) -> Coalesce:
    """A per-row count subquery (the page's 50 rows each count their own children; the list itself is
    never grouped, docs/scale.md)."""
    counted = rows.filter(dossier=OuterRef("pk")).order_by().values("dossier").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def dossier_list(*, actor: "User") -> QuerySet[Dossier]:
    current = Attachment.objects.filter(removed_at__isnull=True)
    return (
        dossiers_visible_to(actor)
        .select_related("round__committee", "talent", "organisation__region", "current_revision")
        .annotate(evidence_count=_count_of(EvidenceItem.objects.all()), attachment_count=_count_of(current))
    )


def dossiers_filtered(*, actor: "User", filters: Mapping) -> QuerySet[Dossier]:
    """The clerk's "my dossiers" page and export: last changed first, narrowed by cleaned values of
    ``evaluations.filters.DossierFilter``."""
    return DossierFilter.apply(dossier_list(actor=actor).order_by("-updated_at", "-pk"), filters)


def dossier_get(*, actor: "User", pk) -> Dossier:
    return get_object_or_404(
        dossiers_visible_to(actor).select_related(
            "round__committee",
            "round__region",
            "round__rule_set",
            "round__occupation",
            "round__title_series",
            "talent__employer",
            "organisation__region",
            "eligibility_check__rule_set",
            "current_revision",
        ),
        pk=pk,
    )


def dossier_return_review(*, dossier: Dossier) -> DossierReview | None:
    """The review that returned the dossier for revision, while it is returned: its comment is what the
    clerk has to answer (the edit page shows it at the top)."""
    if dossier.status != DossierStatus.RETURNED:
        return None
    return (
        DossierReview.objects.filter(dossier=dossier, decision=ReviewDecision.RETURN)
        .select_related("reviewer")
        .order_by("-decided_at", "-pk")
        .first()
    )


def dossier_evidence(*, dossier: Dossier) -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.filter(dossier=dossier).order_by("position", "pk")


def evidence_get(*, dossier: Dossier, pk) -> EvidenceItem:
    return get_object_or_404(EvidenceItem.objects.select_related("dossier"), dossier=dossier, pk=pk)


def dossier_attachments(*, dossier: Dossier) -> QuerySet[Attachment]:
    """The current attachments (not removed) of a dossier the caller may see."""
    return Attachment.objects.filter(dossier=dossier, removed_at__isnull=True).select_related("evidence_item")


def attachment_list(*, actor: "User") -> QuerySet[Attachment]:
    return Attachment.objects.filter(dossier__in=dossiers_visible_to(actor).values("pk")).select_related(
        "dossier", "evidence_item", "uploaded_by"
    )


def attachment_get(*, actor: "User", pk) -> Attachment:
    """Removed attachments stay reachable: a frozen revision may still list them."""
    return get_object_or_404(attachment_list(actor=actor).select_related("dossier__organisation"), pk=pk)


def dossier_api_list(*, actor: "User") -> QuerySet[Dossier]:
    """The API's list: only what ``DossierSerializer`` reads — no aggregate (nothing is grouped, so
    ``ORDER BY … LIMIT`` can walk an index), the revision's number without its JSON content, the
    evidence and current attachments prefetched (docs/scale.md)."""
    return (
        dossiers_visible_to(actor)
        .select_related("round", "talent", "current_revision")
        .defer("current_revision__content")
        .prefetch_related(
            Prefetch("evidence", queryset=EvidenceItem.objects.order_by("position", "pk")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(removed_at__isnull=True).order_by("uploaded_at", "pk"),
                to_attr="current_attachments",
            ),
        )
    )


@dataclass(frozen=True)
class EligibilityPreview:
    outcome: str
    outcome_label: str
    level: str
    rule_set: object
    as_of: object
    reasons: list

    @property
    def refuses_submission(self) -> bool:
        return self.outcome == "ineligible"


def eligibility_preview(*, dossier: Dossier, today=None) -> EligibilityPreview:
    """What submitting would decide now: the pure engine over the talent's snapshot and the round's rule
    set. Nothing is stored (the stored check is made when the dossier is submitted)."""
    today = today or timezone.localdate()
    rule_set = dossier.round.rule_set
    language = "en" if (get_language() or "").startswith("en") else "zh-hans"
    determination = evaluate(load_snapshot(dossier.talent), dossier.track, dossier.target_level, rule_set, today)
    reasons = [
        {
            "rule": result.rule,
            "passed": result.passed,
            "text": result.reason(rule_set, determination.target_level, language)["explanation"],
            "source": result.source.text(language),
        }
        for result in determination.clauses
    ]
    return EligibilityPreview(
        outcome=determination.outcome,
        outcome_label=str(Outcome(determination.outcome).label),
        level=level_name(dossier.target_level, language),
        rule_set=rule_set,
        as_of=today,
        reasons=reasons,
    )
