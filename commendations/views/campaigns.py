"""Pages of campaigns and quotas: permission check → selector → form → service → redirect
(docs/conventions.md §7). A role that may not act gets 403 before anything is looked up; a campaign
outside the actor's scope is 404 (the selectors raise it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import workflow
from accounts.errors import ApplicationError
from accounts.http import is_fragment_request, posted, render_page_or_fragment, require, save_form
from accounts.pagination import fast_page
from commendations.filters import CampaignFilter
from commendations.forms import CampaignForm, QuotaForm
from commendations.models import CampaignStatus
from commendations.rules import (
    NO_CAMPAIGN_ACCESS,
    ONLY_CAMPAIGN_MANAGERS,
    ONLY_CAMPAIGN_ORGANISERS,
    ONLY_QUOTA_SETTERS,
    can_browse_campaigns,
    can_browse_nominations,
    can_confer,
    can_create_campaigns,
    can_manage_campaign,
    can_nominate,
    can_print_awardees,
    can_publish_campaign_notice,
    can_use_recommend_queue,
    is_campaign_official_role,
    is_official_of_campaign,
    may_set_quotas,
)
from commendations.selectors.campaigns import campaign_get, campaign_list, campaign_quota_table
from commendations.services.campaigns import (
    campaign_close,
    campaign_conclude,
    campaign_create,
    campaign_update,
    organising_region,
)
from commendations.services.quotas import quota_set
from commendations.workflow import CAMPAIGN_WORKFLOW
from eligibility.selectors.criteria import clause_statements

PAGE_SIZE = 50


@require_GET
def campaign_list_view(request):
    require(can_browse_campaigns(request.user), NO_CAMPAIGN_ACCESS)
    filterset = CampaignFilter(request.GET, actor=request.user)
    page = fast_page(campaign_list(actor=request.user, filters=filterset.cleaned_values()), request, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "campaigns": page.object_list,
        "can_create": can_create_campaigns(request.user),
        # The nominations' pages are reached from here (the navigation leads to the campaigns).
        "can_browse_nominations": can_browse_nominations(request.user),
        "can_use_recommend_queue": can_use_recommend_queue(request.user),
    }
    return render_page_or_fragment(
        request,
        context,
        page="commendations/campaign_list.html",
        fragment="commendations/campaign_table.html",
        target="campaign-table",
    )


@require_http_methods(["GET", "POST"])
def campaign_create_view(request):
    require(can_create_campaigns(request.user), ONLY_CAMPAIGN_ORGANISERS)
    region = organising_region(request.user)
    form = CampaignForm(posted(request), region=region)
    saved = save_form(
        request,
        form,
        lambda data: campaign_create(actor=request.user, request=request, **data),
        success=lambda campaign: _("The campaign “%(campaign)s” is open.") % {"campaign": campaign},
        to=lambda campaign: reverse("commendations:campaign-detail", args=[campaign.pk]),
    )
    context = {"form": form, "campaign": None, "region": region}
    return saved or render(request, "commendations/campaign_form.html", context)


@require_http_methods(["GET", "POST"])
def campaign_edit_view(request, pk):
    require(can_create_campaigns(request.user), ONLY_CAMPAIGN_MANAGERS)
    campaign = campaign_get(actor=request.user, pk=pk)
    require(can_manage_campaign(request.user, campaign), ONLY_CAMPAIGN_MANAGERS)
    form = CampaignForm(posted(request), region=campaign.region, initial=CampaignForm.initial_for(campaign))
    saved = save_form(
        request,
        form,
        lambda data: campaign_update(actor=request.user, campaign=campaign, request=request, **data),
        success=_("The campaign is saved."),
        to=reverse("commendations:campaign-detail", args=[campaign.pk]),
    )
    context = {"form": form, "campaign": campaign, "region": campaign.region}
    return saved or render(request, "commendations/campaign_form.html", context)


def _detail_context(request, campaign, quota_form=None) -> dict:
    criteria = []
    if campaign.criteria_rule_set is not None:
        criteria = clause_statements(campaign.criteria_clauses, campaign.criteria_rule_set, get_language() or "")
    return {
        "campaign": campaign,
        "criteria": criteria,
        "quota_rows": campaign_quota_table(actor=request.user, campaign=campaign),
        "quota_form": quota_form if quota_form is not None else QuotaForm(campaign=campaign),
        "can_set_quotas": may_set_quotas(request.user),
        "actions": [
            (action, CAMPAIGN_WORKFLOW.action_label(action))
            for action in workflow.allowed_actions(CAMPAIGN_WORKFLOW, request.user, campaign)
        ],
        "can_edit": can_manage_campaign(request.user, campaign) and campaign.status == CampaignStatus.OPEN,
        # The campaign's later stages have their own pages; its officials reach them from here.
        "can_name_committee": is_campaign_official_role(request.user)
        and is_official_of_campaign(request.user, campaign),
        "can_publish_notice": can_publish_campaign_notice(request.user, campaign),
        "can_confer": can_confer(request.user, campaign),
        "can_print_awardees": can_print_awardees(request.user, campaign),
        "can_nominate": can_nominate(request.user) and campaign.status == CampaignStatus.OPEN,
    }


def _detail(request, campaign, quota_form=None):
    """The detail page, or only its quota card for an htmx swap into #campaign-quotas."""
    return render_page_or_fragment(
        request,
        _detail_context(request, campaign, quota_form),
        page="commendations/campaign_detail.html",
        fragment="commendations/campaign_quotas.html",
        target="campaign-quotas",
    )


