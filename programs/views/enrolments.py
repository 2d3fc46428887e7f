"""Enrolment pages: enrol one talent or an xlsx file, the template, recording completion."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.http import require, xlsx_response
from programs.forms import BulkCompletionForm, CompletionForm, EnrolmentForm, EnrolmentUploadForm, completion_default
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ENROLLERS,
    can_browse_programs,
    can_enrol,
    can_manage_activity,
)
from programs.selectors.activities import activity_get
from programs.selectors.enrolments import activity_enrolments
from programs.services.enrolments import (
    EnrolmentUploadError,
    enrolment_bulk_create,
    enrolment_complete,
    enrolment_complete_many,
    enrolment_create,
)
from programs.spreadsheets import enrolment_template


@sensitive_post_parameters("id_number")  # never in an error report
@require_http_methods(["GET", "POST"])
def activity_enrol_view(request, pk):
    """Enrol one talent by ID number, or many from an xlsx file (all or nothing, with row errors)."""
    require(can_enrol(request.user), ONLY_ENROLLERS)
    activity = activity_get(actor=request.user, pk=pk)
    single = EnrolmentForm(request.POST if "id_number" in request.POST else None, actor=request.user)
    upload = EnrolmentUploadForm(
        request.POST if "upload" in request.POST else None, request.FILES if "upload" in request.POST else None
    )
    row_errors = []
    if request.method == "POST" and single.is_bound and single.is_valid():
        try:
            enrolment_create(actor=request.user, activity=activity, talent=single.talent, request=request)
        except ApplicationError as error:
            single.add_application_error(error if error.field != "talent" else as_field(error, "id_number"))
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": single.talent.name})
            return redirect("programs:activity-detail", pk=activity.pk)
    if request.method == "POST" and upload.is_bound and upload.is_valid():
        try:
            created = enrolment_bulk_create(
                actor=request.user, activity=activity, upload=upload.cleaned_data["file"], request=request
            )
        except EnrolmentUploadError as error:
            row_errors = error.row_errors
            upload.add_error(None, error.message)
        except ApplicationError as error:
            upload.add_application_error(error)
        else:
            messages.success(
                request,
                ngettext("%(count)d talent enrolled.", "%(count)d talents enrolled.", len(created))
                % {"count": len(created)},
            )
            return redirect("programs:activity-detail", pk=activity.pk)
    context = {"activity": activity, "single": single, "upload": upload, "row_errors": row_errors}
    return render(request, "programs/activity_enrol.html", context)


def as_field(error: ApplicationError, field: str) -> ApplicationError:
    error.field = field
    if hasattr(error, "validation_error"):
        del error.validation_error
    return error


@require_GET
def enrolment_template_view(request, pk):
    require(can_enrol(request.user), ONLY_ENROLLERS)
    activity = activity_get(actor=request.user, pk=pk)
    return xlsx_response(enrolment_template(activity), f"enrolment-template-{activity.pk}.xlsx")


@require_POST
def enrolment_complete_view(request, pk, eid):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    require(can_manage_activity(request.user, activity), ONLY_ACTIVITY_MANAGERS)
    enrolment = get_object_or_404(activity_enrolments(actor=request.user, activity=activity), pk=eid)
    form = CompletionForm(request.POST)
    error = None
    if form.is_valid():
        try:
            enrolment = enrolment_complete(
                actor=request.user,
                enrolment=enrolment,
                completed_on=form.cleaned_data["completed_on"],
                request=request,
            )
        except ApplicationError as refused:
            error = refused.message
    else:
        error = _("Enter a valid date.")
    if request.htmx:
        context = {"enrolment": enrolment, "activity": activity, "manages": True, "row_error": error}
        context["completion_form"] = CompletionForm(initial={"completed_on": completion_default(activity)})
        return render(request, "programs/partials/enrolment_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Completion recorded for %(name)s.") % {"name": enrolment.talent.name})
    return redirect("programs:activity-detail", pk=activity.pk)


@require_POST
def enrolment_complete_many_view(request, pk):
    """Completion for the enrolments ticked on the activity's page, with one date (all or none)."""
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    require(can_manage_activity(request.user, activity), ONLY_ACTIVITY_MANAGERS)
    enrolments = activity_enrolments(actor=request.user, activity=activity).select_related("talent", "activity")
    form = BulkCompletionForm(request.POST, enrolments=enrolments)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("programs:activity-detail", pk=activity.pk)
    try:
        done = enrolment_complete_many(
            actor=request.user,
            activity=activity,
            enrolments=list(form.cleaned_data["enrolments"]),
            completed_on=form.cleaned_data["completed_on"],
            request=request,
        )
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            ngettext(
                "Completion recorded for %(count)d talent.", "Completion recorded for %(count)d talents.", len(done)
            )
            % {"count": len(done)},
        )
    return redirect("programs:activity-detail", pk=activity.pk)


urlpatterns = [
    path("activities/<int:pk>/enrol/", activity_enrol_view, name="activity-enrol"),
    path("activities/<int:pk>/enrol/template/", enrolment_template_view, name="enrolment-template"),
    path("activities/<int:pk>/enrolments/<int:eid>/complete/", enrolment_complete_view, name="enrolment-complete"),
    path("activities/<int:pk>/enrolments/complete/", enrolment_complete_many_view, name="enrolment-complete-many"),
]
