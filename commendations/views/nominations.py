"""The nomination pages (docs/commendations.md#nominations): the list with its filters and export, the
"to recommend" queue of city and provincial officials, drafting and editing (clerks, city officials),
the detail page (nominee, texts, criteria result with reasons, attachments, audit trail, the steps the
reader may take with their comment forms), and the scoped attachment download.

Permission check → selector (404 out of scope) → form → service → redirect (docs/conventions.md §7).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.http import personal_data, posted, render_page_or_fragment, require, save_form
from accounts.pagination import fast_page
from accounts.private_files import download_response
from accounts.selectors import audit_trail_for
from commendations import rules
from commendations.filters import NominationFilter
from commendations.forms import NominationAttachmentForm, NominationCreateForm, NominationStepForm, NominationTextsForm
from commendations.models import NominationStatus
from commendations.selectors.nominations import (
    nomination_attachment_get,
    nomination_attachments,
    nomination_get,
    nomination_list,
    nomination_queue,
)
from commendations.services.nominations import (
    CriteriaFailedError,
    nomination_attachment_add,
    nomination_attachment_remove,
    nomination_create,
    nomination_criteria,
    nomination_recommend,
    nomination_reject,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from commendations.services.review import nomination_review_start
from commendations.workflow import NOMINATION_WORKFLOW

PAGE_SIZE = 50

STEPS = {
    # The campaign's committee must be named first (the service says so): never the bare workflow step.
    "start_review": lambda actor, nomination, comment, request: nomination_review_start(
        actor=actor, nomination=nomination, request=request
    ),
    "submit": lambda actor, nomination, comment, request: nomination_submit(
        actor=actor, nomination=nomination, request=request
    ),
    "withdraw": lambda actor, nomination, comment, request: nomination_withdraw(
        actor=actor, nomination=nomination, comment=comment, request=request
    ),
    "recommend": lambda actor, nomination, comment, request: nomination_recommend(
        actor=actor, nomination=nomination, comment=comment, request=request
    ),
    "return": lambda actor, nomination, comment, request: nomination_return(
        actor=actor, nomination=nomination, comment=comment, request=request
    ),
    "reject": lambda actor, nomination, comment, request: nomination_reject(
        actor=actor, nomination=nomination, comment=comment, request=request
    ),
}
BUTTON_LABELS = {
    "start_review": gettext_lazy("Send to expert review"),
    "submit": gettext_lazy("Submit"),
    "withdraw": gettext_lazy("Withdraw"),
    "recommend": gettext_lazy("Recommend"),
    "return": gettext_lazy("Return for revision"),
    "reject": gettext_lazy("Reject"),
}
# The steps whose form shows a comment box (required for return and reject).
COMMENTED = ("withdraw", "recommend", "return", "reject")


def detail_url(nomination) -> str:
    return reverse("commendations:nomination-detail", kwargs={"pk": nomination.pk})


def _status_label(code: str) -> str:
    return str(NominationStatus(code).label) if code in NominationStatus.values else code


def _list_page(request, queryset, filterset, *, page_template: str, list_url_name: str, title: str):
    page = fast_page(queryset, request, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "nominations": page.object_list,
        "list_url_name": list_url_name,
        "title": title,
        "can_nominate": rules.can_nominate(request.user),
    }
    response = render_page_or_fragment(
        request,
        context,
        page=page_template,
        fragment="commendations/partials/nomination_table.html",
        target="nomination-table",
    )
    return personal_data(response)


@require_GET
def nomination_list_view(request):
    require(rules.can_browse_nominations(request.user), rules.NO_NOMINATIONS_ACCESS)
    filterset = NominationFilter(request.GET, actor=request.user)
    queryset = nomination_list(actor=request.user, filters=filterset.cleaned_values())
    return _list_page(
        request,
        queryset,
        filterset,
        page_template="commendations/nomination_list.html",
        list_url_name="commendations:nomination-list",
        title=_("Nominations"),
    )


@require_GET
def nomination_queue_view(request):
    """The nominations awaiting this official's recommendation, first submitted first."""
    require(rules.can_use_recommend_queue(request.user), rules.NO_RECOMMEND_QUEUE)
    filterset = NominationFilter(request.GET, actor=request.user)
    queryset = nomination_queue(actor=request.user, filters=filterset.cleaned_values())
    return _list_page(
        request,
        queryset,
        filterset,
        page_template="commendations/nomination_list.html",
        list_url_name="commendations:nomination-queue",
        title=_("Nominations to recommend"),
    )


def _detail_url(nomination) -> str:
    return reverse("commendations:nomination-detail", args=[nomination.pk])


@require_http_methods(["GET", "POST"])
def nomination_create_view(request):
    require(rules.can_nominate(request.user), rules.ONLY_NOMINATORS)
    initial = {"campaign": request.GET.get("campaign")} if request.GET.get("campaign") else {}
    form = NominationCreateForm(posted(request), actor=request.user, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: nomination_create(
            actor=request.user,
            campaign=data["campaign"],
            talent=data.get("talent"),
            nominee_organisation=data.get("nominee_organisation"),
            achievements=data.get("achievements", ""),
            recommendation=data.get("recommendation", ""),
            request=request,
        ),
        success=_("The nomination is drafted: add attachments, then submit it."),
        to=_detail_url,
    )
    return saved or render(request, "commendations/nomination_form.html", {"form": form, "nomination": None})


