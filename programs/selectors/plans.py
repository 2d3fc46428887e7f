"""Reads of plans and their key tasks: every signed-in user of a program role sees them."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import RegionLevel
from programs.filters import PlanFilter
from programs.models import KeyIndustry, KeyTask, Plan, RegionalTarget
from programs.rules import can_browse_programs

if TYPE_CHECKING:
    from accounts.models import User


def plan_list(*, actor: "User", filters: Mapping | None = None) -> QuerySet[Plan]:
    if not can_browse_programs(actor):
        return Plan.objects.none()
    plans = Plan.objects.prefetch_related(
        Prefetch("key_tasks", queryset=KeyTask.objects.order_by("number")),
        Prefetch("key_industries", queryset=KeyIndustry.objects.prefetch_related("occupations")),
        Prefetch(
            "targets",
            queryset=RegionalTarget.objects.filter(region__level=RegionLevel.NATIONAL).select_related("region"),
            to_attr="national_targets",
        ),
    )
    return PlanFilter.apply(plans, filters or {})


def plan_get(*, actor: "User", pk) -> Plan:
    return get_object_or_404(plan_list(actor=actor), pk=pk)


def plan_by_code(code: str) -> Plan:
    return Plan.objects.get(code=code)


def key_task_list(*, plan) -> QuerySet[KeyTask]:
    return plan.key_tasks.order_by("number")


def key_task_of(plan: Plan, number: int) -> KeyTask:
    return KeyTask.objects.get(plan=plan, number=number)
