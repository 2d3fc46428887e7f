"""Batch-run pages (docs/rules.md#batch-checks): list and start, live progress (htmx polling), summary, the
difference from the previous run (page and xlsx), cancel.

Role first (403), then the scoped selector (404 outside scope), then the service.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.errors import ApplicationError
from accounts.http import personal_data, xlsx_response
from accounts.pagination import fast_page
from eligibility.exports import RUN_CHANGES
from eligibility.filters import RunChangesFilter, RunFilter, RunResultFilter
from eligibility.models import RUN_TRACKS, ChangeDirection, Outcome, RunScope, RunStatus, Track
from eligibility.rules import NO_RUN_ACCESS, can_run_all_talents, can_use_runs
from eligibility.selectors.runs import (
    change_row,
    reasons_rule_set,
    result_row,
    run_changes,
    run_changes_available,
    run_get,
    run_list_filtered,
    run_progress,
    run_regions,
    run_results,
    run_summary,
)
from eligibility.services.runs import run_cancel, run_start
from exports.services import export_filename, export_request

PAGE_SIZE = 50


def require_runs(request) -> None:
    if not can_use_runs(request.user):
        raise PermissionDenied(NO_RUN_ACCESS)


class RunStartForm(forms.Form):
    """The scope: all talents (national officials) or one region the official covers."""

    scope = forms.ChoiceField(label=gettext_lazy("Scope"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {region.code: region for region in run_regions(actor=actor)}
        choices = [(RunScope.ALL.value, RunScope.ALL.label)] if can_run_all_talents(actor) else []
        choices += [(code, f"{region.display_name} ({code})") for code, region in self.regions.items()]
        self.fields["scope"].choices = choices
        self.fields["scope"].widget.attrs["class"] = "form-select"

    def scope_and_region(self):
        value = self.cleaned_data["scope"]
        if value == RunScope.ALL:
            return RunScope.ALL, None
        return RunScope.REGION, self.regions[value]


@require_GET
def run_list_view(request):
    require_runs(request)
    return render_run_list(request)


def render_run_list(request, form=None, status=200):
    """The scoped list of runs with the start form (refused starts come back here with their error)."""
    filterset = RunFilter(request.GET, actor=request.user)
    page = fast_page(run_list_filtered(actor=request.user, filters=filterset.cleaned_values()), request, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "runs": [(run, run_progress(run)) for run in page.object_list],
        "form": form or RunStartForm(actor=request.user),
        "statuses": RunStatus.choices,
        "status": request.GET.get("status", ""),
    }
    return render(request, "eligibility/runs/run_list.html", context, status=status)


@require_POST
def run_start_view(request):
    require_runs(request)
    form = RunStartForm(request.POST, actor=request.user)
    if form.is_valid():
        scope, region = form.scope_and_region()
        try:
            run = run_start(actor=request.user, scope=scope, region=region, request=request)
        except ApplicationError as error:
            form.add_error(None, error.message)
            return render_run_list(request, form=form, status=error.status)
        messages.success(request, _("The batch run has started."))
        return redirect("eligibility:run-detail", pk=run.pk)
    return render_run_list(request, form=form, status=400)


OUTCOME_ORDER = (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.INELIGIBLE)


def _region_name(region: dict) -> str:
    english = (get_language() or "").startswith("en")
    return region["name_en"] if english and region["name_en"] else region["name"]


def _detail_context(run):
    """Tables ready to render: per track the outcome counts, per region the same, and the changes."""
    context = {"run": run, "progress": run_progress(run), "tracks": RUN_TRACKS, "outcomes": OUTCOME_ORDER}
    if run.status != RunStatus.FINISHED:
        return context
    summary = run_summary(run)
    counts = summary["outcomes"]
    # Each count is (count, the query of the results page listing its talents: issue 15).
    context["outcome_rows"] = [
        (
            track.label,
            [(counts[track][outcome], f"track={track.value}&outcome={outcome.value}") for outcome in OUTCOME_ORDER],
        )
        for track in RUN_TRACKS
    ]
    context["region_rows"] = [
        (
            _region_name(row["region"]),
            row["total"],
            f"region={row['region']['code']}",
            [
                (
                    row["tracks"][track][outcome],
                    f"track={track.value}&outcome={outcome.value}&region={row['region']['code']}",
                )
                for track in RUN_TRACKS
                for outcome in OUTCOME_ORDER
            ],
        )
        for row in summary["regions"]
    ]
    changes = summary["changes"]
    if changes is not None:
        context["change_rows"] = [
            (
                track.value,
                track.label,
                changes[track][ChangeDirection.NEWLY_ELIGIBLE],
                changes[track][ChangeDirection.NO_LONGER_ELIGIBLE],
            )
            for track in RUN_TRACKS
        ]
    return context


@require_GET
def run_detail_view(request, pk):
    require_runs(request)
    run = run_get(actor=request.user, pk=pk)
    return render(request, "eligibility/runs/run_detail.html", _detail_context(run))


@require_GET
def run_results_view(request, pk):
    """The talents behind one count of a finished run's summary (a track's outcome, in a region)."""
    require_runs(request)
    run = run_get(actor=request.user, pk=pk)
    if run.status != RunStatus.FINISHED or run.results_pruned_at is not None:
        raise Http404  # no per-talent results to list (the detail page says why)
    filterset = RunResultFilter(request.GET, actor=request.user)
    values = filterset.cleaned_values()
    track = values.get("track")
    page = fast_page(run_results(run=run, filters=values), request, PAGE_SIZE)
    context = {
        "run": run,
        "filter": filterset,
        "track_label": Track(track).label if track else "",
        "outcome_label": Outcome(values["outcome"]).label if values.get("outcome") else "",
        "region_code": values.get("region", ""),
        "page": page,
        "rows": [result_row(result, track) for result in page.object_list],
    }
    response = render(request, "eligibility/runs/run_results.html", context)
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
def run_progress_view(request, pk):
    """The progress bar alone, polled by htmx while the run is active; at the end the page reloads."""
    require_runs(request)
    run = run_get(actor=request.user, pk=pk)
    progress = run_progress(run)
    response = render(request, "eligibility/runs/partials/progress.html", {"run": run, "progress": progress})
    if not progress.active and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"  # show the summary
    patch_cache_control(response, no_store=True)
    return response


@require_POST
def run_cancel_view(request, pk):
    require_runs(request)
    run = run_get(actor=request.user, pk=pk)
    try:
        run_cancel(actor=request.user, run=run, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The batch run was cancelled."))
    return redirect("eligibility:run-detail", pk=run.pk)


def _changes_request(request, pk):
    """The run (in scope), track and direction of a difference list: the URL's run, the query string
    cleaned by ``RunChangesFilter`` (an unknown track or direction is 404, as is a run without a difference)."""
    require_runs(request)
    run = run_get(actor=request.user, pk=pk)
    filterset = RunChangesFilter(request.GET, actor=request.user)
    if not filterset.is_valid():
        raise Http404
    values = filterset.cleaned_values()
    if not run_changes_available(run):
        raise Http404  # no difference to list (the detail page says why)
    track = values.get("track") or RUN_TRACKS[0].value
    direction = values.get("direction") or ChangeDirection.NEWLY_ELIGIBLE
    return run, track, direction, filterset


@require_GET
def run_changes_view(request, pk):
    run, track, direction, filterset = _changes_request(request, pk)
    page = fast_page(run_changes(run=run, track=track, direction=direction), request, PAGE_SIZE)
    context = {
        "filter": filterset,
        "run": run,
        "track": track,
        "track_label": Track(track).label,
        "direction": direction,
        "direction_label": dict(ChangeDirection.CHOICES)[direction],
        "tracks": RUN_TRACKS,
        "directions": ChangeDirection.CHOICES,
        "page": page,
        "rows": [change_row(result, track, reasons_rule_set(run, direction)) for result in page.object_list],
    }
    response = render(request, "eligibility/runs/run_changes.html", context)
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
def run_changes_export_view(request, pk):
    """The difference as xlsx through the exports registry (``eligibility.run_changes``): recorded, audited,
    a large one built by a task like every other list."""
    run, track, direction, _filterset = _changes_request(request, pk)
    data = {"run": str(run.pk), "track": track, "direction": direction}
    answer = export_request(actor=request.user, spec=RUN_CHANGES, data=data, request=request)
    if answer.direct:
        return personal_data(xlsx_response(answer.content, export_filename(RUN_CHANGES)))
    return redirect("exports:status", pk=answer.export.pk)
