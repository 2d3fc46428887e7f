"""A plan's progress dashboard: the page, its xlsx file and the recompute button."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import require, xlsx_response
from accounts.models import Region
from programs.exports import progress_workbook
from programs.models import Metric
from programs.rules import NO_PROGRESS_ACCESS, can_view_progress
from programs.selectors.plans import plan_get
from programs.selectors.progress import plan_progress, progress_region_get
from programs.services.progress import progress_refresh_later


@require_GET
def progress_view(request, pk):
    require(can_view_progress(request.user), NO_PROGRESS_ACCESS)
    region = progress_region_get(actor=request.user, code=request.GET.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress = plan_progress(plan=plan, region=region)
    context = {
        "plan": plan,
        "progress": progress,
        "chart_data": _chart_data(progress),
        "breadcrumb": _region_trail(request.user, region),
        "can_refresh": True,
    }
    return render(request, "programs/progress.html", context)


def _region_trail(actor, region: Region) -> list[Region]:
    """National › province › city, from the highest region the actor may open."""
    trail = [region]
    while trail[0].parent_id is not None:
        parent = trail[0].parent
        if not (actor.sees_everything or parent.pk == actor.region_id):
            break
        trail.insert(0, parent)
    return trail


def _chart_data(progress) -> dict:
    rows = progress.children if progress.children else [progress.total]
    return {
        "labels": [row.label for row in rows],
        "metrics": [
            {
                "label": str(metric.label),
                "target": [row.targets.get(metric) for row in rows],
                "achieved": [row.achieved[metric] for row in rows],
            }
            for metric in Metric
        ],
        "levels": {
            "labels": [level.display_name for level in progress.levels],
            "values": [progress.total.certificates_by_level.get(level.pk, 0) for level in progress.levels],
        },
        "digital": [None if row.digital_share is None else round(100 * row.digital_share, 1) for row in rows],
        "text": {
            "target": _("Target"),
            "achieved": _("Achieved"),
            "digital": _("Digital occupations share (%)"),
        },
    }


@require_GET
def progress_export_view(request, pk):
    require(can_view_progress(request.user), NO_PROGRESS_ACCESS)
    region = progress_region_get(actor=request.user, code=request.GET.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress = plan_progress(plan=plan, region=region)
    filename = f"progress-{plan.code}-{region.code}-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(progress_workbook(progress), filename)


@require_POST
def progress_refresh_view(request, pk):
    require(can_view_progress(request.user), NO_PROGRESS_ACCESS)
    region = progress_region_get(actor=request.user, code=request.POST.get("region"))
    plan = plan_get(actor=request.user, pk=pk)
    progress_refresh_later(plan.pk)
    messages.info(request, _("The figures are being recomputed; the “as of” time shows when they are done."))
    return redirect(f"{reverse('programs:plan-progress', args=[plan.pk])}?region={region.code}")


urlpatterns = [
    path("plans/<int:pk>/progress/", progress_view, name="plan-progress"),
    path("plans/<int:pk>/progress/export/", progress_export_view, name="plan-progress-export"),
    path("plans/<int:pk>/progress/refresh/", progress_refresh_view, name="plan-progress-refresh"),
]