@require_http_methods(["GET", "POST"])
def nomination_edit_view(request, pk):
    require(rules.can_nominate(request.user), rules.ONLY_NOMINATORS)
    nomination = nomination_get(actor=request.user, pk=pk)
    if not rules.can_edit_nomination(request.user, nomination):
        raise PermissionDenied(rules.NOT_EDITABLE)
    initial = {"achievements": nomination.achievements, "recommendation": nomination.recommendation}
    form = NominationTextsForm(posted(request), initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: nomination_update(
            actor=request.user,
            nomination=nomination,
            achievements=data["achievements"],
            recommendation=data["recommendation"],
            request=request,
        ),
        success=_("The nomination is saved."),
        to=_detail_url(nomination),
    )
    return saved or render(request, "commendations/nomination_form.html", {"form": form, "nomination": nomination})


def render_detail(request, nomination, *, status: int = 200, step_form=None, attachment_form=None, reasons=None):
    actor = request.user
    actions = workflow.allowed_actions(NOMINATION_WORKFLOW, actor, nomination)
    criteria = nomination_criteria(nomination)
    context = {
        "nomination": nomination,
        "criteria": criteria,
        "refusal_reasons": reasons,
        "attachments": list(nomination_attachments(nomination=nomination)),
        "editable": rules.can_edit_nomination(actor, nomination),
        "actions": [
            {"code": code, "label": BUTTON_LABELS[code], "commented": code in COMMENTED}
            for code in actions
            if code in STEPS  # publishing and conferral have their own pages (the campaign's)
        ],
        "step_form": step_form,
        "attachment_form": attachment_form or NominationAttachmentForm(),
        "audit_trail": [
            {"entry": entry, "from": _status_label(entry.from_state), "to": _status_label(entry.to_state)}
            for entry in audit_trail_for(nomination)
        ],
    }
    return personal_data(render(request, "commendations/nomination_detail.html", context, status=status))


@require_GET
def nomination_detail_view(request, pk):
    require(rules.can_browse_nominations(request.user), rules.NO_NOMINATIONS_ACCESS)
    return render_detail(request, nomination_get(actor=request.user, pk=pk))


@require_POST
def nomination_step_view(request, pk):
    """One workflow step (submit, withdraw, recommend, return, reject) with its comment."""
    require(rules.can_browse_nominations(request.user), rules.NO_NOMINATIONS_ACCESS)
    nomination = nomination_get(actor=request.user, pk=pk)
    form = NominationStepForm(request.POST)
    if not form.is_valid():
        return render_detail(request, nomination, status=400, step_form=form)
    step = STEPS[form.cleaned_data["action"]]
    try:
        updated = step(request.user, nomination, form.cleaned_data["comment"], request)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except CriteriaFailedError as error:
        messages.error(request, error.message)
        return render_detail(request, nomination, status=400, reasons=error.reasons)
    except ApplicationError as error:
        messages.error(request, error.message)
        return render_detail(request, nomination_get(actor=request.user, pk=pk), status=error.status or 400)
    messages.success(request, _("Done: the nomination is now “%(status)s”.") % {"status": updated.get_status_display()})
    return redirect("commendations:nomination-detail", pk=nomination.pk)


@require_POST
def nomination_attachment_upload_view(request, pk):
    require(rules.can_nominate(request.user), rules.ONLY_NOMINATORS)
    nomination = nomination_get(actor=request.user, pk=pk)
    form = NominationAttachmentForm(request.POST, request.FILES)
    saved = save_form(
        request,
        form,
        lambda data: nomination_attachment_add(
            actor=request.user, nomination=nomination, upload=data["file"], request=request
        ),
        success=_("The attachment is added."),
        to=_detail_url(nomination),
    )
    return saved or render_detail(request, nomination, status=400, attachment_form=form)


@require_GET
def nomination_attachment_download_view(request, pk):
    """Only through the nomination's scope (404 otherwise), always as a download with the detected type."""
    attachment = nomination_attachment_get(actor=request.user, pk=pk)
    return personal_data(download_response(attachment))


@require_POST
def nomination_attachment_remove_view(request, pk):
    require(rules.can_nominate(request.user), rules.ONLY_NOMINATORS)
    attachment = nomination_attachment_get(actor=request.user, pk=pk)
    try:
        nomination_attachment_remove(actor=request.user, attachment=attachment, request=request)
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The attachment is removed."))
    return redirect("commendations:nomination-detail", pk=attachment.nomination_id)


urlpatterns = [
    path("nominations/", nomination_list_view, name="nomination-list"),
    path("nominations/queue/", nomination_queue_view, name="nomination-queue"),
    path("nominations/new/", nomination_create_view, name="nomination-create"),
    path("nominations/<int:pk>/", nomination_detail_view, name="nomination-detail"),
    path("nominations/<int:pk>/edit/", nomination_edit_view, name="nomination-edit"),
    path("nominations/<int:pk>/steps/", nomination_step_view, name="nomination-step"),
    path(
        "nominations/<int:pk>/attachments/new/", nomination_attachment_upload_view, name="nomination-attachment-upload"
    ),
    path(
        "nomination-attachments/<int:pk>/download/",
        nomination_attachment_download_view,
        name="nomination-attachment-download",
    ),
    path(
        "nomination-attachments/<int:pk>/remove/",
        nomination_attachment_remove_view,
        name="nomination-attachment-remove",
    ),
]
