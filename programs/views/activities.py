"""Activity pages: the filtered list, create and edit, the activity's page with its enrolments, status moves."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.http import posted, render_page_or_fragment, require, save_form
from accounts.pagination import fast_page
from programs.filters import ActivityFilter, EnrolmentFilter
from programs.forms import ActivityForm, ActivityStatusForm, CompletionForm, completion_default
from programs.models import ActivityStatus
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ORGANISERS,
    can_ask_questions,
    can_browse_programs,
    can_enrol,
    can_manage_activity,
    can_organise_activities,
)
from programs.selectors.activities import activity_get, activity_list
from programs.selectors.enrolments import activity_enrolment_list
from programs.selectors.questions import question_group_list, question_list, question_list_published
from programs.services.activities import activity_create, activity_set_status, activity_update

PAGE_SIZE = 50


ENROLMENT_PAGE_SIZE = 50


@require_GET
def activity_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    filterset = ActivityFilter(request.GET or None, actor=request.user)
    activities = activity_list(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(activities, request, PAGE_SIZE)
    context = {
        "filters": filterset.form,
        "page": page,
        "activities": page.object_list,
        "can_organise": can_organise_activities(request.user),
    }
    response = render_page_or_fragment(
        request,
        context,
        page="programs/activity_list.html",
        fragment="programs/partials/activity_table.html",
        target="activity-table",
    )
    return response


@require_http_methods(["GET", "POST"])
def activity_create_view(request):
    require(can_organise_activities(request.user), ONLY_ORGANISERS)
    initial = {}
    if request.GET.get("plan"):
        initial["plan"] = request.GET["plan"]
    form = ActivityForm(posted(request), actor=request.user, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: activity_create(actor=request.user, request=request, **data),
        success=lambda activity: _("The activity “%(title)s” is created.") % {"title": activity.title},
        to=lambda activity: reverse("programs:activity-detail", args=[activity.pk]),
    )
    return saved or render(request, "programs/activity_form.html", {"form": form, "activity": None})


@require_http_methods(["GET", "POST"])
def activity_edit_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    require(can_manage_activity(request.user, activity), ONLY_ACTIVITY_MANAGERS)
    form = ActivityForm(
        posted(request), actor=request.user, activity=activity, initial=ActivityForm.initial_for(activity)
    )
    saved = save_form(
        request,
        form,
        lambda data: activity_update(actor=request.user, activity=activity, request=request, **data),
        success=_("The activity is saved."),
        to=reverse("programs:activity-detail", args=[activity.pk]),
    )
    return saved or render(request, "programs/activity_form.html", {"form": form, "activity": activity})


@require_GET
def activity_detail_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    manages = can_manage_activity(request.user, activity)
    # The enrolments card is the list ``programs.enrolments``: its one filter definition (EnrolmentFilter),
    # with the activity fixed to this one; the export button carries the same values.
    enrolment_filter = EnrolmentFilter(request.GET, actor=request.user)
    filters = {**enrolment_filter.cleaned_values(), "activity": activity.pk}
    enrolments = activity_enrolment_list(actor=request.user, activity=activity, filters=filters)
    page = fast_page(enrolments, request, ENROLMENT_PAGE_SIZE)
    kept = {key: value for key, value in request.GET.items() if key in EnrolmentFilter.parameter_names()}
    questions = question_list(actor=request.user).filter(activity=activity).order_by("-asked_at", "-id")
    context = {
        "activity": activity,
        "manages": manages,
        "page": page,
        "enrolments": page.object_list,
        "filter": enrolment_filter,
        "export_query": urlencode({**kept, "activity": activity.pk}),
        "completion_form": CompletionForm(initial={"completed_on": completion_default(activity)}),
        "can_enrol": can_enrol(request.user) and activity.status == ActivityStatus.OPEN,
        "can_ask": can_ask_questions(request.user),
        "questions": questions if manages or can_ask_questions(request.user) else questions.none(),
        "published": question_list_published(activity=activity),
        "groups": question_group_list(activity=activity) if manages else [],
        "status_form": ActivityStatusForm(),
    }
    return render(request, "programs/activity_detail.html", context)


@require_POST
def activity_status_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    require(can_manage_activity(request.user, activity), ONLY_ACTIVITY_MANAGERS)
    form = ActivityStatusForm(request.POST)
    if form.is_valid():
        try:
            activity_set_status(
                actor=request.user,
                activity=activity,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The status is changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("programs:activity-detail", pk=activity.pk)


urlpatterns = [
    path("activities/", activity_list_view, name="activity-list"),
    path("activities/new/", activity_create_view, name="activity-create"),
    path("activities/<int:pk>/", activity_detail_view, name="activity-detail"),
    path("activities/<int:pk>/edit/", activity_edit_view, name="activity-edit"),
    path("activities/<int:pk>/status/", activity_status_view, name="activity-status"),
]
