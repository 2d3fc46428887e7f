"""Pages of the assessment area: the experts' queue, and the actions of the dossier page's assessment
panel (enter a score, vote, close scoring, record the committee's decision).

Role first (403), then the scoped dossier (404), then the service; a refused action (400/409) comes
back to the dossier page as a message.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.http import form_errors_text, personal_data, render_page_or_fragment, require, run_and_redirect
from accounts.models import Role
from accounts.pagination import fast_page
from committees.forms import ScoreForm, VoteForm
from evaluations.filters import AssessmentQueueFilter
from evaluations.models import Method
from evaluations.rules import NO_QUEUE, can_see_queue
from evaluations.selectors.assessment import assessment_queue_filtered, dossier_for_assessment, scored_methods
from evaluations.services.assessment import (
    assessment_complete,
    committee_decide,
    score_enter,
    scores_enter,
    vote_cast,
)

ONLY_EXPERTS = gettext_lazy("Only committee members may do this.")
ONLY_CHAIR_OR_PROVINCE = gettext_lazy("Only the committee's chair or a provincial official may do this.")
PAGE_SIZE = 50


class MethodScoreForm(ScoreForm):
    """A dossier is scored per assessment method."""

    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=Method.choices)
    field_order = ["method", "value"]


class ScoresForm(forms.Form):
    """All the member's scores for a dossier in one form: a field ``value_<method>`` per scored method;
    a field left empty is not entered."""

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        for method in methods:
            self.fields[f"value_{method}"] = forms.DecimalField(
                label=Method(method).label, required=False, min_value=0, max_value=100, decimal_places=2, max_digits=5
            )

    def values(self) -> dict:
        return {name.removeprefix("value_"): value for name, value in self.cleaned_data.items() if value is not None}


def _form_errors_labelled(form) -> str:
    """Every field's errors, each after its method's name (the form has one field per method)."""
    return " ".join(
        f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
        for name, errors in form.errors.items()
        for message in errors
    )


def dossier_page_url(dossier) -> str:
    """The dossier's page (the review area's), or the queue while that page does not exist."""
    try:
        return reverse("evaluations:dossier-detail", kwargs={"pk": dossier.pk})
    except NoReverseMatch:
        return reverse("evaluations:expert-queue")


def _run(request, dossier, action, success: str):
    return run_and_redirect(request, action, success=success, to=dossier_page_url(dossier))


@require_GET
def expert_queue_view(request):
    require(can_see_queue(request.user), NO_QUEUE)
    filterset = AssessmentQueueFilter(request.GET, actor=request.user)
    dossiers = assessment_queue_filtered(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(dossiers, request, PAGE_SIZE)
    context = {"filter": filterset, "page": page, "dossiers": page.object_list}
    response = render_page_or_fragment(
        request,
        context,
        page="evaluations/assessment/queue.html",
        fragment="evaluations/assessment/partials/queue_table.html",
        target="assessment-table",
    )
    return personal_data(response)


def _expert_entry(request, pk, form_class, service, success: str):
    """An expert's own entry on a dossier in scope: the form's fields are the service's arguments."""
    require(request.user.role == Role.EXPERT, ONLY_EXPERTS)
    dossier = dossier_for_assessment(actor=request.user, pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(dossier_page_url(dossier))
    return _run(
        request,
        dossier,
        lambda: service(actor=request.user, dossier=dossier, request=request, **form.cleaned_data),
        success,
    )


@require_POST
def score_enter_view(request, pk):
    """One method's score (``method`` and ``value``: the API's shape), or the panel's one form with every
    method's score (``value_<method>``)."""
    if "method" in request.POST:
        return _expert_entry(request, pk, MethodScoreForm, score_enter, _("The score is saved."))
    require(request.user.role == Role.EXPERT, ONLY_EXPERTS)
    dossier = dossier_for_assessment(actor=request.user, pk=pk)
    form = ScoresForm(request.POST, methods=scored_methods(dossier))
    if not form.is_valid():
        messages.error(request, _form_errors_labelled(form))
        return redirect(dossier_page_url(dossier))
    return _run(
        request,
        dossier,
        lambda: scores_enter(actor=request.user, dossier=dossier, values=form.values(), request=request),
        _("Your scores are saved."),
    )


@require_POST
def vote_cast_view(request, pk):
    return _expert_entry(request, pk, VoteForm, vote_cast, _("Your vote is recorded."))


def _chair_action(request, pk, service, success: str):
    """An action of the chair (or a provincial official) on a dossier in scope: ``service(actor, dossier)``."""
    require(request.user.role in (Role.EXPERT, Role.PROVINCIAL_OFFICIAL), ONLY_CHAIR_OR_PROVINCE)
    dossier = dossier_for_assessment(actor=request.user, pk=pk)
    return _run(request, dossier, lambda: service(actor=request.user, dossier=dossier, request=request), success)


@require_POST
def assessment_complete_view(request, pk):
    return _chair_action(request, pk, assessment_complete, _("Scoring is closed: the dossier is before the committee."))


@require_POST
def committee_decide_view(request, pk):
    return _chair_action(request, pk, committee_decide, _("The committee's decision is recorded."))


urlpatterns = [
    path("assessment/", expert_queue_view, name="expert-queue"),
    path("dossiers/<int:pk>/scores/", score_enter_view, name="score-enter"),
    path("dossiers/<int:pk>/votes/", vote_cast_view, name="vote-cast"),
    path("dossiers/<int:pk>/assessment/complete/", assessment_complete_view, name="assessment-complete"),
    path("dossiers/<int:pk>/decide/", committee_decide_view, name="committee-decide"),
]
