"""Pages of the expert review (docs/commendations.md#expert-review): the review queue, one nomination's
review (a member scores and votes; the campaign's officials see the tally and record the decision),
the campaign's committee and the decision on all of a campaign's nominations at once.

Role first (403), then the scoped object (404), then the service; a refused action (400/409) comes
back to the page as a message.
"""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.forms import BootstrapFormMixin, add_application_error
from accounts.http import form_errors_text, personal_data, render_page_or_fragment, require, run_and_redirect
from accounts.models import Role
from accounts.pagination import fast_page
from commendations.filters import ExpertReviewFilter
from commendations.rules import ONLY_CAMPAIGN_OFFICIALS as ONLY_OFFICIALS
from commendations.rules import ONLY_REVIEW_MEMBERS as ONLY_MEMBERS
from commendations.rules import ONLY_REVIEWERS, is_campaign_official_role, is_official_of_campaign
from commendations.rules import is_reviewer_role as can_see_reviews
from commendations.selectors import campaign_list
from commendations.selectors.review import review_get, review_panel, review_queue
from commendations.services.review import (
    campaign_committee_set,
    nomination_review_decide,
    nomination_review_decide_all,
    nomination_score_enter,
    nomination_vote_cast,
)
from committees.forms import ScoreForm, VoteForm
from committees.models import Committee
from committees.selectors import committee_list

PAGE_SIZE = 50


class CommitteeForm(BootstrapFormMixin, forms.Form):
    committee = forms.ModelChoiceField(
        label=gettext_lazy("Expert committee"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=gettext_lazy("— none —"),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["committee"])
        field.queryset = committee_list(actor=actor).order_by("name")


@require_GET
def review_queue_view(request):
    require(can_see_reviews(request.user), ONLY_REVIEWERS)
    filterset = ExpertReviewFilter(request.GET, actor=request.user)
    page = fast_page(review_queue(actor=request.user, filters=filterset.cleaned_values()), request, PAGE_SIZE)
    context = {"filter": filterset, "page": page, "nominations": page.object_list}
    response = render_page_or_fragment(
        request,
        context,
        page="commendations/review_queue.html",
        fragment="commendations/partials/review_table.html",
        target="review-table",
    )
    return personal_data(response)


@require_GET
def review_detail_view(request, pk):
    require(can_see_reviews(request.user), ONLY_REVIEWERS)
    nomination = review_get(actor=request.user, pk=pk)
    panel = review_panel(actor=request.user, nomination=nomination)
    context = {"nomination": nomination, "panel": panel, "score_form": ScoreForm(), "vote_form": VoteForm()}
    return personal_data(render(request, "commendations/review_detail.html", context))


def _run(request, pk, action, success: str):
    return run_and_redirect(request, action, success=success, to=reverse("commendations:review-detail", args=[pk]))


def _member_entry(request, pk, form_class, service, success: str):
    require(request.user.role == Role.EXPERT, ONLY_MEMBERS)
    nomination = review_get(actor=request.user, pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("commendations:review-detail", pk=pk)
    return _run(
        request,
        pk,
        lambda: service(actor=request.user, nomination=nomination, request=request, **form.cleaned_data),
        success,
    )


@require_POST
def review_score_view(request, pk):
    return _member_entry(request, pk, ScoreForm, nomination_score_enter, _("The score is saved."))


@require_POST
def review_vote_view(request, pk):
    return _member_entry(request, pk, VoteForm, nomination_vote_cast, _("Your vote is recorded."))


@require_POST
def review_decide_view(request, pk):
    require(is_campaign_official_role(request.user), ONLY_OFFICIALS)
    nomination = review_get(actor=request.user, pk=pk)
    try:
        decided = nomination_review_decide(actor=request.user, nomination=nomination, request=request)
    except PermissionDeniedError as refused:
        raise PermissionDenied(refused.message) from refused
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("commendations:review-detail", pk=pk)
    if decided.review_passed:
        messages.success(request, _("The committee's decision is recorded: passed."))
        return redirect("commendations:review-detail", pk=pk)
    messages.success(request, _("The committee's decision is recorded: not passed; the nomination is rejected."))
    return redirect("commendations:review-queue")


def _campaign(request, pk):
    require(is_campaign_official_role(request.user), ONLY_OFFICIALS)
    campaign = get_object_or_404(campaign_list(actor=request.user).select_related("committee"), pk=pk)
    require(is_official_of_campaign(request.user, campaign), ONLY_OFFICIALS)
    return campaign


@require_http_methods(["GET", "POST"])
def campaign_committee_view(request, pk):
    campaign = _campaign(request, pk)
    form = CommitteeForm(
        request.POST if request.method == "POST" else None,
        actor=request.user,
        initial={"committee": campaign.committee_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_committee_set(
                actor=request.user, campaign=campaign, committee=form.cleaned_data["committee"], request=request
            )
        except PermissionDeniedError as refused:
            raise PermissionDenied(refused.message) from refused
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("The campaign's expert committee is saved."))
            return redirect(reverse("commendations:review-queue") + f"?campaign={campaign.pk}")
    return render(request, "commendations/campaign_committee.html", {"form": form, "campaign": campaign})


@require_POST
def campaign_review_decisions_view(request, pk):
    campaign = _campaign(request, pk)
    try:
        decided, left = nomination_review_decide_all(actor=request.user, campaign=campaign, request=request)
    except PermissionDeniedError as refused:
        raise PermissionDenied(refused.message) from refused
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Decisions recorded: %(decided)d; left without a quorum: %(left)d.") % {"decided": decided, "left": left},
        )
    return redirect(reverse("commendations:review-queue") + f"?campaign={campaign.pk}")


urlpatterns = [
    path("reviews/", review_queue_view, name="review-queue"),
    path("reviews/<int:pk>/", review_detail_view, name="review-detail"),
    path("reviews/<int:pk>/score/", review_score_view, name="review-score"),
    path("reviews/<int:pk>/vote/", review_vote_view, name="review-vote"),
    path("reviews/<int:pk>/decide/", review_decide_view, name="review-decide"),
    path("campaigns/<int:pk>/committee/", campaign_committee_view, name="campaign-committee"),
    path("campaigns/<int:pk>/review-decisions/", campaign_review_decisions_view, name="campaign-review-decisions"),
]
