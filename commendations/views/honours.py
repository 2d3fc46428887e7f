"""Pages of public notice, conferral and honours (docs/commendations.md): publishing a campaign's
notice, the conferral queue of a campaign, the awardees' PDF and the honours roll."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.forms import add_application_error
from accounts.http import personal_data, render_page_or_fragment, require
from accounts.pagination import fast_page
from commendations import rules
from commendations.filters import HonourRollFilter
from commendations.forms import CampaignNoticeForm
from commendations.pdf import awardees_pdf
from commendations.selectors.honours import campaign_awardees, honour_roll
from commendations.selectors.publicity import (
    campaign_get,
    campaign_nomination_get,
    nominations_in_publicity,
    notice_entry_of,
    publishable_nominations,
)
from commendations.services.conferral import conferral_refusal, nomination_confer
from commendations.services.publicity import campaign_authority, campaign_notice_publish, default_notice_title

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def campaign_notice_publish_view(request, pk):
    campaign = campaign_get(actor=request.user, pk=pk)
    require(rules.can_publish_campaign_notice(request.user, campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
    initial = {"title": default_notice_title(campaign), "issuing_authority": campaign_authority(campaign)}
    form = CampaignNoticeForm(
        request.POST if request.method == "POST" else None,
        candidates=publishable_nominations(campaign=campaign),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice = campaign_notice_publish(
                actor=request.user, campaign=campaign, request=request, **form.cleaned_data
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("The notice “%(title)s” is published.") % {"title": notice.title})
            return redirect("notices:notice-detail", pk=notice.pk)
    return render(
        request,
        "commendations/campaign_notice_publish.html",
        {"campaign": campaign, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def campaign_conferral_view(request, pk):
    """The campaign's nominations in public notice, each with whether it can be conferred now and why not."""
    campaign = campaign_get(actor=request.user, pk=pk)
    require(rules.can_confer(request.user, campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
    rows = []
    for nomination in nominations_in_publicity(campaign=campaign):
        entry = notice_entry_of(nomination)
        refusal = conferral_refusal(nomination, entry)
        rows.append({"nomination": nomination, "entry": entry, "refusal": refusal.message if refusal else ""})
    return render(request, "commendations/campaign_conferral.html", {"campaign": campaign, "rows": rows})


@require_POST
def nomination_confer_view(request, pk, nomination_pk):
    campaign = campaign_get(actor=request.user, pk=pk)
    require(rules.can_confer(request.user, campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
    nomination = campaign_nomination_get(campaign=campaign, pk=nomination_pk)
    try:
        nomination_confer(actor=request.user, nomination=nomination, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The award is conferred."))
    return redirect("commendations:campaign-conferral", pk=campaign.pk)


@require_GET
def campaign_awardees_pdf_view(request, pk):
    campaign = campaign_get(actor=request.user, pk=pk)
    require(rules.can_print_awardees(request.user, campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
    content = awardees_pdf(campaign, campaign_awardees(campaign=campaign), authority=campaign_authority(campaign))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="awardees-{campaign.year}-{campaign.pk}.pdf"'
    return personal_data(response)


@require_GET
def honour_roll_view(request):
    require(rules.can_see_honours_roll(request.user), rules.NO_HONOURS_ROLL)
    filterset = HonourRollFilter(request.GET, actor=request.user)
    page = fast_page(honour_roll(actor=request.user, filters=filterset.cleaned_values()), request, PAGE_SIZE)
    for honour in page.object_list:  # the reverse one-to-one raises when missing; joined by the selector
        nomination = getattr(honour, "nomination", None)
        honour.campaign_label = str(nomination.campaign) if nomination is not None else ""
    context = {
        "filter": filterset,
        "page": page,
        "honours": page.object_list,
        "list_url": reverse("commendations:honours-roll"),
    }
    return render_page_or_fragment(
        request,
        context,
        page="commendations/honour_roll.html",
        fragment="commendations/partials/honour_roll_table.html",
        target="honour-roll-table",
    )


urlpatterns = [
    path("campaigns/<int:pk>/notice/", campaign_notice_publish_view, name="campaign-notice-publish"),
    path("campaigns/<int:pk>/conferral/", campaign_conferral_view, name="campaign-conferral"),
    path(
        "campaigns/<int:pk>/nominations/<int:nomination_pk>/confer/",
        nomination_confer_view,
        name="nomination-confer",
    ),
    path("campaigns/<int:pk>/awardees.pdf", campaign_awardees_pdf_view, name="campaign-awardees-pdf"),
    path("honours/", honour_roll_view, name="honours-roll"),
]
