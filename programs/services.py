"""Writes to programs. Every write checks the role, validates, saves and audits in one transaction.

Invariants that races could break are taken under row locks: a target's siblings are summed while
the parent target's row is locked; an activity's places are counted while its row is locked (and
the check constraint ``activity_within_capacity`` backs that up). Locks name ``of=("self",)`` so a
join (region, plan, talent) never locks rows other writers need.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Organisation, Region, RegionLevel, Role
from accounts.scoping import organisation_scope
from accounts.services import audit_record, audit_record_many, full_clean_or_raise
from programs.models import (
    Activity,
    ActivityStatus,
    Enrolment,
    KeyTask,
    Metric,
    Plan,
    Platform,
    Question,
    QuestionGroup,
    QuestionPhase,
    RegionalTarget,
)
from programs.progress import progress_refresh_later
from programs.rules import (
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ENROLLERS,
    ONLY_ORGANISERS,
    ONLY_PARTICIPANT_CLERKS,
    ONLY_PLATFORM_OFFICIALS,
    ONLY_TARGET_SETTERS,
    can_ask_questions,
    can_enrol,
    can_manage_activity,
    can_manage_platform_level,
    can_manage_platforms,
    can_organise_activities,
    can_set_target_for,
    managed_regions,
)
from programs.workflow import ACTION_INTO, ACTIVITY_WORKFLOW
from talents.models import Talent


def _fmt(value: int) -> str:
    return number_format(value, force_grouping=True)


# Targets


def _children_sum(plan_id: int, metric: str, region: Region) -> int:
    return (
        RegionalTarget.objects.filter(plan_id=plan_id, metric=metric, region__parent_id=region.pk).aggregate(
            total=Sum("target")
        )["total"]
        or 0
    )


@transaction.atomic
def target_set(
    *, actor, plan: Plan, metric: str, region: Region, target: int, note: str = "", request=None
) -> RegionalTarget:
    """Create or change the target of one region; the children never add up to more than the parent."""
    if not can_set_target_for(actor, region):
        raise PermissionDeniedError(ONLY_TARGET_SETTERS)
    if metric not in Metric.values:
        raise ApplicationError(_("Unknown metric “%s”.") % metric, field="metric")
    if target is None or int(target) < 0:
        raise ApplicationError(_("A target is a whole number, zero or more."), field="target")
    target = int(target)
    if region.level != RegionLevel.NATIONAL:
        # Locking the parent row serialises every change among its children (siblings and parent edits).
        parent = (
            RegionalTarget.objects.select_for_update(of=("self",))
            .filter(plan=plan, metric=metric, region_id=region.parent_id)
            .first()
        )
        if parent is None:
            raise ApplicationError(
                _("Set the target of %(parent)s for this metric first.") % {"parent": region.parent},
                code="no_parent_target",
                field="region",
            )
        siblings = (
            RegionalTarget.objects.filter(plan=plan, metric=metric, region__parent_id=region.parent_id)
            .exclude(region=region)
            .aggregate(total=Sum("target"))["total"]
            or 0
        )
        if siblings + target > parent.target:
            raise ApplicationError(
                _(
                    "The targets of the regions under %(parent)s would add up to %(total)s, more than its "
                    "target of %(limit)s; at most %(left)s is left for %(region)s."
                )
                % {
                    "parent": region.parent,
                    "total": _fmt(siblings + target),
                    "limit": _fmt(parent.target),
                    "left": _fmt(max(parent.target - siblings, 0)),
                    "region": region,
                },
                code="exceeds_parent_target",
                field="target",
            )
    existing = (
        RegionalTarget.objects.select_for_update(of=("self",)).filter(plan=plan, metric=metric, region=region).first()
    )
    children = _children_sum(plan.pk, metric, region)
    if target < children:
        raise ApplicationError(
            _(
                "The regions under %(region)s already have targets adding up to %(total)s; "
                "the target cannot be lower than that."
            )
            % {"region": region, "total": _fmt(children)},
            code="below_children_targets",
            field="target",
        )
    before = existing.target if existing else None
    if existing is None:
        row = RegionalTarget(plan=plan, metric=metric, region=region, target=target, note=note, set_by=actor)
        full_clean_or_raise(row, validate_unique=False)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:  # a concurrent first setting of the same row won
            raise ApplicationError(
                _("This target was set by someone else meanwhile; reload and try again."), code="conflict", status=409
            ) from error
    else:
        row = existing
        if row.target == target and row.note == note:
            return row
        row.target, row.note, row.set_by = target, note, actor
        full_clean_or_raise(row, validate_unique=False)
        row.save(update_fields=["target", "note", "set_by", "updated_at"])
    audit_record(
        actor=actor,
        obj=row,
        action="target_set",
        from_state="" if before is None else str(before),
        to_state=str(target),
        comment=note,
        request=request,
    )
    return row


@transaction.atomic
@transaction.atomic
def target_split(*, actor, plan, metric: str, parent: Region, changes: list, request=None) -> None:
    """Save a split form's changes — ("parent" or a field name, region, target) — all or none.

    The parent is raised before and lowered after its children, so a valid split never trips the
    "children never exceed the parent" limit half-way; an error names the form field it belongs to.
    """
    current = dict(
        RegionalTarget.objects.filter(plan=plan, metric=metric, region__in=[c[1] for c in changes]).values_list(
            "region_id", "target"
        )
    )
    parent_change = [c for c in changes if c[0] == "parent"]
    child_changes = sorted((c for c in changes if c[0] != "parent"), key=lambda c: c[2] - current.get(c[1].pk, 0))
    raising_parent = parent_change and parent_change[0][2] >= current.get(parent.pk, 0)
    for name, region, target in (
        [*parent_change, *child_changes] if raising_parent else [*child_changes, *parent_change]
    ):
        try:
            target_set(actor=actor, plan=plan, metric=metric, region=region, target=target, request=request)
        except ApplicationError as error:
            error.field = name
            raise


def target_delete(*, actor, target: RegionalTarget, reason: str = "", request=None) -> None:
    if not can_set_target_for(actor, target.region):
        raise PermissionDeniedError(ONLY_TARGET_SETTERS)
    row = RegionalTarget.objects.select_for_update(of=("self",)).select_related("region").get(pk=target.pk)
    if (
        _children_sum(row.plan_id, row.metric, row.region)
        or RegionalTarget.objects.filter(
            plan_id=row.plan_id, metric=row.metric, region__parent_id=row.region_id
        ).exists()
    ):
        raise ApplicationError(
            _("Remove the targets of the regions under %(region)s first.") % {"region": row.region},
            code="has_children_targets",
            status=409,
        )
    audit_record(
        actor=actor,
        obj=row,
        action="target_delete",
        from_state=str(row.target),
        to_state="",
        comment=reason,
        request=request,
    )
    row.delete()


# Activities

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


def _validate_activity(actor, activity: Activity) -> None:
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
    if actor.is_superuser or actor.role == Role.ADMIN:
        pass
    elif actor.role == Role.ENTERPRISE_CLERK:
        # A training institution or technical college organises for itself, in its own region.
        if activity.organiser_id != actor.organisation_id:
            raise ApplicationError(_("You organise activities for your own organisation only."), field="organiser")
        if activity.region_id != actor.organisation.region_id:
            raise ApplicationError(_("Your activities take place in your organisation's region."), field="region")
    else:
        if not Region.objects.filter(managed_regions(actor), pk=activity.region_id).exists():
            raise ApplicationError(_("You organise activities only in the regions you administer."), field="region")
        if not Organisation.objects.filter(organisation_scope(actor), pk=activity.organiser_id).exists():
            raise ApplicationError(_("The organiser must be an organisation you administer."), field="organiser")
    full_clean_or_raise(activity, validate_unique=False)


@transaction.atomic
def activity_create(*, actor, request=None, **fields) -> Activity:
    if not can_organise_activities(actor):
        raise PermissionDeniedError(ONLY_ORGANISERS)
    values = {k: v for k, v in fields.items() if k in ACTIVITY_FIELDS}
    if actor.role == Role.ENTERPRISE_CLERK and not actor.is_superuser:
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


@transaction.atomic
def activity_update(*, actor, activity: Activity, request=None, **changes) -> Activity:
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


def activity_set_status(*, actor, activity: Activity, status: str, reason: str = "", request=None) -> Activity:
    """Close, reopen or cancel (reason required): the activity workflow's step into ``status``."""
    return workflow.transition(
        workflow=ACTIVITY_WORKFLOW,
        actor=actor,
        obj=activity,
        action=ACTION_INTO.get(status, status),
        comment=reason,
        request=request,
    )


