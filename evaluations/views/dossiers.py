"""The clerk's dossier pages: my dossiers, create, edit (fields, evidence, attachments, the eligibility
preview), submit and withdraw; and the scoped attachment download every role with the dossier in
scope may use. The dossier's detail page is the review area's (``evaluations:dossier-detail``).

Permission check → selector (404 out of scope) → form → service → redirect (docs/conventions.md §7).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.http import personal_data, posted, render_page_or_fragment, require, save_form
from accounts.pagination import fast_page
from accounts.private_files import download_response
from evaluations.filters import DossierFilter
from evaluations.forms import AttachmentForm, DossierCreateForm, DossierFieldsForm, EvidenceForm
from evaluations.rules import ONLY_CLERKS_DRAFT, can_draft_dossiers
from evaluations.selectors.dossiers import (
    attachment_get,
    dossier_attachments,
    dossier_evidence,
    dossier_get,
    dossier_return_review,
    dossiers_filtered,
    eligibility_preview,
    evidence_get,
)
from evaluations.services.attachments import attachment_add, attachment_remove
from evaluations.services.dossiers import (
    dossier_create,
    dossier_submit,
    dossier_update,
    dossier_withdraw,
    evidence_add,
    evidence_remove,
    evidence_update,
)
from evaluations.workflow import DOSSIER_WORKFLOW

PAGE_SIZE = 50


def _refuse(request, error: ApplicationError):
    if isinstance(error, PermissionDeniedError):
        raise PermissionDenied(error.message) from error
    messages.error(request, error.message)


def detail_url(dossier) -> str:
    return reverse("evaluations:dossier-detail", kwargs={"pk": dossier.pk})


# My dossiers


@require_GET
def dossier_list_view(request):
    require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
    filterset = DossierFilter(request.GET, actor=request.user)
    dossiers = dossiers_filtered(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(dossiers, request, PAGE_SIZE)
    context = {"filter": filterset, "page": page, "dossiers": page.object_list}
    response = render_page_or_fragment(
        request,
        context,
        page="evaluations/dossiers/list.html",
        fragment="evaluations/dossiers/partials/dossier_table.html",
        target="dossier-table",
    )
    return personal_data(response)


@require_http_methods(["GET", "POST"])
def dossier_create_view(request):
    require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
    initial = {"round": request.GET.get("round")} if request.GET.get("round") else {}
    form = DossierCreateForm(posted(request), actor=request.user, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: dossier_create(
            actor=request.user,
            round=data["round"],
            talent=data["talent"],
            track=data["track"],
            target_level=data["target_level"] or None,
            request=request,
        ),
        success=_("The dossier is created: add evidence and attachments, then submit it."),
        to=_edit_url,
    )
    return saved or render(request, "evaluations/dossiers/create.html", {"form": form})


def _editable_dossier(request, pk):
    require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
    return dossier_get(actor=request.user, pk=pk)


def _edit_context(request, dossier, *, fields_form=None, evidence_form=None, attachment_form=None) -> dict:
    evidence = dossier_evidence(dossier=dossier)
    return {
        "dossier": dossier,
        "editable": dossier.is_editable,
        "fields_form": fields_form
        or DossierFieldsForm(initial={"track": dossier.track, "target_level": dossier.target_level}),
        "evidence_form": evidence_form or EvidenceForm(),
        "attachment_form": attachment_form or AttachmentForm(evidence=evidence),
        "evidence": list(evidence),
        "attachments": list(dossier_attachments(dossier=dossier)),
        "preview": eligibility_preview(dossier=dossier),
        "actions": workflow.allowed_actions(DOSSIER_WORKFLOW, request.user, dossier),
        "return_review": dossier_return_review(dossier=dossier),
    }


def _edit_page(request, dossier, *, status=200, **forms_):
    """The edit page, with the given forms (bound, carrying their errors) in place of the empty ones."""
    context = _edit_context(request, dossier, **forms_)
    return personal_data(render(request, "evaluations/dossiers/edit.html", context, status=status))


def _edit_url(dossier) -> str:
    return reverse("evaluations:dossier-edit", args=[dossier.pk])


def _remove(request, dossier_pk: int, action, success: str):
    """Run a removal; its refusal becomes a message; back to the edit page either way."""
    try:
        action()
    except ApplicationError as error:
        _refuse(request, error)
    else:
        messages.success(request, success)
    return redirect("evaluations:dossier-edit", pk=dossier_pk)


@require_http_methods(["GET", "POST"])
def dossier_edit_view(request, pk):
    dossier = _editable_dossier(request, pk)
    fields_form = DossierFieldsForm(posted(request))
    saved = save_form(
        request,
        fields_form,
        lambda data: dossier_update(actor=request.user, dossier=dossier, request=request, **data),
        success=_("The dossier is saved."),
        to=_edit_url(dossier),
    )
    return saved or _edit_page(request, dossier, fields_form=fields_form if request.method == "POST" else None)


@require_POST
def dossier_submit_view(request, pk):
    dossier = _editable_dossier(request, pk)
    try:
        dossier_submit(actor=request.user, dossier=dossier, request=request)
    except ApplicationError as error:
        _refuse(request, error)
        return redirect("evaluations:dossier-edit", pk=dossier.pk)
    messages.success(request, _("The dossier is submitted for review."))
    return redirect(detail_url(dossier))


@require_POST
def dossier_withdraw_view(request, pk):
    dossier = _editable_dossier(request, pk)
    try:
        dossier_withdraw(actor=request.user, dossier=dossier, comment=request.POST.get("comment", ""), request=request)
    except ApplicationError as error:
        _refuse(request, error)
        return redirect(detail_url(dossier))
    messages.success(request, _("The dossier is withdrawn; you may change it and submit it again."))
    return redirect("evaluations:dossier-edit", pk=dossier.pk)


# Evidence


@require_POST
def evidence_add_view(request, pk):
    dossier = _editable_dossier(request, pk)
    form = EvidenceForm(request.POST)
    saved = save_form(
        request,
        form,
        lambda data: evidence_add(actor=request.user, dossier=dossier, request=request, **data),
        success=_("The evidence item is added."),
        to=_edit_url(dossier),
    )
    return saved or _edit_page(request, dossier, evidence_form=form, status=400)


@require_http_methods(["GET", "POST"])
def evidence_edit_view(request, pk, eid):
    dossier = _editable_dossier(request, pk)
    item = evidence_get(dossier=dossier, pk=eid)
    form = EvidenceForm(
        posted(request), initial={"kind": item.kind, "description": item.description, "date": item.date}
    )
    saved = save_form(
        request,
        form,
        lambda data: evidence_update(actor=request.user, item=item, request=request, **data),
        success=_("The evidence item is saved."),
        to=_edit_url(dossier),
    )
    context = {"dossier": dossier, "item": item, "form": form}
    return saved or render(request, "evaluations/dossiers/evidence_form.html", context)


@require_POST
def evidence_remove_view(request, pk, eid):
    dossier = _editable_dossier(request, pk)
    item = evidence_get(dossier=dossier, pk=eid)
    return _remove(
        request,
        dossier.pk,
        lambda: evidence_remove(actor=request.user, item=item, request=request),
        _("The evidence item is removed."),
    )


# Attachments


@require_POST
def attachment_upload_view(request, pk):
    dossier = _editable_dossier(request, pk)
    form = AttachmentForm(request.POST, request.FILES, evidence=dossier_evidence(dossier=dossier))
    saved = save_form(
        request,
        form,
        lambda data: attachment_add(
            actor=request.user,
            dossier=dossier,
            upload=data["file"],
            evidence_item=data["evidence_item"],
            request=request,
        ),
        success=_("The file is attached."),
        to=_edit_url(dossier),
    )
    return saved or _edit_page(request, dossier, attachment_form=form, status=400)


@require_GET
def attachment_download_view(request, pk):
    """Only through the dossier's scope (404 otherwise), always as a download with the detected type."""
    attachment = attachment_get(actor=request.user, pk=pk)
    return personal_data(download_response(attachment))


