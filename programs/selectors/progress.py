"""The figures of a plan's progress dashboard (docs/programs.md): target vs achieved, national → province → city.

Figures are read from ``ProgressFigure``, the aggregate ``programs.services.progress`` keeps; the
dashboard shows the time they are "as of". Every dashboard view (page, API action, xlsx) calls
``plan_progress``: one aggregate query for all figures of the region and its children, plus the targets,
the child regions and the refresh time.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Subquery, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Region, RegionLevel, Role
from catalogues.models import SkillLevel
from programs.models import (
    NATIONAL_REGION_CODE,
    Enrolment,
    KeyIndustry,
    Metric,
    Plan,
    ProgressFigure,
    ProgressMeasure,
    ProgressRefresh,
    RegionalTarget,
)
from talents.models import Credential, CredentialKind, Talent

if TYPE_CHECKING:
    from accounts.models import User

# leading-talents-cultivation-plan (R9): a leading talent holds skill level technician or above.
LEADING_TALENT_MIN_LEVEL = "technician"


# Metric.CERTIFICATES: new skill certificates at senior worker or above count toward the target.
CERTIFICATE_TARGET_MIN_LEVEL = "senior_worker"


def progress_home_region(actor: "User") -> Region:
    """The region a dashboard opens on: the nation for the ministry, the official's own otherwise."""
    if actor.sees_everything:
        return Region.objects.get(code=NATIONAL_REGION_CODE)
    assert actor.region is not None  # the progress roles are officials, bound to a region (accounts.User)
    return actor.region


def progress_region_get(*, actor: "User", code: str | None) -> Region:
    """The region asked for, if the actor may see it (404 outside scope); the caller has checked that the
    actor may view dashboards at all (``programs.rules.can_view_progress``)."""
    if not code:
        return progress_home_region(actor)
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None or not _region_in_scope(actor, region):
        raise Http404(_("No such region in your scope."))
    return region


def _region_in_scope(actor: "User", region: Region) -> bool:
    if actor.sees_everything:
        return True
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return region.pk == actor.region_id or region.parent_id == actor.region_id
    if actor.role == Role.CITY_OFFICIAL:
        return region.pk == actor.region_id
    return False


@dataclass
class RegionProgress:
    """Target and achievement of one region (or of the employers registered at the parent's level)."""

    region: Region | None
    label: str
    targets: dict = field(default_factory=dict)  # Metric value → target or None
    enrolments: int = 0
    trained: int = 0
    trained_digital: int = 0
    leading_talents: int = 0
    certificates_by_level: dict = field(default_factory=dict)  # SkillLevel pk → count
    certificates: int = 0  # at the target's minimum level or above

    @property
    def achieved(self) -> dict:
        return {
            Metric.TRAINED_PERSON_TIMES: self.trained,
            Metric.LEADING_TALENTS: self.leading_talents,
            Metric.CERTIFICATES: self.certificates,
        }

    @property
    def digital_share(self) -> float | None:
        """Share of person-times trained whose talent works in a digital occupation (digital action plan)."""
        return self.trained_digital / self.trained if self.trained else None

    def percent_of_target(self, metric) -> float | None:
        target = self.targets.get(metric)
        return 100 * self.achieved[metric] / target if target else None

    @property
    def metric_rows(self) -> list[dict]:
        return [
            {
                "metric": metric,
                "label": metric.label,
                "target": self.targets.get(metric),
                "achieved": self.achieved[metric],
                "percent": self.percent_of_target(metric),
            }
            for metric in Metric
        ]


@dataclass
class PlanProgress:
    plan: Plan
    region: Region
    as_of: datetime.datetime | None  # the last refresh, None before the first
    levels: list  # SkillLevel rows, ascending
    total: RegionProgress
    children: list  # RegionProgress per child region (provinces, cities), then the parent-level bucket
    child_level: str | None

    @property
    def certificate_rows(self) -> list[tuple]:
        return [(level, self.total.certificates_by_level.get(level.pk, 0)) for level in self.levels]

    def as_dict(self) -> dict:
        """The API's shape (``plans/{id}/progress``): the same figures as the page."""
        levels = {level.pk: level.code for level in self.levels}
        return {
            "plan": self.plan.code,
            "region": {"code": self.region.code, "name": self.region.display_name, "level": self.region.level},
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "total": _row_dict(self.total, levels),
            "children": [_row_dict(row, levels) for row in self.children],
        }


def _row_dict(row: RegionProgress, levels: dict) -> dict:
    return {
        "region": row.region.code if row.region else None,
        "name": row.label,
        "targets": {str(metric): row.targets.get(metric) for metric in Metric},
        "achieved": {str(metric): value for metric, value in row.achieved.items()},
        "enrolments": row.enrolments,
        "trained_digital": row.trained_digital,
        "digital_share": None if row.digital_share is None else round(row.digital_share, 4),
        "certificates_by_level": {code: row.certificates_by_level.get(pk, 0) for pk, code in levels.items()},
    }


