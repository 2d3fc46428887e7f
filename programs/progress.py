"""The progress dashboard of a plan (DESIGN.md §8): target vs achieved, national → province → city.

Figures are read from ``ProgressFigure``, a small aggregate (plans × employer regions × measures)
recomputed set-based by ``progress_refresh``: a GROUP BY per measure over the enrolments, never a
signal, because R9 also depends on credentials, which the talents app changes without knowing about
programs. The refresh runs as a Celery task on a beat schedule and after enrolments and completions
(``progress_refresh_later``); the dashboard shows the time the figures are "as of".

Achievement is counted where the talent works (their employer's region), so the Guangdong
participants of a national training course count toward Guangdong's target.

Every dashboard view (page, API action, xlsx) calls ``plan_progress``: one aggregate query for all
figures of the region and its children, plus the targets, the child regions and the refresh time.
"""

import io
import time
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

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

# leading-talents-cultivation-plan (R9): a leading talent holds skill level technician or above.
LEADING_TALENT_MIN_LEVEL = "technician"
# Metric.CERTIFICATES: new skill certificates at senior worker or above count toward the target.
CERTIFICATE_TARGET_MIN_LEVEL = "senior_worker"

NO_PROGRESS_ACCESS = gettext_lazy("Only HR officials see the progress of the plans.")
PROGRESS_ROLES = frozenset({Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN})


# Who sees which region


def can_view_progress(actor) -> bool:
    """Officials follow the plans in their region (DESIGN.md §1); clerks and experts do not."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in PROGRESS_ROLES)


def progress_home_region(actor) -> Region:
    """The region a dashboard opens on: the nation for the ministry, the official's own otherwise."""
    if actor.sees_everything:
        return Region.objects.get(code=NATIONAL_REGION_CODE)
    return actor.region


def progress_region_get(*, actor, code: str | None) -> Region:
    """The region asked for, if the actor may see it: 403 for a role without dashboards, 404 outside scope."""
    if not can_view_progress(actor):
        raise PermissionDenied(NO_PROGRESS_ACCESS)
    if not code:
        return progress_home_region(actor)
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None or not _region_in_scope(actor, region):
        raise Http404(_("No such region in your scope."))
    return region


def _region_in_scope(actor, region: Region) -> bool:
    if actor.sees_everything:
        return True
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return region.pk == actor.region_id or region.parent_id == actor.region_id
    if actor.role == Role.CITY_OFFICIAL:
        return region.pk == actor.region_id
    return False


# What the dashboard shows


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
    as_of: object  # datetime of the last refresh, None before the first
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

    targets = RegionalTarget.objects.filter(plan=plan, region__in=[region, *children]).values_list(
        "region_id", "metric", "target"
    )
    for region_id, metric, target in targets:
        row = total if region_id == region.pk else by_child.get(region_id)
        if row is not None:
            row.targets[Metric(metric)] = target
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


# Keeping the aggregate


def completed_in_plan(plan: Plan):
    """Completed enrolments of the talent (OuterRef) in any activity of the plan."""
    return Enrolment.objects.filter(talent=OuterRef("pk"), completed=True, activity__plan=plan)


def leading_talents(plan: Plan):
    """R9 as a queryset: talents who completed a training activity of the plan, hold skill level
    technician or above and whose occupation is in one of the plan's key industries."""
    technician = SkillLevel.objects.get(code=LEADING_TALENT_MIN_LEVEL)
    holds_level = Credential.objects.filter(
        talent=OuterRef("pk"), kind=CredentialKind.SKILL_LEVEL, skill_level__rank__gte=technician.rank
    )
    key_occupations = KeyIndustry.occupations.through.objects.filter(keyindustry__plan=plan).values("occupation_id")
    return Talent.objects.filter(
        Exists(completed_in_plan(plan)), Exists(holds_level), occupation_id__in=Subquery(key_occupations)
    )