@require_POST
def attachment_remove_view(request, pk):
    require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
    attachment = attachment_get(actor=request.user, pk=pk)
    return _remove(
        request,
        attachment.dossier_id,
        lambda: attachment_remove(actor=request.user, attachment=attachment, request=request),
        _("The attachment is removed."),
    )


urlpatterns = [
    path("dossiers/mine/", dossier_list_view, name="dossier-list"),
    path("dossiers/new/", dossier_create_view, name="dossier-create"),
    path("dossiers/<int:pk>/edit/", dossier_edit_view, name="dossier-edit"),
    path("dossiers/<int:pk>/submit/", dossier_submit_view, name="dossier-submit"),
    path("dossiers/<int:pk>/withdraw/", dossier_withdraw_view, name="dossier-withdraw"),
    path("dossiers/<int:pk>/evidence/new/", evidence_add_view, name="evidence-add"),
    path("dossiers/<int:pk>/evidence/<int:eid>/edit/", evidence_edit_view, name="evidence-edit"),
    path("dossiers/<int:pk>/evidence/<int:eid>/remove/", evidence_remove_view, name="evidence-remove"),
    path("dossiers/<int:pk>/attachments/new/", attachment_upload_view, name="attachment-upload"),
    path("attachments/<int:pk>/download/", attachment_download_view, name="attachment-download"),
    path("attachments/<int:pk>/remove/", attachment_remove_view, name="attachment-remove"),
]
