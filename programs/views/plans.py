"""Plan pages and the split of a plan's targets across regions (the ministry → provinces → cities)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts.errors import ApplicationError
from accounts.http import posted, require
from programs.forms import TargetSplitForm
from programs.models import Metric
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_TARGET_SETTERS,
    can_browse_programs,
    can_set_target_for,
    can_set_targets,
    can_view_progress,
)
from programs.selectors.plans import plan_get, plan_list
from programs.selectors.targets import target_list, target_split_regions
from programs.services.targets import target_split


@require_GET
def plan_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    return render(request, "programs/plan_list.html", {"plans": plan_list(actor=request.user)})


@require_GET
def plan_detail_view(request, pk):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    plan = plan_get(actor=request.user, pk=pk)
    targets = target_list(actor=request.user).filter(plan=plan).order_by("metric", "region__code")
    context = {
        "plan": plan,
        "targets": targets,
        "can_set_targets": can_set_targets(request.user),
        "can_view_progress": can_view_progress(request.user),
    }
    return render(request, "programs/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
def target_split_view(request, pk):
    require(can_set_targets(request.user), ONLY_TARGET_SETTERS)
    plan = plan_get(actor=request.user, pk=pk)
    metric = request.GET.get("metric") or Metric.TRAINED_PERSON_TIMES
    if metric not in Metric.values:
        metric = Metric.TRAINED_PERSON_TIMES
    parent, children, values = target_split_regions(
        actor=request.user, plan=plan, metric=metric, region_code=request.GET.get("region")
    )
    children = [region for region in children if can_set_target_for(request.user, region)]
    form = TargetSplitForm(
        posted(request),
        parent=parent,
        children=children,
        values=values,
        parent_editable=can_set_target_for(request.user, parent),
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes(values)
        try:
            target_split(actor=request.user, plan=plan, metric=metric, parent=parent, changes=changes, request=request)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            if changes:
                messages.success(
                    request,
                    ngettext("%(count)d target saved.", "%(count)d targets saved.", len(changes))
                    % {"count": len(changes)},
                )
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(
                f"{request.path}?metric={metric}" + (f"&region={parent.code}" if "region" in request.GET else "")
            )
    children_total = sum(values.get(region.pk, 0) for region in children)
    context = {
        "plan": plan,
        "metric": Metric(metric),
        "metrics": Metric,
        "parent": parent,
        "parent_target": values.get(parent.pk),
        "children_total": children_total,
        "form": form,
        "child_fields": [form[TargetSplitForm.field_name(region)] for region in children],
    }
    return render(request, "programs/target_split.html", context)


urlpatterns = [
    path("plans/", plan_list_view, name="plan-list"),
    path("plans/<int:pk>/", plan_detail_view, name="plan-detail"),
    path("plans/<int:pk>/targets/", target_split_view, name="plan-targets"),
]
