"""Public notice pages (no login: anyone may read and object) and the officials' objection pages.

Public: the list and a notice with an objection form per entry (the objector's contact is never
shown). Officials of the notice's province and the ministry: the objection queue, resolving, closing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.forms import add_application_error
from accounts.http import require
from accounts.pagination import fast_page
from accounts.private_files import serve_file
from notices.filters import NoticeFilter, ObjectionFilter
from notices.forms import ObjectionForm, ObjectionResolveForm
from notices.models import ObjectionStatus
from notices.rules import ONLY_NOTICE_OFFICIALS, can_handle_notice_region, handles_notices
from notices.selectors import (
    objection_get,
    objection_list_filtered,
    official_notice_get,
    public_notice_get,
    public_notice_list_filtered,
    unresolved_objection_counts,
)
from notices.services import (
    notice_close,
    notice_is_accepting_objections,
    notice_is_due_to_close,
    objection_file,
    objection_resolve,
)
from notices.throttle import objection_allowed

PAGE_SIZE = 20
RECEIPT_SESSION_KEY = "notices:objection_receipt"


@login_not_required
@require_GET
def notice_list_view(request):
    filters = NoticeFilter.clean({"due": request.GET["due"]} if "due" in request.GET else {})
    page = fast_page(public_notice_list_filtered(filters=filters), request, PAGE_SIZE)
    context = {"page": page, "notices": page.object_list, "due": bool(filters.get("due"))}
    return render(request, "notices/notice_list.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def notice_detail_view(request, pk):
    notice = public_notice_get(pk=pk)
    entries = list(notice.entries.all())
    form, failed_entry = None, None
    if request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES)
        if form.is_valid():
            entry = next((e for e in entries if e.pk == form.cleaned_data["entry"]), None)
            if entry is None:
                raise Http404
            failed_entry = entry.pk
            if not objection_allowed(request):
                form.add_error(None, _("Too many objections from your address; please try again later."))
            else:
                try:
                    objection = objection_file(
                        entry=entry,
                        name=form.cleaned_data["name"],
                        contact=form.cleaned_data["contact"],
                        reason=form.cleaned_data["reason"],
                        attachment=form.cleaned_data.get("attachment"),
                        request=request,
                    )
                except ApplicationError as error:
                    add_application_error(form, error)
                else:
                    # The receipt page reads it from the session once (post/redirect/get, no number in a URL).
                    request.session[RECEIPT_SESSION_KEY] = {"receipt": objection.receipt_number, "notice": notice.pk}
                    return redirect("notices:objection-receipt")
        else:
            failed_entry = request.POST.get("entry")
    official = can_handle_notice_region(request.user, notice.region)
    unresolved = unresolved_objection_counts(notice=notice) if official else {}
    for entry in entries:
        entry.bound = str(entry.pk) == str(failed_entry)
        entry.unresolved = unresolved.get(entry.pk, 0)
    context = {
        "notice": notice,
        "entries": entries,
        "form": form,
        "accepting": notice_is_accepting_objections(notice),
        "official": official,
        "can_close": official and notice_is_due_to_close(notice),
        "has_id_numbers": any(entry.masked_id_number for entry in entries),
    }
    return render(request, "notices/notice_detail.html", context, status=400 if form and form.errors else 200)


@login_not_required
@require_GET
def objection_receipt_view(request):
    """The confirmation page after an objection: the receipt number to quote (shown once)."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not receipt:
        return redirect("notices:notice-list")
    notice = public_notice_get(pk=receipt["notice"])
    response = render(
        request, "notices/objection_receipt.html", {"receipt_number": receipt["receipt"], "notice": notice}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def objection_list_view(request):
    require(handles_notices(request.user), ONLY_NOTICE_OFFICIALS)
    filterset = ObjectionFilter(request.GET, actor=request.user)
    objections = objection_list_filtered(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(objections, request, PAGE_SIZE)
    return render(
        request,
        "notices/objection_list.html",
        {"page": page, "objections": page.object_list, "filter": filterset},
    )


@require_http_methods(["GET", "POST"])
def objection_resolve_view(request, pk):
    require(handles_notices(request.user), ONLY_NOTICE_OFFICIALS)
    objection = objection_get(actor=request.user, pk=pk)
    form = ObjectionResolveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and objection.status == ObjectionStatus.FILED and form.is_valid():
        try:
            objection_resolve(
                actor=request.user,
                objection=objection,
                upheld=form.cleaned_data["decision"] == ObjectionStatus.UPHELD,
                resolution=form.cleaned_data["resolution"],
                request=request,
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("The objection has been resolved."))
            return redirect("notices:objection-list")
    return render(request, "notices/objection_resolve.html", {"objection": objection, "form": form})


@require_GET
def objection_attachment_view(request, pk):
    """An objection's attachment, for the officials handling its notice only (never public)."""
    require(handles_notices(request.user), ONLY_NOTICE_OFFICIALS)
    objection = objection_get(actor=request.user, pk=pk)
    if not objection.attachment:
        raise Http404
    return serve_file(
        name=objection.attachment.name,
        content_type=objection.attachment_content_type,
        original_name=objection.attachment_name,
    )


@require_POST
def notice_close_view(request, pk):
    require(handles_notices(request.user), ONLY_NOTICE_OFFICIALS)
    notice = official_notice_get(actor=request.user, pk=pk)
    try:
        notice_close(notice=notice, actor=request.user, request=request)
    except ApplicationError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
        response = redirect("notices:notice-detail", pk=notice.pk)
        return response
    messages.success(request, _("The notice has been closed; its entries are confirmed."))
    return redirect("notices:notice-detail", pk=notice.pk)
