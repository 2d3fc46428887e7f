"""Exports of list pages: start one (small ones answered at once), watch a large one, download it.

A list page posts its current filters to ``exports:start`` with its registry name; only the requester
reaches an export's status page and file.
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.http import XLSX, personal_data, render_page_or_fragment, require, xlsx_response
from exports.models import ExportStatus
from exports.registry import list_export
from exports.selectors import export_get
from exports.services import export_filename, export_request

app_name = "exports"


def _spec(name: str):
    spec = list_export(name)
    if spec is None:
        raise Http404
    return spec


@require_POST
def export_start_view(request, name):
    """The list's filters travel in the query string, as on the page; the answer is the file or a status page."""
    spec = _spec(name)
    require(spec.may_export(request.user), spec.refusal)
    try:
        answer = export_request(actor=request.user, spec=spec, data=request.GET, request=request)
    except PermissionDeniedError as refused:
        require(False, refused.message)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(reverse(spec.page) + (f"?{request.GET.urlencode()}" if request.GET else ""))
    if answer.direct:
        return personal_data(xlsx_response(answer.content, export_filename(spec)))
    return redirect("exports:status", pk=answer.export.pk)


@require_GET
def export_status_view(request, pk):
    export = export_get(actor=request.user, pk=pk)
    context = {"export": export, "spec": list_export(export.list_name), "keep_days": settings.EXPORT_KEEP_DAYS}
    response = render_page_or_fragment(
        request,
        context,
        page="exports/status.html",
        fragment="exports/partials/progress.html",
        target="export-progress",
    )
    return personal_data(response)


@require_GET
def export_download_view(request, pk):
    export = export_get(actor=request.user, pk=pk)
    spec = list_export(export.list_name)
    if export.status != ExportStatus.DONE or not export.file or spec is None:
        raise Http404
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export_filename(spec), content_type=XLSX
    )
    return personal_data(response)


urlpatterns = [
    path("<int:pk>/", export_status_view, name="status"),
    path("<int:pk>/download/", export_download_view, name="download"),
    path("<str:name>/", export_start_view, name="start"),
]