# Enrolments


def _talents_in_scope(actor):
    return Talent.objects.filter(organisation_scope(actor, "employer"))


def _lock_open_activity(actor, activity: Activity) -> Activity:
    """The activity row, locked, if the actor may still enrol into it."""
    from programs.selectors import activity_visibility

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


@transaction.atomic
def enrolment_create(*, actor, activity: Activity, talent: Talent, request=None) -> Enrolment:
    """Enrol one talent of the actor's scope; the locked activity row makes the capacity check safe."""
    activity = _lock_open_activity(actor, activity)
    if not _talents_in_scope(actor).filter(pk=talent.pk).exists():
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


@transaction.atomic
def enrolment_bulk_create(*, actor, activity: Activity, upload, request=None) -> list[Enrolment]:
    """All or nothing: every row checked first; one bad row (or too few places) and nothing is saved."""
    from programs.spreadsheets import RowError, parse_enrolment_upload

    activity = _lock_open_activity(actor, activity)
    parsed = parse_enrolment_upload(upload)
    errors = list(parsed.errors)
    numbers = [row["id_number"] for _n, row in parsed.rows]
    talents = {t.id_number: t for t in _talents_in_scope(actor).filter(id_number__in=numbers)}
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


def _may_withdraw(actor, enrolment: Enrolment) -> bool:
    return can_manage_activity(actor, enrolment.activity) or (
        can_enrol(actor) and _talents_in_scope(actor).filter(pk=enrolment.talent_id).exists()
    )


