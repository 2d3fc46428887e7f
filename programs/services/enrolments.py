"""Writes of enrolments: one talent or an xlsx file (all or nothing), withdrawal, completion.

An activity's places are counted while its row is locked (the check constraint
``activity_within_capacity`` backs that up). Every change schedules a refresh of the plan's progress
figures after commit.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cache import PROGRAMS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.scoping import organisation_scope
from accounts.services import audit_record, audit_record_many
from accounts.spreadsheets import RowError
from programs.models import Activity, ActivityStatus, Enrolment
from programs.rules import (
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ENROLLERS,
    can_enrol,
    can_manage_activity,
    can_withdraw_enrolment,
)
from programs.selectors.activities import activity_visibility
from programs.services.progress import progress_refresh_later
from programs.spreadsheets import parse_enrolment_upload
from talents.models import Talent

if TYPE_CHECKING:
    from accounts.models import User


def talents_in_scope(actor: "User"):
    return Talent.objects.filter(organisation_scope(actor, "employer"))


def _lock_open_activity(actor: "User", activity: Activity) -> Activity:
    """The activity row, locked, if the actor may still enrol into it."""
    if not can_enrol(actor):
        raise PermissionDeniedError(ONLY_ENROLLERS)
    locked = Activity.objects.select_for_update(of=("self",)).filter(activity_visibility(actor), pk=activity.pk).first()
    if locked is None:
        raise ApplicationError(_("No such activity."), code="not_found", status=404, field="activity")
    if locked.status != ActivityStatus.OPEN:
        raise ApplicationError(_("This activity does not take enrolments now."), code="not_open", status=409)
    if locked.ends_on < timezone.localdate():
        raise ApplicationError(_("This activity has ended."), code="ended", status=409)
    return locked


def _no_places(activity: Activity, wanted: int):
    left = activity.capacity - activity.enrolled_count
    if left <= 0:
        return ApplicationError(
            _("The activity is full (%(capacity)d places).") % {"capacity": activity.capacity},
            code="full",
            status=409,
        )
    return ApplicationError(
        _("Only %(left)d of %(capacity)d places are left; %(wanted)d were asked for.")
        % {"left": left, "capacity": activity.capacity, "wanted": wanted},
        code="full",
        status=409,
    )


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def enrolment_create(*, actor: "User", activity: Activity, talent: Talent, request=None) -> Enrolment:
    """Enrol one talent of the actor's scope; the locked activity row makes the capacity check safe."""
    activity = _lock_open_activity(actor, activity)
    if not talents_in_scope(actor).filter(pk=talent.pk).exists():
        raise ApplicationError(_("No such talent."), code="not_found", field="talent")
    if Enrolment.objects.filter(activity=activity, talent=talent).exists():
        raise ApplicationError(
            _("%(talent)s is already enrolled in this activity.") % {"talent": talent.name},
            code="duplicate",
            field="talent",
        )
    if activity.enrolled_count + 1 > activity.capacity:
        raise _no_places(activity, 1)
    enrolment = Enrolment.objects.create(activity=activity, talent=talent, enrolled_by=actor)
    activity.enrolled_count += 1
    activity.save(update_fields=["enrolled_count", "updated_at"])
    audit_record(
        actor=actor,
        obj=enrolment,
        action="enrolment_create",
        to_state="enrolled",
        comment=str(activity)[:200],
        request=request,
    )
    progress_refresh_later(activity.plan_id)
    return enrolment