@require_GET
def campaign_detail_view(request, pk):
    require(can_browse_campaigns(request.user), NO_CAMPAIGN_ACCESS)
    return _detail(request, campaign_get(actor=request.user, pk=pk))


@require_http_methods(["GET", "POST"])
def campaign_quotas_view(request, pk):
    """The quota table (the detail page's quota card), and setting one region's quota with its form."""
    require(can_browse_campaigns(request.user), NO_CAMPAIGN_ACCESS)
    if request.method == "POST":
        require(may_set_quotas(request.user), ONLY_QUOTA_SETTERS)
    campaign = campaign_get(actor=request.user, pk=pk)
    form = None
    if request.method == "POST":
        form = QuotaForm(request.POST, campaign=campaign)
        if form.is_valid():
            try:
                quota_set(actor=request.user, campaign=campaign, request=request, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                if not is_fragment_request(request, "campaign-quotas"):
                    messages.success(request, _("The quota is set."))
                    return redirect("commendations:campaign-detail", pk=campaign.pk)
                form = None
    return _detail(request, campaign, form)


def _step(request, pk, service, done_message):
    require(can_create_campaigns(request.user), ONLY_CAMPAIGN_MANAGERS)
    campaign = campaign_get(actor=request.user, pk=pk)
    require(can_manage_campaign(request.user, campaign), ONLY_CAMPAIGN_MANAGERS)
    try:
        service(actor=request.user, campaign=campaign, comment=request.POST.get("comment", ""), request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message)
    return redirect("commendations:campaign-detail", pk=campaign.pk)


@require_POST
def campaign_close_view(request, pk):
    return _step(request, pk, campaign_close, _("Nominations for this campaign are closed."))


@require_POST
def campaign_conclude_view(request, pk):
    return _step(request, pk, campaign_conclude, _("The campaign is concluded."))


urlpatterns = [
    path("campaigns/", campaign_list_view, name="campaign-list"),
    path("campaigns/new/", campaign_create_view, name="campaign-create"),
    path("campaigns/<int:pk>/", campaign_detail_view, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", campaign_edit_view, name="campaign-edit"),
    path("campaigns/<int:pk>/quotas/", campaign_quotas_view, name="campaign-quotas"),
    path("campaigns/<int:pk>/close/", campaign_close_view, name="campaign-close"),
    path("campaigns/<int:pk>/conclude/", campaign_conclude_view, name="campaign-conclude"),
]
