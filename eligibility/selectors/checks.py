"""Reads of checks, overrides and rule sets, limited to what the actor may see (talents' scope)."""

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.errors import ApplicationError
from accounts.scoping import scope_queryset
from eligibility.models import EligibilityCheck, EligibilityOverride, RuleSet, RuleSetStatus

if TYPE_CHECKING:
    from accounts.models import User


def rule_set_current() -> RuleSet:
    """The rule set checks and new runs use: the most recently published version."""
    rule_set = (
        RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).order_by("-published_at", "-version", "-pk").first()
    )
    if rule_set is None:
        raise ApplicationError(_("No rule set is published yet."), code="no_rule_set", status=409)
    return rule_set


def check_list(*, actor: "User") -> QuerySet[EligibilityCheck]:
    overrides = EligibilityOverride.objects.select_related("decided_by__organisation", "decided_by__region").order_by(
        "-decided_at", "-id"
    )
    return scope_queryset(
        EligibilityCheck.objects.select_related(
            "rule_set", "checked_by__organisation", "checked_by__region", "talent"
        ).prefetch_related(Prefetch("overrides", queryset=overrides)),
        actor,
        "talent__employer",
    )


def check_get(*, actor: "User", pk) -> EligibilityCheck:
    return get_object_or_404(check_list(actor=actor), pk=pk)


def checks_of_talent(*, actor: "User", talent, limit: int = 20) -> list[EligibilityCheck]:
    return list(check_list(actor=actor).filter(talent=talent)[:limit])


def override_list(*, actor: "User") -> QuerySet[EligibilityOverride]:
    return scope_queryset(
        EligibilityOverride.objects.select_related("decided_by", "check_overridden", "talent"),
        actor,
        "talent__employer",
    )


def latest_check(*, talent, track: str, target_level: str) -> EligibilityCheck | None:
    return (
        EligibilityCheck.objects.filter(talent=talent, track=track, target_level=target_level)
        .order_by("-checked_at", "-id")
        .first()
    )
