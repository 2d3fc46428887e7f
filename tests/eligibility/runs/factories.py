"""Batch runs made directly (no tasks), for pages, API and the permission matrix."""

from dataclasses import dataclass

from django.utils import timezone

from eligibility.models import EligibilityRun, RuleSet, RuleSetStatus, RunScope, RunStatus
from tests.accounts.factories import region


def published_rule_set() -> RuleSet:
    existing = RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).order_by("-published_at").first()
    if existing is not None:
        return existing
    return RuleSet.objects.create(
        code="runs-test", version=1, title="runs test", status=RuleSetStatus.PUBLISHED, published_at=timezone.now()
    )


def finished_run(*, region_code: str | None = None, previous=None, **fields) -> EligibilityRun:
    """A finished run on a region (or all talents when region_code is None)."""
    area = region(region_code) if region_code else None
    now = timezone.now()
    return EligibilityRun.objects.create(
        scope=RunScope.REGION if area else RunScope.ALL,
        region=area,
        scope_key=f"region:{region_code}" if area else "all",
        rule_set=published_rule_set(),
        as_of=now.date(),
        status=fields.pop("status", RunStatus.FINISHED),
        previous=previous,
        **{"started_at": now, "finished_at": now, **fields},
    )


@dataclass
class RunSubjects:
    """A finished run with a previous one per key of FOREIGN_FOR_ROLE (tests/permissions.py)."""

    runs: dict


REGION_BY_KEY = {"own": "440100", "other_org": "440100", "other_city": "440300", "other_province": "320100"}


def run_subjects(world) -> RunSubjects:
    runs = {}
    for key, code in REGION_BY_KEY.items():
        runs[key] = finished_run(region_code=code, previous=finished_run(region_code=code))
    return RunSubjects(runs=runs)