class EnrolmentUploadError(ApplicationError):
    """Carries every bad row; nothing of the file was saved."""

    def __init__(self, row_errors):
        super().__init__(_("The file was not imported: %d problem(s) found.") % len(row_errors), code="bulk_invalid")
        self.row_errors = row_errors


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def enrolment_bulk_create(*, actor: "User", activity: Activity, upload, request=None) -> list[Enrolment]:
    """All or nothing: every row checked first; one bad row (or too few places) and nothing is saved."""
    activity = _lock_open_activity(actor, activity)
    parsed = parse_enrolment_upload(upload)
    errors = list(parsed.errors)
    numbers = [row["id_number"] for _n, row in parsed.rows]
    talents = {t.id_number: t for t in talents_in_scope(actor).filter(id_number__in=numbers)}
    enrolled = set(
        Enrolment.objects.filter(activity=activity, talent__id_number__in=numbers).values_list(
            "talent__id_number", flat=True
        )
    )
    id_label, name_label = _("National ID number"), _("Name")
    chosen: list[Talent] = []
    seen: dict[str, int] = {}
    for row_number, row in parsed.rows:
        number = row["id_number"]
        talent = talents.get(number)
        if talent is None:
            errors.append(RowError(row_number, id_label, _("No talent with this ID number in your scope.")))
            continue
        if row["name"] and row["name"] != talent.name:
            errors.append(
                RowError(row_number, name_label, _("The name does not match the registered talent (%s).") % talent.name)
            )
            continue
        if number in seen:
            errors.append(RowError(row_number, id_label, _("The same ID number is already on row %d.") % seen[number]))
            continue
        if number in enrolled:
            errors.append(RowError(row_number, id_label, _("This talent is already enrolled in the activity.")))
            continue
        seen[number] = row_number
        chosen.append(talent)
    if not errors and activity.enrolled_count + len(chosen) > activity.capacity:
        errors.append(RowError(0, "", str(_no_places(activity, len(chosen)).message)))
    if errors:
        raise EnrolmentUploadError(sorted(errors, key=lambda e: e.row))
    created = Enrolment.objects.bulk_create(
        [Enrolment(activity=activity, talent=talent, enrolled_by=actor) for talent in chosen]
    )
    activity.enrolled_count += len(created)
    activity.save(update_fields=["enrolled_count", "updated_at"])
    audit_record_many(
        actor=actor,
        objects=created,
        action="enrolment_create",
        to_state="enrolled",
        comment=_("Bulk upload"),
        request=request,
    )
    progress_refresh_later(activity.plan_id)
    return created


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def enrolment_delete(*, actor: "User", enrolment: Enrolment, reason: str = "", request=None) -> None:
    if not can_withdraw_enrolment(actor, enrolment):
        raise PermissionDeniedError(ONLY_ENROLLERS)
    activity = Activity.objects.select_for_update(of=("self",)).get(pk=enrolment.activity_id)
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("talent").get(pk=enrolment.pk)
    if enrolment.completed:
        raise ApplicationError(
            _("A completed enrolment is part of the record and cannot be withdrawn."), code="completed", status=409
        )
    audit_record(
        actor=actor,
        obj=enrolment,
        action="enrolment_delete",
        from_state="enrolled",
        to_state="withdrawn",
        comment=reason,
        request=request,
    )
    enrolment.delete()
    activity.enrolled_count -= 1
    activity.save(update_fields=["enrolled_count", "updated_at"])
    progress_refresh_later(activity.plan_id)


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def enrolment_complete(
    *, actor: "User", enrolment: Enrolment, completed_on: datetime.date | None = None, request=None
) -> Enrolment:
    """The organiser records that the talent completed the activity (counts as one person-time trained)."""
    if not can_manage_activity(actor, enrolment.activity):
        raise PermissionDeniedError(ONLY_ACTIVITY_MANAGERS)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).select_related("activity", "talent").get(pk=enrolment.pk)
    )
    activity = enrolment.activity
    completed_on = completed_on or timezone.localdate()
    if activity.status == ActivityStatus.CANCELLED:
        raise ApplicationError(_("The activity was cancelled."), code="cancelled", status=409)
    if enrolment.completed:
        raise ApplicationError(
            _("Completion was already recorded on %(date)s.") % {"date": enrolment.completed_on},
            code="already_completed",
            status=409,
        )
    if completed_on < activity.starts_on:
        raise ApplicationError(_("Completion cannot be before the activity starts."), field="completed_on")
    if completed_on > timezone.localdate():
        raise ApplicationError(_("Completion cannot be recorded for a future date."), field="completed_on")
    enrolment.completed, enrolment.completed_on = True, completed_on
    enrolment.save(update_fields=["completed", "completed_on"])
    audit_record(
        actor=actor,
        obj=enrolment,
        action="enrolment_complete",
        from_state="enrolled",
        to_state="completed",
        comment=str(completed_on),
        request=request,
    )
    progress_refresh_later(activity.plan_id)
    return enrolment


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def enrolment_complete_many(
    *, actor: "User", activity: Activity, enrolments, completed_on: datetime.date, request=None
) -> list[Enrolment]:
    """Completion for several enrolments of one activity at once, each as ``enrolment_complete`` records
    it; all or none, and every refusal reported (each after the talent's name)."""
    if not can_manage_activity(actor, activity):
        raise PermissionDeniedError(ONLY_ACTIVITY_MANAGERS)
    done, problems = [], []
    for enrolment in enrolments:
        if enrolment.activity_id != activity.pk:
            raise ApplicationError(_("An enrolment of another activity was sent."), field="enrolments")
        try:
            done.append(
                enrolment_complete(actor=actor, enrolment=enrolment, completed_on=completed_on, request=request)
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            problems.append(f"{enrolment.talent.name}: {error.message}")
    if problems:
        raise ApplicationError(" ".join(problems), code="completion_refused", field="completed_on")
    return done
