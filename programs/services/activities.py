"""Writes of activities: create, change, and the status moves (open, closed, cancelled)."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

import workflow
from accounts.cache import PROGRAMS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Role
from accounts.services import audit_record, full_clean_or_raise
from programs.models import Activity, ActivityStatus
from programs.rules import (
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ORGANISERS,
    activity_placement_refusal,
    can_manage_activity,
    can_organise_activities,
)
from programs.workflow import ACTION_INTO, ACTIVITY_WORKFLOW

if TYPE_CHECKING:
    from accounts.models import User

ACTIVITY_FIELDS = (
    "plan",
    "key_task",
    "kind",
    "title",
    "title_en",
    "description",
    "organiser",
    "region",
    "starts_on",
    "ends_on",
    "capacity",
)


def _validate_activity(actor: "User", activity: Activity) -> None:
    errors = []
    if activity.key_task_id and activity.plan_id and activity.key_task.plan_id != activity.plan_id:
        errors.append((_("The key task belongs to another plan."), "key_task"))
    if activity.starts_on and activity.ends_on and activity.ends_on < activity.starts_on:
        errors.append((_("The activity cannot end before it starts."), "ends_on"))
    plan = activity.plan
    if plan.period_start and activity.starts_on and activity.starts_on < plan.period_start:
        errors.append(
            (
                _("The activity must take place within the plan's period (%(start)s – %(end)s).")
                % {"start": plan.period_start, "end": plan.period_end},
                "starts_on",
            )
        )
    if plan.period_end and activity.ends_on and activity.ends_on > plan.period_end:
        errors.append(
            (
                _("The activity must take place within the plan's period (%(start)s – %(end)s).")
                % {"start": plan.period_start, "end": plan.period_end},
                "ends_on",
            )
        )
    if activity.capacity is not None and activity.capacity < max(activity.enrolled_count, 1):
        errors.append(
            (
                _("The capacity cannot be lower than the %(count)d talents already enrolled, nor below 1.")
                % {"count": activity.enrolled_count},
                "capacity",
            )
        )
    if errors:
        message, field = errors[0]
        raise ApplicationError(message, field=field)
    refusal = activity_placement_refusal(actor, activity)
    if refusal is not None:
        message, field = refusal
        raise ApplicationError(message, field=field)
    full_clean_or_raise(activity, validate_unique=False)


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def activity_create(*, actor: "User", request=None, **fields) -> Activity:
    if not can_organise_activities(actor):
        raise PermissionDeniedError(ONLY_ORGANISERS)
    values = {k: v for k, v in fields.items() if k in ACTIVITY_FIELDS}
    if actor.role == Role.ENTERPRISE_CLERK and not actor.is_superuser:
        assert actor.organisation is not None  # a clerk belongs to an organisation (accounts.User)
        values.setdefault("organiser", actor.organisation)
        values.setdefault("region", actor.organisation.region)
    for required in ("plan", "key_task", "organiser", "region"):
        if values.get(required) is None:
            raise ApplicationError(_("This field is required."), code="required", field=required)
    activity = Activity(created_by=actor, **values)
    _validate_activity(actor, activity)
    activity.save()
    audit_record(actor=actor, obj=activity, action="create", to_state=activity.status, request=request)
    return activity


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def activity_update(*, actor: "User", activity: Activity, request=None, **changes) -> Activity:
    if not can_manage_activity(actor, activity):
        raise PermissionDeniedError(ONLY_ACTIVITY_MANAGERS)
    activity = Activity.objects.select_for_update(of=("self",)).select_related("plan", "region").get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise ApplicationError(_("A cancelled activity cannot be changed."), code="cancelled", status=409)
    changed = [f for f in ACTIVITY_FIELDS if f in changes and getattr(activity, f) != changes[f]]
    if not changed:
        return activity
    if "plan" in changed and activity.enrolled_count:
        raise ApplicationError(
            _("Talents are enrolled already; the activity cannot move to another plan."), field="plan"
        )
    for field in changed:
        setattr(activity, field, changes[field])
    _validate_activity(actor, activity)
    activity.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor, obj=activity, action="update", comment=_("Changed: %s") % ", ".join(changed), request=request
    )
    return activity


@bumps_scope_version(PROGRAMS)
def activity_set_status(*, actor: "User", activity: Activity, status: str, reason: str = "", request=None) -> Activity:
    """Close, reopen or cancel (reason required): the activity workflow's step into ``status``."""
    return workflow.transition(
        workflow=ACTIVITY_WORKFLOW,
        actor=actor,
        obj=activity,
        action=ACTION_INTO.get(status, status),
        comment=reason,
        request=request,
    )
