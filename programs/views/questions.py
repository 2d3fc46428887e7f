"""Question pages: participants ask; the activity's managers answer, group and publish."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.http import posted, require, save_form
from programs.forms import AnswerForm, PublishForm, QuestionForm, QuestionGroupForm
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_ACTIVITY_MANAGERS,
    ONLY_PARTICIPANT_CLERKS,
    can_ask_questions,
    can_browse_programs,
    can_manage_activity,
)
from programs.selectors.activities import activity_get
from programs.selectors.questions import question_get
from programs.services.questions import question_answer, question_ask, question_group, question_set_published
from talents.selectors import talent_list


@require_http_methods(["GET", "POST"])
def question_create_view(request, pk):
    require(can_ask_questions(request.user), ONLY_PARTICIPANT_CLERKS)
    activity = activity_get(actor=request.user, pk=pk)
    # The clerk's own talents enrolled in the activity: a question may be asked on behalf of one.
    talents = talent_list(actor=request.user).filter(enrolments__activity=activity).order_by("name")
    form = QuestionForm(posted(request), talents=talents)
    saved = save_form(
        request,
        form,
        lambda data: question_ask(actor=request.user, activity=activity, request=request, **data),
        success=_("Your question is submitted to the organiser."),
        to=reverse("programs:activity-detail", args=[activity.pk]),
    )
    return saved or render(request, "programs/question_form.html", {"activity": activity, "form": form})


def _managed_question(request, qid):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    question = question_get(actor=request.user, pk=qid)
    require(can_manage_activity(request.user, question.activity), ONLY_ACTIVITY_MANAGERS)
    return question


@require_http_methods(["GET", "POST"])
def question_answer_view(request, qid):
    question = _managed_question(request, qid)
    form = AnswerForm(posted(request), initial={"answer": question.answer, "publish": question.published})
    saved = save_form(
        request,
        form,
        lambda data: question_answer(actor=request.user, question=question, request=request, **data),
        success=_("The answer is saved."),
        to=reverse("programs:activity-detail", args=[question.activity_id]),
    )
    return saved or render(request, "programs/question_answer.html", {"question": question, "form": form})


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


urlpatterns = [
    path("activities/<int:pk>/questions/new/", question_create_view, name="question-create"),
    path("questions/<int:qid>/answer/", question_answer_view, name="question-answer"),
    path("questions/<int:qid>/group/", question_group_view, name="question-group"),
    path("questions/<int:qid>/publish/", question_publish_view, name="question-publish"),
]
