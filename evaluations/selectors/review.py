"""Reads of the officials' review (docs/evaluations.md): the review queue and its filters, one dossier with
everything a reviewer needs, its reviews and comments, the changes between two frozen revisions.
Every read starts from ``dossiers_visible_to``: out of scope is 404.

Comment visibility (issue 5: "internal to officials, or visible to the submitting enterprise; experts
see only what their role allows"), as data in ``comments_readable_by``: enterprise clerks read the
comments visible to the enterprise; officials read every comment; experts, who reach a dossier only
once it is in assessment and only as members of the round's committee, read the comments visible to
the enterprise and the committee's own internal remarks (written by experts), never the officials'
internal remarks about the enterprise.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from accounts.models import Role
from accounts.todo import TodoFigure, todo_figures
from eligibility.clauses import level_name, reason_source
from eligibility.models import EligibilityOverride
from evaluations.filters import (
    EXPERT_DUE_SCORE,
    EXPERT_DUE_VOTE,
    ReviewQueueFilter,
    expert_due_condition,
    filter_awaiting,
)
from evaluations.models import (
    Attachment,
    CommentVisibility,
    Dossier,
    DossierComment,
    DossierReview,
    DossierStatus,
    EvidenceItem,
    RevisionSeen,
)
from evaluations.rules import QUEUE_ROLES, awaiting_decision_of, can_decide_reviews
from evaluations.selectors.scope import dossiers_visible_to
from evaluations.workflow import DOSSIER_WORKFLOW
from workflow import allowed_actions

if TYPE_CHECKING:
    from accounts.models import User


def comments_readable_by(actor: "User") -> Q:
    """The comments a role reads (a filter on DossierComment), the dossier being in the actor's scope."""
    if actor.is_superuser or actor.role in QUEUE_ROLES:
        return Q()
    enterprise = Q(visibility=CommentVisibility.ENTERPRISE)
    if actor.role == Role.EXPERT:
        return enterprise | Q(visibility=CommentVisibility.INTERNAL, author__role=Role.EXPERT)
    return enterprise


# The queue


def review_queue(*, actor: "User") -> QuerySet[Dossier]:
    """Dossiers in the actor's scope with what a queue row shows, oldest submission first; drafts are
    the enterprise's own business, even for those who see everything. No revision is joined: a row
    shows none, and its JSON would be dragged through the sort (docs/scale.md)."""
    return (
        dossiers_visible_to(actor)
        .exclude(status=DossierStatus.DRAFT)
        .select_related("round", "talent", "organisation__region")
        .order_by(F("submitted_at").asc(nulls_last=True), "pk")
    )


def review_queue_filtered(*, actor: "User", filters: Mapping) -> QuerySet[Dossier]:
    """The queue's page, bulk approval and export: cleaned values of ``evaluations.filters.ReviewQueueFilter``
    (whose ``awaiting`` needs the actor, so it is applied here)."""
    dossiers = ReviewQueueFilter.apply(review_queue(actor=actor), filters)
    return filter_awaiting(dossiers, actor, filters.get("awaiting"))


def bulk_approval_candidates(*, actor: "User", queryset) -> list[Dossier]:
    """The filtered dossiers the actor may approve now (the workflow's own predicate decides)."""
    candidates = queryset.filter(awaiting_decision_of(actor)).select_related(
        "round__committee", "organisation__region", "talent"
    )
    return [dossier for dossier in candidates if "approve" in allowed_actions(DOSSIER_WORKFLOW, actor, dossier)]


# One dossier


def dossier_for_reading(*, actor: "User", pk) -> Dossier:
    """One dossier with what its page shows; 404 outside the actor's scope."""
    queryset = dossiers_visible_to(actor).select_related(
        "round__committee",
        "round__region",
        "round__occupation",
        "round__title_series",
        "talent",
        "organisation__region",
        "eligibility_check__rule_set",
        "current_revision__submitted_by",
        "created_by",
    )
    return get_object_or_404(queryset, pk=pk)


def dossier_evidence(*, dossier) -> QuerySet[EvidenceItem]:
    return dossier.evidence.order_by("position", "pk")


