"""Writes of regional targets: the children of a region never add up to more than its target.

A target's siblings are summed while the parent target's row is locked (``of=("self",)``, so a join
never locks rows other writers need).
"""

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.cache import PROGRAMS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Region, RegionLevel
from accounts.quotas import below_children, exceeds_parent, room_left
from accounts.services import audit_record, full_clean_or_raise
from programs.models import Metric, Plan, RegionalTarget
from programs.rules import ONLY_TARGET_SETTERS, can_set_target_for

if TYPE_CHECKING:
    from accounts.models import User


def _fmt(value: int) -> str:
    return number_format(value, force_grouping=True)


def _children_sum(plan_id: int, metric: str, region: Region) -> int:
    return (
        RegionalTarget.objects.filter(plan_id=plan_id, metric=metric, region__parent_id=region.pk).aggregate(
            total=Sum("target")
        )["total"]
        or 0
    )


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def target_set(
    *, actor: "User", plan: Plan, metric: str, region: Region, target: int, note: str = "", request=None
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
            # Only the national region has no parent; a None here would match IS NULL, no row.
            .filter(plan=plan, metric=metric, region_id=region.parent_id)  # type: ignore[misc]
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
        if exceeds_parent(amount=target, siblings=siblings, parent=parent.target):
            raise ApplicationError(
                _(
                    "The targets of the regions under %(parent)s would add up to %(total)s, more than its "
                    "target of %(limit)s; at most %(left)s is left for %(region)s."
                )
                % {
                    "parent": region.parent,
                    "total": _fmt(siblings + target),
                    "limit": _fmt(parent.target),
                    "left": _fmt(room_left(parent=parent.target, siblings=siblings)),
                    "region": region,
                },
                code="exceeds_parent_target",
                field="target",
            )
    existing = (
        RegionalTarget.objects.select_for_update(of=("self",)).filter(plan=plan, metric=metric, region=region).first()
    )
    children = _children_sum(plan.pk, metric, region)
    if below_children(amount=target, children=children):
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


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def target_split(*, actor: "User", plan, metric: str, parent: Region, changes: list, request=None) -> None:
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


@bumps_scope_version(PROGRAMS)
@transaction.atomic  # the row lock below needs a transaction (it used to fail on every call)
def target_delete(*, actor: "User", target: RegionalTarget, reason: str = "", request=None) -> None:
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
