"""Reads of programs, always limited to what the actor may see (out of scope → 404).

Visibility:
- plans, key tasks and key industries: every signed-in user of a program role;
- targets: officials, for their own region, the regions under it and the regions above it;
- activities: the region chain of the actor (a Guangzhou clerk sees Guangzhou, Guangdong and national
  activities), officials also the regions under them, organisers their own;
- enrolments: those of talents in the actor's scope, and all of the activities the actor manages;
- questions: those of the actor's organisation(s), all of managed activities, and published ones of
  visible activities;
- platforms: by host organisation scope.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Organisation, Region, RegionLevel, Role
from accounts.scoping import NOTHING, organisation_scope
from programs.models import (
    Activity,
    ActivityStatus,
    Enrolment,
    KeyIndustry,
    KeyTask,
    Plan,
    Platform,
    Question,
    QuestionGroup,
    RegionalTarget,
)
from programs.rules import can_browse_programs, managed_activities


def _sees_everything(actor) -> bool:
    return actor.is_authenticated and actor.sees_everything


# Plans


def plan_list(*, actor) -> QuerySet[Plan]:
    if not can_browse_programs(actor):
        return Plan.objects.none()
    return Plan.objects.prefetch_related(
        Prefetch("key_tasks", queryset=KeyTask.objects.order_by("number")),
        Prefetch("key_industries", queryset=KeyIndustry.objects.prefetch_related("occupations")),
        Prefetch(
            "targets",
            queryset=RegionalTarget.objects.filter(region__level=RegionLevel.NATIONAL).select_related("region"),
            to_attr="national_targets",
        ),
    )


def plan_get(*, actor, pk) -> Plan:
    return get_object_or_404(plan_list(actor=actor), pk=pk)


def plan_by_code(code: str) -> Plan:
    return Plan.objects.get(code=code)


def key_task_list(*, plan) -> QuerySet[KeyTask]:
    return plan.key_tasks.order_by("number")


# Targets


def _parent_region_ids(actor) -> QuerySet:
    return Region.objects.filter(pk=actor.region_id).values("parent_id")


def target_visibility(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if _sees_everything(actor):
        return Q()
    national = Q(region__level=RegionLevel.NATIONAL)
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return national | Q(region_id=actor.region_id) | Q(region__parent_id=actor.region_id)
    if actor.role == Role.CITY_OFFICIAL:
        return national | Q(region_id=actor.region_id) | Q(region_id__in=_parent_region_ids(actor))
    return NOTHING


def target_list(*, actor) -> QuerySet[RegionalTarget]:
    return RegionalTarget.objects.select_related("plan", "region__parent").filter(target_visibility(actor))


def target_get(*, actor, pk) -> RegionalTarget:
    return get_object_or_404(target_list(actor=actor), pk=pk)


def target_split_regions(*, actor, plan, metric: str, region_code: str | None) -> tuple[Region, list, dict]:
    """The region whose target the actor splits (the nation, or the actor's province; the ministry may
    pick a province), the children the actor may set, and the current targets by region id."""
    from programs.rules import can_set_target_for

    if region_code and _sees_everything(actor):
        parent = get_object_or_404(Region.objects.exclude(level=RegionLevel.CITY), code=region_code)
    elif _sees_everything(actor):
        parent = Region.objects.get(level=RegionLevel.NATIONAL)
    else:
        parent = actor.region
    children = [
        region for region in Region.objects.filter(parent=parent).order_by("code") if can_set_target_for(actor, region)
    ]
    values = dict(
        RegionalTarget.objects.filter(plan=plan, metric=metric, region__in=[parent, *children]).values_list(
            "region_id", "target"
        )
    )
    return parent, children, values


def target_children(*, target: RegionalTarget) -> QuerySet[RegionalTarget]:
    """The targets one level down (provinces under the nation, cities under a province)."""
    return RegionalTarget.objects.filter(
        plan_id=target.plan_id, metric=target.metric, region__parent_id=target.region_id
    ).select_related("region")


# Activities


def activity_visibility(actor, path: str = "") -> Q:
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if _sees_everything(actor):
        return Q()
    national = Q(**{f"{prefix}region__level": RegionLevel.NATIONAL})
    if actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id:
        own_org = Organisation.objects.filter(pk=actor.organisation_id)
        return (
            national
            | Q(**{f"{prefix}organiser_id": actor.organisation_id})
            | Q(**{f"{prefix}region_id__in": own_org.values("region_id")})
            | Q(**{f"{prefix}region_id__in": own_org.values("region__parent_id")})
        )
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return (
            national
            | Q(**{f"{prefix}region_id": actor.region_id})
            | Q(**{f"{prefix}region__parent_id": actor.region_id})
        )
    if actor.role == Role.CITY_OFFICIAL:
        return (
            national
            | Q(**{f"{prefix}region_id": actor.region_id})
            | Q(**{f"{prefix}region_id__in": _parent_region_ids(actor)})
        )
    return NOTHING


def activity_list(*, actor) -> QuerySet[Activity]:
    return Activity.objects.with_relations().filter(activity_visibility(actor))


def activity_list_filtered(*, actor, data):
    """The activity list page's filter form over the actor's activities: ``(form, queryset)``.

    The page and its xlsx export both use it, so a file holds what the page lists with the same filters.
    """
    from programs.forms import ActivityFilterForm

    filters = ActivityFilterForm(data or None)
    return filters, filters.filter(activity_list(actor=actor), managed_q=managed_activities(actor))


def activity_get(*, actor, pk) -> Activity:
    return get_object_or_404(activity_list(actor=actor), pk=pk)


def activity_managed_list(*, actor) -> QuerySet[Activity]:
    return Activity.objects.with_relations().filter(managed_activities(actor))


def activity_public_get(*, pk) -> Activity:
    """The public face of an activity (its page with published answers); cancelled ones are gone."""
    return get_object_or_404(Activity.objects.with_relations().exclude(status=ActivityStatus.CANCELLED), pk=pk)


# Enrolments


def enrolment_visibility(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if _sees_everything(actor):
        return Q()  # (an empty Q is "everything" alone, but vanishes when OR-ed with another)
    talents = organisation_scope(actor, "talent__employer")
    managed = managed_activities(actor, "activity")
    if talents == NOTHING:
        return managed
    if managed == NOTHING:
        return talents
    return talents | managed


def enrolment_list(*, actor) -> QuerySet[Enrolment]:
    return Enrolment.objects.select_related(
        "activity", "talent__employer__region", "talent__occupation", "enrolled_by"
    ).filter(enrolment_visibility(actor))


def enrolment_get(*, actor, pk) -> Enrolment:
    return get_object_or_404(enrolment_list(actor=actor), pk=pk)


def activity_enrolments(*, actor, activity: Activity) -> QuerySet[Enrolment]:
    return enrolment_list(actor=actor).filter(activity=activity)


def activity_enrolment_list(*, actor, activity: Activity) -> QuerySet[Enrolment]:
    """The enrolments an activity's page lists to the actor, in the page's order."""
    return activity_enrolments(actor=actor, activity=activity).order_by("talent__name", "pk")


def activity_enrolment_list_by_id(*, actor, activity_id) -> QuerySet[Enrolment]:
    """The same list for an activity given by id (the export's filter): nothing when the activity is
    missing or outside the actor's scope, as its page is then a 404."""
    try:
        pk = int(activity_id)
    except (TypeError, ValueError):
        return Enrolment.objects.none()
    activity = Activity(pk=pk)
    return activity_enrolment_list(actor=actor, activity=activity).filter(
        activity__in=activity_list(actor=actor).filter(pk=pk).values("pk")
    )


# Questions


def question_visibility(actor) -> Q:
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if _sees_everything(actor):
        return Q()
    condition = Q(published=True) & activity_visibility(actor, "activity")
    own = organisation_scope(actor, "organisation")
    if own != NOTHING:
        condition |= own
    managed = managed_activities(actor, "activity")
    if managed != NOTHING:
        condition |= managed
    return condition


def question_list(*, actor) -> QuerySet[Question]:
    return Question.objects.select_related(
        "activity", "organisation", "asked_by", "answered_by", "group", "talent"
    ).filter(question_visibility(actor))


def question_get(*, actor, pk) -> Question:
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


# Platforms


def platform_list(*, actor) -> QuerySet[Platform]:
    return Platform.objects.with_relations().select_related("host__region").filter(organisation_scope(actor, "host"))


def platform_list_filtered(*, actor, data) -> QuerySet[Platform]:
    """The platform list page's rows (kind, and a search in the name), shared with its xlsx export."""
    platforms = platform_list(actor=actor).order_by("kind", "name", "pk")
    kind = (data.get("kind") or "").strip()
    if kind:
        platforms = platforms.filter(kind=kind)
    search = (data.get("q") or "").strip()
    if search:
        platforms = platforms.filter(name__icontains=search)
    return platforms


def platform_get(*, actor, pk) -> Platform:
    return get_object_or_404(platform_list(actor=actor), pk=pk)


def question_group_list_for(*, actor) -> QuerySet[QuestionGroup]:
    """Question groups of the activities the actor may see (the admin's scope)."""
    return QuestionGroup.objects.select_related("activity").filter(activity__in=activity_list(actor=actor).values("pk"))