def plan_progress(*, plan: Plan, region: Region) -> PlanProgress:
    """All figures of ``region`` and its children from one aggregate query (callers check scope first)."""
    figures = ProgressFigure.objects.filter(plan=plan)
    if region.level == RegionLevel.NATIONAL:
        group, child_level = "province_id", RegionLevel.PROVINCE
        children = list(Region.objects.filter(level=RegionLevel.PROVINCE))
    elif region.level == RegionLevel.PROVINCE:
        figures, group, child_level = figures.filter(province=region), "region_id", RegionLevel.CITY
        children = list(Region.objects.filter(parent=region))
    else:
        figures, group, child_level = figures.filter(region=region), "region_id", None
        children = []
    rows = figures.values_list(group, "measure", "skill_level_id").annotate(total=Sum("value")).order_by()

    levels = list(SkillLevel.objects.order_by("rank"))
    counted_levels = {level.pk for level in levels if level.rank >= _rank(levels, CERTIFICATE_TARGET_MIN_LEVEL)}
    total = RegionProgress(region=region, label=region.display_name)
    by_child = {child.pk: RegionProgress(region=child, label=child.display_name) for child in children}
    # Employers registered at the region's own level (a province's bureau, a national body).
    own_level = RegionProgress(
        region=None,
        label=_("Employers registered at national level")
        if region.level == RegionLevel.NATIONAL
        else _("Employers registered at provincial level"),
    )
    for key, measure, level_id, value in rows:
        targets = [total]
        if child_level is not None:
            targets.append(by_child.get(key, own_level) if key != region.pk else own_level)
        for row in targets:
            _add(row, measure, level_id, value, counted_levels)

    target_rows = RegionalTarget.objects.filter(plan=plan, region__in=[region, *children]).values_list(
        "region_id", "metric", "target"
    )
    for region_id, metric, target in target_rows:
        target_row = total if region_id == region.pk else by_child.get(region_id)
        if target_row is not None:
            target_row.targets[Metric(metric)] = target
    refresh = ProgressRefresh.objects.filter(plan=plan).values_list("refreshed_at", flat=True).first()
    child_rows = list(by_child.values())
    if child_level is not None and (own_level.enrolments or own_level.certificates_by_level):
        child_rows.append(own_level)
    return PlanProgress(
        plan=plan,
        region=region,
        as_of=refresh,
        levels=levels,
        total=total,
        children=child_rows,
        child_level=child_level,
    )


def _add(row: RegionProgress, measure: str, level_id, value: int, counted_levels: set) -> None:
    if measure == ProgressMeasure.ENROLMENTS:
        row.enrolments += value
    elif measure == ProgressMeasure.TRAINED_PERSON_TIMES:
        row.trained += value
    elif measure == ProgressMeasure.TRAINED_DIGITAL:
        row.trained_digital += value
    elif measure == ProgressMeasure.LEADING_TALENTS:
        row.leading_talents += value
    elif measure == ProgressMeasure.CERTIFICATES:
        row.certificates_by_level[level_id] = row.certificates_by_level.get(level_id, 0) + value
        if level_id in counted_levels:
            row.certificates += value


def _rank(levels: list, code: str) -> int:
    for level in levels:
        if level.code == code:
            return level.rank
    raise SkillLevel.DoesNotExist(f"skill level {code!r} is missing from the catalogue")


def completed_in_plan(plan: Plan):
    """Completed enrolments of the talent (OuterRef) in any activity of the plan."""
    return Enrolment.objects.filter(talent=OuterRef("pk"), completed=True, activity__plan=plan)


def leading_talents(plan: Plan):
    """R9 as a queryset: talents who completed a training activity of the plan, hold skill level
    technician or above and whose occupation is in one of the plan's key industries."""
    technician = SkillLevel.objects.get(code=LEADING_TALENT_MIN_LEVEL)
    holds_level = Credential.objects.active().filter(
        talent=OuterRef("pk"), kind=CredentialKind.SKILL_LEVEL, skill_level__rank__gte=technician.rank
    )
    key_occupations = KeyIndustry.occupations.through.objects.filter(keyindustry__plan=plan).values("occupation_id")
    return Talent.objects.filter(
        Exists(completed_in_plan(plan)), Exists(holds_level), occupation_id__in=Subquery(key_occupations)
    )


def progress_is_fresh(*, plan_id: int, since) -> bool:
    """Did a refresh of the plan start at or after ``since``?"""
    return ProgressRefresh.objects.filter(plan_id=plan_id, refreshed_at__gte=since).exists()
