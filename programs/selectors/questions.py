"""Reads of questions: those of the actor's organisation(s), all of managed activities, and the
published ones of visible activities.
"""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import NOTHING, organisation_scope
from programs.models import Activity, Question, QuestionGroup
from programs.rules import managed_activities
from programs.selectors.activities import activity_list, activity_visibility
from programs.selectors.scope import sees_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def question_visibility(actor: "User | AnonymousUser") -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if sees_everything(actor):
        return Q()
    condition = Q(published=True) & activity_visibility(actor, "activity")
    own = organisation_scope(actor, "organisation")
    if own != NOTHING:
        condition |= own
    managed = managed_activities(actor, "activity")
    if managed != NOTHING:
        condition |= managed
    return condition


def question_list(*, actor: "User") -> QuerySet[Question]:
    return Question.objects.select_related(
        "activity", "organisation", "asked_by", "answered_by", "group", "talent"
    ).filter(question_visibility(actor))


def question_get(*, actor: "User", pk) -> Question:
    return get_object_or_404(question_list(actor=actor), pk=pk)


def question_list_published(*, activity: Activity) -> QuerySet[Question]:
    """Answered and published questions, shown to everyone on the activity's page."""
    return (
        Question.objects.filter(activity=activity, published=True)
        .select_related("group")
        .order_by("group__label", "asked_at", "id")
    )


def question_group_list(*, activity: Activity) -> QuerySet[QuestionGroup]:
    return activity.question_groups.order_by("label")


def question_group_list_for(*, actor: "User") -> QuerySet[QuestionGroup]:
    """Question groups of the activities the actor may see (the admin's scope)."""
    return QuestionGroup.objects.select_related("activity").filter(activity__in=activity_list(actor=actor).values("pk"))
