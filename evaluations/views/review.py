"""Pages of the officials' review (docs/evaluations.md): the review queue (filters, search, pagination, htmx
partial updates, bulk approval with a confirmation, xlsx export through the exports app) and
the dossier's page with its decisions, comments and what changed since the reviewer's last visit.

Permission check → scoped selector → form → service → redirect or render (docs/conventions.md §7). A role that may
not act gets 403 before anything is looked up; a dossier outside the actor's scope is 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import workflow
from accounts.cache import DOSSIERS, TALENTS, cached_fragment, cached_page
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.forms import BootstrapFormMixin, add_application_error
from accounts.http import personal_data, render_page_or_fragment, require
from accounts.selectors import audit_trail_for
from eligibility.clauses import level_name
from evaluations import rules
from evaluations.exports import REVIEW_QUEUE
from evaluations.filters import ReviewQueueFilter
from evaluations.labels import track_level_label
from evaluations.models import CommentVisibility, Dossier, DossierStatus, ReviewDecision
from evaluations.rules import (
    NO_QUEUE_ACCESS,
    ONLY_PARTIES_COMMENT,
    ONLY_REVIEWERS,
    can_comment,
    can_decide_reviews,
    can_use_review_queue,
    comment_visibilities_for,
    marks_revisions_seen,
)
from evaluations.selectors.review import (
    bulk_approval_candidates,
    dossier_comments,
    dossier_current_attachments,
    dossier_eligibility_overrides,
    dossier_evidence,
    dossier_for_reading,
    dossier_reviews,
    dossier_revision,
    eligibility_reasons,
    review_queue_filtered,
    revision_changes,
)
from evaluations.services.comments import BODY_MAX_LENGTH, dossier_comment_add
from evaluations.services.review import (
    COMMENT_MAX_LENGTH,
    dossier_bulk_approve,
    dossier_review,
    revision_seen_record,
)
from evaluations.workflow import DOSSIER_WORKFLOW

PAGE_SIZE = 50
# One confirmation approves at most this many dossiers: a larger selection is narrowed by the filters first.
BULK_LIMIT = 500
# The decisions an official takes on this page (the other actions belong to the clerk's and the
# committee's pages).
REVIEW_ACTIONS = ("approve", "return", "reject")


def url_or_none(name: str, **kwargs) -> str | None:
    """A link to another area's page that may not exist yet in this checkout."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


# Forms (the shape of the input; the services decide the rules)


class ReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=ReviewDecision.choices)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to return or reject. The enterprise reads it with the decision."),
    )


class CommentForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may read it"),
        choices=CommentVisibility.choices,
        required=False,
    )

    def __init__(self, *args, visibilities=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [choice for choice in CommentVisibility.choices if choice[0] in visibilities]
        self.fields["visibility"].choices = choices
        if len(choices) <= 1:
            self.fields["visibility"].widget = forms.HiddenInput()
            self.initial.setdefault("visibility", choices[0][0] if choices else "")
        else:
            self.initial.setdefault("visibility", CommentVisibility.INTERNAL)


# The queue


def queue_filters(request) -> tuple[ReviewQueueFilter, object]:
    """The queue's FilterSet (the page's form) and the dossiers its cleaned values select."""
    filterset = ReviewQueueFilter(request.GET, actor=request.user)
    return filterset, review_queue_filtered(actor=request.user, filters=filterset.cleaned_values())


def label_rows(dossiers) -> None:
    """Labels and links for a page of the queue, translated and reversed once per page (not per row):
    each dossier gets ``detail_url``, ``status_label``, ``track_label`` and ``outcome_label``."""
    field = Dossier._meta.get_field
    statuses, tracks, outcomes = (dict(field(name).flatchoices) for name in ("status", "track", "eligibility_outcome"))
    statuses, tracks, outcomes = (
        {key: str(label) for key, label in labels.items()} for labels in (statuses, tracks, outcomes)
    )
    detail = reverse("evaluations:dossier-detail", kwargs={"pk": 987654321})
    for dossier in dossiers:
        dossier.detail_url = detail.replace("987654321", str(dossier.pk))
        dossier.status_label = statuses.get(dossier.status, dossier.status)
        dossier.track_label = tracks.get(dossier.track, dossier.track)
        dossier.outcome_label = outcomes.get(dossier.eligibility_outcome, dossier.eligibility_outcome)


@require_GET
def review_queue_view(request):
    require(can_use_review_queue(request.user), NO_QUEUE_ACCESS)
    filterset, dossiers = queue_filters(request)
    # The rows come from the versioned cache (docs/scale.md, "Cached lists"): a dossier write bumps it.
    page, rows = cached_page(
        request,
        name="review-queue",
        areas=[DOSSIERS, TALENTS],
        queryset=dossiers,
        per_page=PAGE_SIZE,
        rows_template="evaluations/review/partials/queue_rows.html",
        rows_name="dossiers",
        prepare=label_rows,
    )
    context = {
        "filter": filterset,
        "page": page,
        "rows": rows,
        "dossiers": page.object_list,  # the row objects when built by this request (none on a cache hit)
        "can_decide": can_decide_reviews(request.user),
        # The filter form's selects (rounds, regions), cached like the rows; the full page alone prints it.
        "filter_fields": cached_fragment(
            request,
            name="review-queue-filter",
            areas=[DOSSIERS],
            template="evaluations/review/partials/queue_filter_fields.html",
            context={"filter": filterset},
        ),
    }
    response = render_page_or_fragment(
        request,
        context,
        page="evaluations/review/queue.html",
        fragment="evaluations/review/partials/queue_table.html",
        target="review-table",
    )
    return personal_data(response)


@require_http_methods(["GET", "POST"])
def review_bulk_approve_view(request):
    """GET: the confirmation (how many, which); POST with ``confirm``: approve the confirmed dossiers."""
    require(can_decide_reviews(request.user), ONLY_REVIEWERS)
    if request.method == "POST":
        back = reverse("evaluations:review-queue") + ("?" + request.POST["query"] if request.POST.get("query") else "")
        ids = [value for value in request.POST.getlist("dossier") if value.isdigit()][:BULK_LIMIT]
        if request.POST.get("confirm") != "yes" or not ids:
            messages.error(request, _("Nothing was approved: confirm the selection first."))
            return redirect(back)
        result = dossier_bulk_approve(actor=request.user, dossier_ids=ids, request=request)
        if result.approved:
            messages.success(
                request,
                ngettext("%(count)d dossier approved.", "%(count)d dossiers approved.", len(result.approved))
                % {"count": len(result.approved)},
            )
        for dossier_id, reason in result.skipped[:10]:
            messages.warning(request, _("Dossier #%(id)s skipped: %(reason)s") % {"id": dossier_id, "reason": reason})
        if len(result.skipped) > 10:
            messages.warning(request, _("%(count)d more skipped.") % {"count": len(result.skipped) - 10})
        return redirect(back)
    _filterset, dossiers = queue_filters(request)
    candidates = bulk_approval_candidates(actor=request.user, queryset=dossiers)
    context = {
        "candidates": candidates[:BULK_LIMIT],
        "count": len(candidates),
        "too_many": len(candidates) > BULK_LIMIT,
        "bulk_limit": BULK_LIMIT,
        "query": urlencode(REVIEW_QUEUE.kept_filters(request.GET)),
    }
    return personal_data(render(request, "evaluations/review/bulk_confirm.html", context))


# One dossier


def detail_context(request, dossier, *, review_form=None, comment_form=None) -> dict:
    actor = request.user
    previous_mark = revision_seen_record(actor=actor, dossier=dossier) if marks_revisions_seen(actor) else None
    current = dossier.current_revision
    changes, changes_since = None, None
    compare_with = request.GET.get("compare", "")
    if current is not None and compare_with.isdigit() and int(compare_with) < current.number:
        older = dossier_revision(dossier=dossier, number=int(compare_with))
        if older is not None:
            changes, changes_since = revision_changes(older.content, current.content), older.number
    elif current is not None and previous_mark is not None and previous_mark.revision.number < current.number:
        changes = revision_changes(previous_mark.revision.content, current.content)
        changes_since = previous_mark.revision.number
    actions = workflow.allowed_actions(DOSSIER_WORKFLOW, actor, dossier)
    review_actions = [action for action in REVIEW_ACTIONS if action in actions]
    visibilities = comment_visibilities_for(actor, dossier) if can_comment(actor) else []
    check = dossier.eligibility_check
    context = {
        "dossier": dossier,
        "evidence": dossier_evidence(dossier=dossier),
        "attachments": dossier_current_attachments(dossier=dossier),
        "eligibility_check": check,
        "eligibility_reasons": eligibility_reasons(check),
        "eligibility_overrides": dossier_eligibility_overrides(dossier=dossier),
        "audit_trail": [
            {
                "entry": entry,
                "from": status_label(entry.from_state),
                "to": status_label(entry.to_state),
                "comment": track_level_label(entry.comment),
            }
            for entry in audit_trail_for(dossier)
        ],
        "reviews": dossier_reviews(dossier=dossier),
        "comments": dossier_comments(actor=actor, dossier=dossier),
        "actions": actions,
        "review_actions": review_actions,
        "review_form": review_form or (ReviewForm() if review_actions else None),
        "comment_form": comment_form or (CommentForm(visibilities=visibilities) if visibilities else None),
        "changes": changes,
        "changes_since": changes_since,
        "edit_url": (
            url_or_none("evaluations:dossier-edit", pk=dossier.pk)
            if dossier.is_editable and rules.is_clerk_of(actor, dossier)
            else None
        ),
        "submit_url": url_or_none("evaluations:dossier-submit", pk=dossier.pk) if "submit" in actions else None,
        "withdraw_url": url_or_none("evaluations:dossier-withdraw", pk=dossier.pk) if "withdraw" in actions else None,
        "has_attachment_download": url_or_none("evaluations:attachment-download", pk=0) is not None,
        "assessment_panel": _assessment_panel_template(),
    }
    context["target_level_name"] = level_name(dossier.target_level, get_language() or "zh-hans")
    context["can_use_queue"] = can_use_review_queue(actor)
    return context


def status_label(code: str) -> str:
    """A dossier state's label in the trail; a changed track and level as their labels; other text as is."""
    return str(DossierStatus(code).label) if code in DossierStatus.values else track_level_label(code)


def _assessment_panel_template() -> str | None:
    try:
        return select_template(["evaluations/dossiers/_assessment_panel.html"]).template.name
    except Exception:  # noqa: BLE001 - TemplateDoesNotExist until the assessment area ships its panel
        return None


def render_detail(request, dossier, *, status=200, **forms_) -> HttpResponse:
    context = detail_context(request, dossier, **forms_)
    return personal_data(render(request, "evaluations/dossiers/detail.html", context, status=status))


@require_GET
def dossier_detail_view(request, pk):
    dossier = dossier_for_reading(actor=request.user, pk=pk)
    return render_detail(request, dossier)


@require_POST
def dossier_review_view(request, pk):
    require(can_decide_reviews(request.user), ONLY_REVIEWERS)
    dossier = dossier_for_reading(actor=request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_detail(request, dossier, review_form=form)
    try:
        updated = dossier_review(
            actor=request.user,
            dossier=dossier,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            request=request,
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        if error.status == 409:
            messages.error(request, error.message)
            dossier = dossier_for_reading(actor=request.user, pk=pk)
            return render_detail(request, dossier, status=409)
        add_application_error(form, error)
        return render_detail(request, dossier, review_form=form)
    messages.success(
        request,
        _("Decision recorded: the dossier is now “%(status)s”.") % {"status": updated.get_status_display()},
    )
    return redirect("evaluations:dossier-detail", pk=dossier.pk)


@require_POST
def dossier_comment_add_view(request, pk):
    require(can_comment(request.user), ONLY_PARTIES_COMMENT)
    dossier = dossier_for_reading(actor=request.user, pk=pk)
    visibilities = comment_visibilities_for(request.user, dossier)
    require(bool(visibilities), ONLY_PARTIES_COMMENT)
    form = CommentForm(request.POST, visibilities=visibilities)
    if form.is_valid():
        try:
            dossier_comment_add(
                actor=request.user,
                dossier=dossier,
                body=form.cleaned_data["body"],
                visibility=form.cleaned_data["visibility"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("Your comment is added."))
            return redirect(reverse("evaluations:dossier-detail", kwargs={"pk": dossier.pk}) + "#comments")
    return render_detail(request, dossier, comment_form=form)


urlpatterns = [
    path("review/", review_queue_view, name="review-queue"),
    path("review/bulk-approve/", review_bulk_approve_view, name="review-bulk-approve"),
    path("dossiers/<int:pk>/", dossier_detail_view, name="dossier-detail"),
    path("dossiers/<int:pk>/review/", dossier_review_view, name="dossier-review"),
    path("dossiers/<int:pk>/comments/", dossier_comment_add_view, name="dossier-comment-add"),
]