def _computed_figures(plan: Plan):
    """(employer region id, measure, skill level id, value): three GROUP BY queries, no row per talent."""
    per_region = (
        Enrolment.objects.filter(activity__plan=plan)
        .values_list("talent__employer__region_id")
        .annotate(
            enrolments=Count("pk"),
            trained=Count("pk", filter=Q(completed=True)),
            digital=Count("pk", filter=Q(completed=True, talent__occupation__is_digital=True)),
        )
        .order_by()
    )
    for region_id, enrolments, trained, digital in per_region:
        yield region_id, ProgressMeasure.ENROLMENTS, None, enrolments
        yield region_id, ProgressMeasure.TRAINED_PERSON_TIMES, None, trained
        yield region_id, ProgressMeasure.TRAINED_DIGITAL, None, digital

    leading = leading_talents(plan).values_list("employer__region_id").annotate(n=Count("pk")).order_by()
    for region_id, count in leading:
        yield region_id, ProgressMeasure.LEADING_TALENTS, None, count

    # New certificates: obtained within the plan's period by talents the plan trained.
    certificates = Credential.objects.filter(
        Exists(Enrolment.objects.filter(talent=OuterRef("talent_id"), completed=True, activity__plan=plan)),
        kind=CredentialKind.SKILL_LEVEL,
    )
    if plan.period_start:
        certificates = certificates.filter(obtained_on__gte=plan.period_start)
    if plan.period_end:
        certificates = certificates.filter(obtained_on__lte=plan.period_end)
    per_level = (
        certificates.values_list("talent__employer__region_id", "skill_level_id").annotate(n=Count("pk")).order_by()
    )
    for region_id, level_id, count in per_level:
        yield region_id, ProgressMeasure.CERTIFICATES, level_id, count


def progress_refresh(*, plan: Plan) -> ProgressRefresh:
    """Recompute a plan's figures in one transaction: readers see the old set until it commits."""
    with transaction.atomic():
        # One refresh of a plan at a time; a second waits and then recomputes from fresh data.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        # "As of" is when the computation starts: changes committed before then are all counted.
        as_of, started = timezone.now(), time.perf_counter()
        computed = [row for row in _computed_figures(plan) if row[3]]
        regions = {
            pk: (level, parent_id)
            for pk, level, parent_id in Region.objects.filter(pk__in={row[0] for row in computed})
            .values_list("pk", "level", "parent_id")
            .order_by()
        }
        ProgressFigure.objects.filter(plan=plan).delete()
        ProgressFigure.objects.bulk_create(
            (
                ProgressFigure(
                    plan=plan,
                    region_id=region_id,
                    province_id=_province_of(region_id, regions),
                    measure=measure,
                    skill_level_id=level_id,
                    value=value,
                )
                for region_id, measure, level_id, value in computed
            ),
            batch_size=1000,
        )
        refresh, _created = ProgressRefresh.objects.update_or_create(
            plan=plan,
            defaults={
                "refreshed_at": as_of,
                "duration_ms": round((time.perf_counter() - started) * 1000),
            },
        )
    return refresh


def _province_of(region_id: int, regions: dict) -> int | None:
    level, parent_id = regions[region_id]
    if level == RegionLevel.PROVINCE:
        return region_id
    if level == RegionLevel.CITY:
        return parent_id
    return None


def progress_refresh_later(plan_id: int) -> None:
    """After enrolments or completions change: recompute once the transaction has committed.

    The task skips its work when a refresh started after this request (a burst of completions
    costs one or two refreshes, not one each)."""
    from programs.tasks import progress_refresh_plan

    requested_at = timezone.now().isoformat()
    transaction.on_commit(lambda: progress_refresh_plan.delay(plan_id, requested_at=requested_at))


def progress_is_fresh(*, plan_id: int, since) -> bool:
    """Did a refresh of the plan start at or after ``since``?"""
    return ProgressRefresh.objects.filter(plan_id=plan_id, refreshed_at__gte=since).exists()


# xlsx export


def progress_workbook(progress: PlanProgress) -> bytes:
    """The dashboard as a workbook: targets and achievement, then certificates by level."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Progress")[:31]
    bold = Font(bold=True)
    sheet.append([progress.plan.display_title])
    sheet.append([_("Region"), progress.region.display_name])
    as_of = timezone.localtime(progress.as_of).strftime("%Y-%m-%d %H:%M") if progress.as_of else _("not yet computed")
    sheet.append([_("Figures as of"), as_of])
    sheet.append([])
    header = [_("Region")]
    for metric in Metric:
        header += [f"{metric.label} · {_('target')}", f"{metric.label} · {_('achieved')}", f"{metric.label} · %"]
    header += [_("Enrolments"), _("Digital occupations share (%)")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in [progress.total, *progress.children]:
        values = [row.label]
        for metric in Metric:
            percent = row.percent_of_target(metric)
            values += [row.targets.get(metric), row.achieved[metric], None if percent is None else round(percent, 1)]
        share = row.digital_share
        values += [row.enrolments, None if share is None else round(100 * share, 1)]
        sheet.append(values)

    levels = workbook.create_sheet(_("Certificates by level")[:31])
    levels.append([_("Region"), *[level.display_name for level in progress.levels]])
    for cell in levels[1]:
        cell.font = bold
    for row in [progress.total, *progress.children]:
        levels.append([row.label, *[row.certificates_by_level.get(level.pk, 0) for level in progress.levels]])
    sheet.column_dimensions["A"].width = 28
    levels.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
