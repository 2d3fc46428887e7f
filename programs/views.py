"""Programs pages: permission check → selector → form → service → redirect (STYLE.md 7).

A role that may not take an action gets 403 before anything is looked up; an object outside the
actor's scope is 404 (the selectors raise it). htmx requests get the fragment from
``templates/programs/partials/``; without JavaScript every page works as a plain form.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.http import posted, render_page_or_fragment, require, xlsx_response
from accounts.models import Region
from programs.forms import (
    ActivityForm,
    ActivityStatusForm,
    AnswerForm,
    CompletionForm,
    EnrolmentForm,
    EnrolmentUploadForm,
    PlatformForm,
    PublishForm,
    QuestionForm,
    QuestionGroupForm,
    TargetSplitForm,
)
from programs.models import ActivityStatus, Metric, PlatformKind
from programs.progress import (
    can_view_progress,
    plan_progress,
    progress_refresh_later,
    progress_region_get,
    progress_workbook,
)
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ENROLLERS,
    ONLY_ORGANISERS,
    ONLY_PARTICIPANT_CLERKS,
    ONLY_PLATFORM_OFFICIALS,
    ONLY_TARGET_SETTERS,
    can_ask_questions,
    can_browse_programs,
    can_enrol,
    can_manage_activity,
    can_manage_platform_level,
    can_manage_platforms,
    can_organise_activities,
    can_set_target_for,
    can_set_targets,
)
from programs.selectors import (
    activity_enrolment_list,
    activity_enrolments,
    activity_get,
    activity_list_filtered,
    plan_get,
    plan_list,
    platform_get,
    platform_list_filtered,
    question_get,
    question_group_list,
    question_list,
    question_list_published,
    target_list,
    target_split_regions,
)
from programs.services import (
    EnrolmentUploadError,
    activity_create,
    activity_set_status,
    activity_update,
    enrolment_bulk_create,
    enrolment_complete,
    enrolment_create,
    platform_create,
    platform_update,
    question_answer,
    question_ask,
    question_group,
    question_set_published,
    target_split,
)
from programs.spreadsheets import enrolment_template
from talents.selectors import talent_list

PAGE_SIZE = 50
ENROLMENT_PAGE_SIZE = 50


# Plans


@require_GET
def plan_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    return render(request, "programs/plan_list.html", {"plans": plan_list(actor=request.user)})


@require_GET
def plan_detail_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    plan = plan_get(actor=request.user, pk=pk)
    targets = target_list(actor=request.user).filter(plan=plan).order_by("metric", "region__code")
    context = {
        "plan": plan,
        "targets": targets,
        "can_set_targets": can_set_targets(request.user),
        "can_view_progress": can_view_progress(request.user),
    }
    return render(request, "programs/plan_detail.html", context)


# Targets: the ministry splits the national target across provinces, a province across its cities.


@require_http_methods(["GET", "POST"])
def target_split_view(request, pk):
    require(can_set_targets(request.user), ONLY_TARGET_SETTERS)
    plan = plan_get(actor=request.user, pk=pk)
    metric = request.GET.get("metric") or Metric.TRAINED_PERSON_TIMES
    if metric not in Metric.values:
        metric = Metric.TRAINED_PERSON_TIMES
    parent, children, values = target_split_regions(
        actor=request.user, plan=plan, metric=metric, region_code=request.GET.get("region")
    )
    form = TargetSplitForm(
        posted(request),
        parent=parent,
        children=children,
        values=values,
        parent_editable=can_set_target_for(request.user, parent),
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes(values)
        try:
            target_split(actor=request.user, plan=plan, metric=metric, parent=parent, changes=changes, request=request)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            if changes:
                messages.success(
                    request,
                    ngettext("%(count)d target saved.", "%(count)d targets saved.", len(changes))
                    % {"count": len(changes)},
                )
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(
                f"{request.path}?metric={metric}" + (f"&region={parent.code}" if "region" in request.GET else "")
            )
    children_total = sum(values.get(region.pk, 0) for region in children)
    context = {
        "plan": plan,
        "metric": Metric(metric),
        "metrics": Metric,
        "parent": parent,
        "parent_target": values.get(parent.pk),
        "children_total": children_total,
        "form": form,
        "child_fields": [form[TargetSplitForm.field_name(region)] for region in children],
    }
    return render(request, "programs/target_split.html", context)


# The progress dashboard


@require_GET
def progress_view(request, pk):
    region = progress_region_get(actor=request.user, code=request.GET.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress = plan_progress(plan=plan, region=region)
    context = {
        "plan": plan,
        "progress": progress,
        "chart_data": _chart_data(progress),
        "breadcrumb": _region_trail(request.user, region),
        "can_refresh": True,
    }
    return render(request, "programs/progress.html", context)


def _region_trail(actor, region: Region) -> list[Region]:
    """National › province › city, from the highest region the actor may open."""
    trail = [region]
    while trail[0].parent_id is not None:
        parent = trail[0].parent
        if not (actor.sees_everything or parent.pk == actor.region_id):
            break
        trail.insert(0, parent)
    return trail


def _chart_data(progress) -> dict:
    rows = progress.children if progress.children else [progress.total]
    return {
        "labels": [row.label for row in rows],
        "metrics": [
            {
                "label": str(metric.label),
                "target": [row.targets.get(metric) for row in rows],
                "achieved": [row.achieved[metric] for row in rows],
            }
            for metric in Metric
        ],
        "levels": {
            "labels": [level.display_name for level in progress.levels],
            "values": [progress.total.certificates_by_level.get(level.pk, 0) for level in progress.levels],
        },
        "digital": [None if row.digital_share is None else round(100 * row.digital_share, 1) for row in rows],
        "text": {
            "target": _("Target"),
            "achieved": _("Achieved"),
            "digital": _("Digital occupations share (%)"),
        },
    }


@require_GET
def progress_export_view(request, pk):
    region = progress_region_get(actor=request.user, code=request.GET.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress = plan_progress(plan=plan, region=region)
    filename = f"progress-{plan.code}-{region.code}-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(progress_workbook(progress), filename)


@require_POST
def progress_refresh_view(request, pk):
    region = progress_region_get(actor=request.user, code=request.POST.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress_refresh_later(plan.pk)
    messages.info(request, _("The figures are being recomputed; the “as of” time shows when they are done."))
    return redirect(f"{reverse('programs:plan-progress', args=[plan.pk])}?region={region.code}")


# Activities


@require_GET
def activity_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    filters, activities = activity_list_filtered(actor=request.user, data=request.GET)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
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
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(actor=request.user, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("The activity “%(title)s” is created.") % {"title": activity.title})
            return redirect("programs:activity-detail", pk=activity.pk)
    return render(request, "programs/activity_form.html", {"form": form, "activity": None})


@require_http_methods(["GET", "POST"])
def activity_edit_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    require(can_manage_activity(request.user, activity), ONLY_ACTIVITY_MANAGERS)
    form = ActivityForm(
        posted(request), actor=request.user, activity=activity, initial=ActivityForm.initial_for(activity)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_update(actor=request.user, activity=activity, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("programs:activity-detail", pk=activity.pk)
    return render(request, "programs/activity_form.html", {"form": form, "activity": activity})


@require_GET
def activity_detail_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    activity = activity_get(actor=request.user, pk=pk)
    manages = can_manage_activity(request.user, activity)
    enrolments = activity_enrolment_list(actor=request.user, activity=activity)
    page = Paginator(enrolments, ENROLMENT_PAGE_SIZE).get_page(request.GET.get("page"))
    questions = question_list(actor=request.user).filter(activity=activity).order_by("-asked_at", "-id")
    context = {
        "activity": activity,
        "manages": manages,
        "page": page,
        "enrolments": page.object_list,
        "completion_form": CompletionForm(initial={"completed_on": timezone.localdate()}),
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


# Enrolments


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
            single.add_application_error(error if error.field != "talent" else _as_field(error, "id_number"))
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


def _as_field(error: ApplicationError, field: str) -> ApplicationError:
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
        context["completion_form"] = CompletionForm(initial={"completed_on": timezone.localdate()})
        return render(request, "programs/partials/enrolment_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Completion recorded for %(name)s.") % {"name": enrolment.talent.name})
    return redirect("programs:activity-detail", pk=activity.pk)


# Questions


@require_http_methods(["GET", "POST"])
def question_create_view(request, pk):
    require(can_ask_questions(request.user), ONLY_PARTICIPANT_CLERKS)
    activity = activity_get(actor=request.user, pk=pk)
    # The clerk's own talents enrolled in the activity: a question may be asked on behalf of one.
    talents = talent_list(actor=request.user).filter(enrolments__activity=activity).order_by("name")
    form = QuestionForm(posted(request), talents=talents)
    if request.method == "POST" and form.is_valid():
        try:
            question_ask(actor=request.user, activity=activity, request=request, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Your question is submitted to the organiser."))
            return redirect("programs:activity-detail", pk=activity.pk)
    return render(request, "programs/question_form.html", {"activity": activity, "form": form})


def _managed_question(request, qid):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    question = question_get(actor=request.user, pk=qid)
    require(can_manage_activity(request.user, question.activity), ONLY_ACTIVITY_MANAGERS)
    return question


@require_http_methods(["GET", "POST"])
def question_answer_view(request, qid):
    question = _managed_question(request, qid)
    form = AnswerForm(posted(request), initial={"answer": question.answer, "publish": question.published})
    if request.method == "POST" and form.is_valid():
        try:
            question_answer(
                actor=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
                publish=form.cleaned_data["publish"],
                request=request,
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("The answer is saved."))
            return redirect("programs:activity-detail", pk=question.activity_id)
    return render(request, "programs/question_answer.html", {"question": question, "form": form})


@require_POST
def question_group_view(request, qid):
    question = _managed_question(request, qid)
    form = QuestionGroupForm(request.POST)
    if form.is_valid():
        try:
            question_group(actor=request.user, question=question, label=form.cleaned_data["label"], request=request)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The question's group is saved."))
    else:
        messages.error(request, "; ".join(form.errors.get("label", [])))
    return redirect("programs:activity-detail", pk=question.activity_id)


@require_POST
def question_publish_view(request, qid):
    question = _managed_question(request, qid)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        question_set_published(
            actor=request.user, question=question, published=form.cleaned_data.get("published", False), request=request
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("programs:activity-detail", pk=question.activity_id)


# Platforms


@require_GET
def platform_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    platforms = platform_list_filtered(actor=request.user, data=request.GET)
    page = Paginator(platforms, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "platforms": page.object_list,
        "kinds": PlatformKind.choices,
        "kind": request.GET.get("kind", ""),
        "q": request.GET.get("q", ""),
        "can_manage": can_manage_platforms(request.user),
    }
    return render(request, "programs/platform_list.html", context)


@sensitive_post_parameters("leader_id_number")  # never in an error report
@require_http_methods(["GET", "POST"])
def platform_create_view(request):
    require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
    form = PlatformForm(posted(request), actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            platform = platform_create(actor=request.user, request=request, **form.service_fields())
        except ApplicationError as error:
            form.add_application_error(_as_field(error, "leader_id_number") if error.field == "leader" else error)
        else:
            messages.success(request, _("The platform “%(name)s” is registered.") % {"name": platform.name})
            return redirect("programs:platform-list")
    return render(request, "programs/platform_form.html", {"form": form, "platform": None})


@sensitive_post_parameters("leader_id_number")
@require_http_methods(["GET", "POST"])
def platform_edit_view(request, pk):
    require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
    platform = platform_get(actor=request.user, pk=pk)
    require(can_manage_platform_level(request.user, platform.level), ONLY_PLATFORM_OFFICIALS)
    form = PlatformForm(posted(request), actor=request.user, initial=PlatformForm.initial_for(platform))
    if request.method == "POST" and form.is_valid():
        try:
            platform_update(actor=request.user, platform=platform, request=request, **form.service_fields())
        except ApplicationError as error:
            form.add_application_error(_as_field(error, "leader_id_number") if error.field == "leader" else error)
        else:
            messages.success(request, _("The platform is saved."))
            return redirect("programs:platform-list")
    return render(request, "programs/platform_form.html", {"form": form, "platform": platform})
