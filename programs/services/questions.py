"""Writes of questions: participants ask before and during an activity; its managers answer, group, publish."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cache import PROGRAMS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record, full_clean_or_raise
from programs.models import Activity, ActivityStatus, Enrolment, Question, QuestionGroup, QuestionPhase
from programs.rules import ONLY_ACTIVITY_MANAGERS, ONLY_PARTICIPANT_CLERKS, can_ask_questions, can_manage_activity
from talents.models import Talent

if TYPE_CHECKING:
    from accounts.models import User


def _question_phase(activity: Activity) -> str:
    today = timezone.localdate()
    if today < activity.starts_on:
        return QuestionPhase.BEFORE
    if today <= activity.ends_on:
        return QuestionPhase.DURING
    raise ApplicationError(
        _("The activity has ended; questions are collected before and during it."), code="ended", status=409
    )


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def question_ask(
    *, actor: "User", activity: Activity, text: str, talent: Talent | None = None, request=None
) -> Question:
    """document-15: participants' questions are collected before and during the course."""
    if not can_ask_questions(actor) or actor.organisation_id is None:
        raise PermissionDeniedError(ONLY_PARTICIPANT_CLERKS)
    participants = Enrolment.objects.filter(activity=activity, talent__employer_id=actor.organisation_id)
    if not participants.exists():
        raise PermissionDeniedError(ONLY_PARTICIPANT_CLERKS)
    if activity.status == ActivityStatus.CANCELLED:
        raise ApplicationError(_("The activity was cancelled."), code="cancelled", status=409)
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write the question."), code="required", field="text")
    if talent is not None and not participants.filter(talent=talent).exists():
        raise ApplicationError(_("This talent of yours is not enrolled in the activity."), field="talent")
    question = Question(
        activity=activity,
        asked_by=actor,
        organisation_id=actor.organisation_id,
        talent=talent,
        text=text,
        phase=_question_phase(activity),
    )
    full_clean_or_raise(question)
    question.save()
    audit_record(actor=actor, obj=question, action="question_ask", to_state=question.phase, request=request)
    return question


def _require_manager(actor: "User", question: Question) -> Question:
    if not can_manage_activity(actor, question.activity):
        raise PermissionDeniedError(ONLY_ACTIVITY_MANAGERS)
    return Question.objects.select_for_update(of=("self",)).select_related("activity").get(pk=question.pk)


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def question_answer(*, actor: "User", question: Question, answer: str, publish: bool = False, request=None) -> Question:
    question = _require_manager(actor, question)
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError(_("Write the answer."), code="required", field="answer")
    before = "answered" if question.is_answered else "open"
    question.answer = answer
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.published = bool(publish)
    question.save(update_fields=["answer", "answered_by", "answered_at", "published"])
    audit_record(
        actor=actor,
        obj=question,
        action="question_answer",
        from_state=before,
        to_state="published" if question.published else "answered",
        request=request,
    )
    return question


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def question_set_published(*, actor: "User", question: Question, published: bool, request=None) -> Question:
    question = _require_manager(actor, question)
    if published and not question.is_answered:
        raise ApplicationError(
            _("Only an answered question can be published."), code="unanswered", status=409, field="published"
        )
    if question.published == published:
        return question
    question.published = published
    question.save(update_fields=["published"])
    audit_record(
        actor=actor,
        obj=question,
        action="question_publish" if published else "question_unpublish",
        from_state="answered" if published else "published",
        to_state="published" if published else "answered",
        request=request,
    )
    return question


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def question_group(*, actor: "User", question: Question, label: str, request=None) -> Question:
    """Put a question under a topic of its activity (created on first use); an empty label ungroups it."""
    question = _require_manager(actor, question)
    label = (label or "").strip()
    if len(label) > 200:
        raise ApplicationError(_("A group label has at most 200 characters."), field="label")
    group = None
    if label:
        group, _created = QuestionGroup.objects.get_or_create(
            activity=question.activity, label=label, defaults={"created_by": actor}
        )
    before = question.group.label if question.group is not None else ""
    if question.group_id == (group.pk if group else None):
        return question
    question.group = group
    question.save(update_fields=["group"])
    audit_record(
        actor=actor,
        obj=question,
        action="question_group",
        from_state=before[:40],
        to_state=label[:40],
        request=request,
    )
    return question