def dossier_current_attachments(*, dossier) -> QuerySet[Attachment]:
    return dossier.attachments.filter(removed_at__isnull=True).select_related("evidence_item", "uploaded_by")


def dossier_reviews(*, dossier) -> QuerySet[DossierReview]:
    return dossier.reviews.select_related("reviewer__organisation", "reviewer__region", "revision").order_by(
        "decided_at", "pk"
    )


def dossier_comments(*, actor: "User", dossier) -> QuerySet[DossierComment]:
    """The dossier's comments the actor may read (see the module's docstring)."""
    return (
        dossier.comments.filter(comments_readable_by(actor))
        .select_related("author__organisation", "author__region", "revision")
        .order_by("created_at", "pk")
    )


def dossier_eligibility_overrides(*, dossier) -> list[EligibilityOverride]:
    """Officials' decisions on the dossier's determination, or on the same talent, track and level."""
    check = dossier.eligibility_check
    if check is None:
        return []
    return list(
        EligibilityOverride.objects.filter(
            Q(check_overridden=check)
            | Q(talent_id=dossier.talent_id, track=dossier.track, target_level=dossier.target_level)
        )
        .filter(decided_at__gte=check.checked_at)
        .select_related("decided_by__organisation", "decided_by__region")
        .order_by("-decided_at", "-pk")
    )


def eligibility_reasons(check) -> list[dict]:
    """The stored reasons with the explanation in the page's language (as the eligibility pages do)."""
    if check is None:
        return []
    language = "en" if (get_language() or "").startswith("en") else "zh-hans"
    reasons = []
    for reason in check.reasons:
        explanation = reason.get("explanation", "")
        text = explanation.get(language, "") if isinstance(explanation, dict) else str(explanation)
        reasons.append({**reason, "text": text, "source": reason_source(reason, language)})
    return reasons


def dossier_revision(*, dossier, number: int):
    return dossier.revisions.filter(number=number).first()


# Admin querysets (accounts.admin.ScopedAdminMixin): the records of dossiers the staff member sees.


def review_records_visible_to(*, actor: "User") -> QuerySet[DossierReview]:
    return DossierReview.objects.filter(dossier__in=dossiers_visible_to(actor)).select_related(
        "dossier__talent", "dossier__round", "reviewer", "revision"
    )


def comment_records_visible_to(*, actor: "User") -> QuerySet[DossierComment]:
    return DossierComment.objects.filter(
        comments_readable_by(actor), dossier__in=dossiers_visible_to(actor)
    ).select_related("dossier__talent", "dossier__round", "author")


def seen_marks_visible_to(*, actor: "User") -> QuerySet[RevisionSeen]:
    return RevisionSeen.objects.filter(dossier__in=dossiers_visible_to(actor)).select_related(
        "dossier__talent", "dossier__round", "user", "revision"
    )


# What changed between two frozen revisions (a pure function over DossierRevision.content)


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    before: object
    after: object


@dataclass(frozen=True)
class ItemChange:
    collection: str
    collection_label: str
    kind: str  # "added", "removed", "changed"
    item_id: object
    label: str
    fields: tuple = ()


@dataclass
class RevisionDiff:
    fields: list[FieldChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.items)


# The models whose fields a frozen content's keys name, for labels and choice values; the keys h1's
# ``revision_content`` uses that differ from the model's field names.
COLLECTION_MODELS = {"evidence": EvidenceItem, "attachments": Attachment}
KEY_ALIASES = {"name": "original_name", "outcome": "eligibility_outcome", "check": "eligibility_check"}
ITEM_LABEL_KEYS = ("original_name", "name", "description", "title", "kind")
IGNORED_KEYS = frozenset({"id", "position"})


def _model_field(model, key):
    if model is None:
        return None
    names = {model_field.name: model_field for model_field in model._meta.get_fields()}
    return names.get(key) or names.get(KEY_ALIASES.get(key, ""))


def _label(model, key) -> str:
    verbose = getattr(_model_field(model, key), "verbose_name", None)
    return str(verbose) if verbose else key.replace("_", " ")