@transaction.atomic
def enrolment_delete(*, actor, enrolment: Enrolment, reason: str = "", request=None) -> None:
    if not _may_withdraw(actor, enrolment):
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


@transaction.atomic
def enrolment_complete(
    *, actor, enrolment: Enrolment, completed_on: datetime.date | None = None, request=None
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


# Questions


def _question_phase(activity: Activity) -> str:
    today = timezone.localdate()
    if today < activity.starts_on:
        return QuestionPhase.BEFORE
    if today <= activity.ends_on:
        return QuestionPhase.DURING
    raise ApplicationError(
        _("The activity has ended; questions are collected before and during it."), code="ended", status=409
    )


@transaction.atomic
def question_ask(*, actor, activity: Activity, text: str, talent: Talent | None = None, request=None) -> Question:
    """document-15: participants' questions are collected before and during the course."""
    if not can_ask_questions(actor):
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


def _require_manager(actor, question: Question) -> Question:
    if not can_manage_activity(actor, question.activity):
        raise PermissionDeniedError(ONLY_ACTIVITY_MANAGERS)
    return Question.objects.select_for_update(of=("self",)).select_related("activity").get(pk=question.pk)


@transaction.atomic
def question_answer(*, actor, question: Question, answer: str, publish: bool = False, request=None) -> Question:
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


@transaction.atomic
def question_set_published(*, actor, question: Question, published: bool, request=None) -> Question:
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


@transaction.atomic
def question_group(*, actor, question: Question, label: str, request=None) -> Question:
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
    before = question.group.label if question.group_id else ""
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


# Platforms

PLATFORM_FIELDS = ("kind", "level", "name", "host", "leader", "established_on")


def _validate_platform(actor, platform: Platform) -> None:
    if not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(_("National platforms are registered by the ministry."))
    if not Organisation.objects.filter(organisation_scope(actor), pk=platform.host_id).exists():
        raise ApplicationError(_("The host must be an organisation you administer."), field="host")
    if platform.leader_id is not None and not _talents_in_scope(actor).filter(pk=platform.leader_id).exists():
        raise ApplicationError(_("No such talent."), code="not_found", field="leader")
    if platform.established_on and platform.established_on > timezone.localdate():
        raise ApplicationError(_("The establishment date cannot be in the future."), field="established_on")
    platform.region_id = platform.host.region_id
    full_clean_or_raise(platform, validate_unique=False, validate_constraints=False)
    duplicate = Platform.objects.filter(kind=platform.kind, host_id=platform.host_id, name=platform.name)
    if duplicate.exclude(pk=platform.pk).exists():
        raise ApplicationError(
            _("The host already has a platform of this kind with this name."), code="duplicate", field="name"
        )


@transaction.atomic
def platform_create(*, actor, request=None, **fields) -> Platform:
    if not can_manage_platforms(actor):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    platform = Platform(**{k: v for k, v in fields.items() if k in PLATFORM_FIELDS})
    if platform.host_id is None:
        raise ApplicationError(_("This field is required."), code="required", field="host")
    _validate_platform(actor, platform)
    platform.save()
    audit_record(
        actor=actor, obj=platform, action="create", to_state=f"{platform.kind}:{platform.level}"[:40], request=request
    )
    return platform


@transaction.atomic
def platform_update(*, actor, platform: Platform, request=None, **changes) -> Platform:
    if not can_manage_platforms(actor) or not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    platform = Platform.objects.select_for_update(of=("self",)).select_related("host").get(pk=platform.pk)
    changed = [f for f in PLATFORM_FIELDS if f in changes and getattr(platform, f) != changes[f]]
    if not changed:
        return platform
    before_leader = platform.leader_id
    for field in changed:
        setattr(platform, field, changes[field])
    _validate_platform(actor, platform)
    platform.save(update_fields=[*changed, "region", "updated_at"])
    audit_record(
        actor=actor,
        obj=platform,
        action="update",
        from_state=f"leader:{before_leader}" if "leader" in changed else "",
        to_state=f"leader:{platform.leader_id}" if "leader" in changed else "",
        comment=_("Changed: %s") % ", ".join(changed),
        request=request,
    )
    return platform


@transaction.atomic
def platform_delete(*, actor, platform: Platform, reason: str = "", request=None) -> None:
    if not can_manage_platforms(actor) or not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    if not Organisation.objects.filter(organisation_scope(actor), pk=platform.host_id).exists():
        raise ApplicationError(_("No such platform."), code="not_found", status=404)
    audit_record(
        actor=actor,
        obj=platform,
        action="delete",
        from_state=platform.level,
        to_state="deleted",
        comment=reason,
        request=request,
    )
    platform.delete()


def key_task_of(plan: Plan, number: int) -> KeyTask:
    return KeyTask.objects.get(plan=plan, number=number)