def _shown(model, key, value):
    """A stored code shown as its translated label (choices, levels), anything else as stored."""
    if value is None or value == "":
        return "—"
    if key == "target_level" and isinstance(value, str):
        return level_name(value, get_language() or "zh-hans")
    model_field = _model_field(model, key)
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    return value


def _is_keyed_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value)


def _item_label(model, item: dict) -> str:
    for key in ITEM_LABEL_KEYS:
        if item.get(key):
            text = str(_shown(model, key, item[key]))
            return text if len(text) <= 80 else f"{text[:77]}…"
    return f"#{item.get('id')}"


def _field_changes(model, before: dict, after: dict, prefix: str = "") -> list[FieldChange]:
    """Changed keys of two dicts; a nested dict (the dossier's "fields", its "eligibility") is opened."""
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(key), after.get(key)
        if key in IGNORED_KEYS or old == new:
            continue
        if isinstance(old, dict | None) and isinstance(new, dict | None):
            changes.extend(_field_changes(model, old or {}, new or {}, prefix=f"{prefix}{key}."))
            continue
        changes.append(
            FieldChange(f"{prefix}{key}", _label(model, key), _shown(model, key, old), _shown(model, key, new))
        )
    return changes


def revision_changes(before: dict, after: dict, *, model=Dossier) -> RevisionDiff:
    """Field-by-field differences between two frozen contents (``DossierRevision.content``).

    A list of dicts with an ``id`` (evidence, attachments) is compared item by item: added, removed, or
    changed with its own field changes; a nested dict is compared key by key; any other value whole."""
    diff = RevisionDiff()
    before, after = before or {}, after or {}
    scalars_before, scalars_after = {}, {}
    for key in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(key), after.get(key)
        if old == new or key in IGNORED_KEYS:
            continue
        if (old or new) and _is_keyed_list(old or []) and _is_keyed_list(new or []):
            diff.items.extend(_item_changes(key, model, old or [], new or []))
        else:
            scalars_before[key], scalars_after[key] = old, new
    diff.fields = _field_changes(model, scalars_before, scalars_after)
    return diff


def _item_changes(key, model, old: list, new: list) -> list[ItemChange]:
    item_model = COLLECTION_MODELS.get(key)
    collection_label = str(item_model._meta.verbose_name_plural) if item_model else _label(model, key)
    old_items = {item["id"]: item for item in old}
    new_items = {item["id"]: item for item in new}
    changes = []
    for item_id, item in new_items.items():
        if item_id not in old_items:
            changes.append(ItemChange(key, collection_label, "added", item_id, _item_label(item_model, item)))
        else:
            fields = _field_changes(item_model, old_items[item_id], item)
            if fields:
                changes.append(
                    ItemChange(key, collection_label, "changed", item_id, _item_label(item_model, item), tuple(fields))
                )
    for item_id, item in old_items.items():
        if item_id not in new_items:
            changes.append(ItemChange(key, collection_label, "removed", item_id, _item_label(item_model, item)))
    return changes


def dossier_todo(*, actor) -> dict[str, TodoFigure]:
    """The dashboard's dossier to-dos, one query: the dossiers awaiting the actor's decision (city and
    provincial officials), their organisation's dossiers returned for revision (clerks), the scores and
    votes due from an expert. Each waits since its last change (``updated_at``: the step that put it
    there). The dashboard keeps the answer in the versioned cache (every dossier write bumps it)."""
    if can_decide_reviews(actor):
        conditions = {"awaiting_decision": (awaiting_decision_of(actor), "updated_at")}
    elif actor.role == Role.ENTERPRISE_CLERK:
        conditions = {"returned": (Q(status=DossierStatus.RETURNED), "updated_at")}
    elif actor.role == Role.EXPERT:
        conditions = {
            "scores_due": (expert_due_condition(actor, EXPERT_DUE_SCORE), "updated_at"),
            "votes_due": (expert_due_condition(actor, EXPERT_DUE_VOTE), "updated_at"),
        }
    else:
        return {}
    return todo_figures(dossiers_visible_to(actor), conditions)
