"""The batch-run list exports to xlsx, described as data (exports.registry).

Rows come from the selector the run list uses. Outcome counts are read from a run's frozen summary
(written once the run finished): computing them per run would cost queries per row, so a run without
one leaves those cells empty. A run's difference from the previous run is its own list
(``eligibility.run_changes``), exported from the changes page.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from eligibility.filters import RunChangesFilter, RunFilter
from eligibility.models import OUTCOMES, RUN_TRACKS, ChangeDirection, EligibilityRun
from eligibility.rules import NO_RUN_ACCESS, can_use_runs
from eligibility.selectors.runs import change_row, run_changes_filtered, run_list_filtered, run_progress
from exports.registry import Column, ListExport, filtered_rows, register_list_export


def _scope(run: EligibilityRun) -> str:
    return run.region.display_name if run.region_id else str(_("All talents"))


def _started_by(run: EligibilityRun) -> str:
    if run.started_by_id is None:
        return str(_("schedule"))
    return run.started_by.display_name


def _outcome_count(track: str, outcome: str):
    def value(run: EligibilityRun):
        if not run.summary:
            return None
        return run.summary.get("outcomes", {}).get(track, {}).get(outcome)

    return value


def _change_count(track: str, direction: str):
    def value(run: EligibilityRun):
        changes = (run.summary or {}).get("changes")
        return changes.get(track, {}).get(direction) if changes else None

    return value


def _summary_columns():
    directions = dict(ChangeDirection.CHOICES)
    for track in RUN_TRACKS:
        for outcome in OUTCOMES:
            yield Column(format_lazy("{}: {}", track.label, outcome.label), _outcome_count(track.value, outcome.value))
        newly = ChangeDirection.NEWLY_ELIGIBLE
        yield Column(format_lazy("{}: {}", track.label, directions[newly]), _change_count(track.value, newly))


RUNS = ListExport(
    name="eligibility.runs",
    title=_("Batch eligibility runs"),
    page="eligibility:run-list",
    filename="eligibility-runs",
    may_export=can_use_runs,
    refusal=NO_RUN_ACCESS,
    rows=filtered_rows(run_list_filtered, RunFilter),
    parameters=RunFilter.parameter_names(),
    columns=(
        Column(_("Run"), lambda r: r.pk),
        Column(_("Scope"), _scope),
        Column(_("Nightly run"), lambda r: _("Yes") if r.nightly else _("No")),
        Column(_("Rule set"), lambda r: f"{r.rule_set.code} v{r.rule_set.version}"),
        Column(_("As of"), lambda r: r.as_of),
        Column(_("Status"), lambda r: r.get_status_display()),
        Column(_("Started by"), _started_by),
        Column(_("Started at"), lambda r: r.started_at or r.created_at),
        Column(_("Finished at"), lambda r: r.finished_at),
        Column(_("Talents"), lambda r: run_progress(r).total),
        Column(_("Talents checked"), lambda r: run_progress(r).done),
        Column(_("Progress (%)"), lambda r: run_progress(r).percent),
        *_summary_columns(),
    ),
)


# One run's difference from the previous run (run_changes_filtered selects each result's talent,
# employer, region and run with its rule set: writing N rows is a constant number of queries).


def _change(result) -> dict:
    """The row as the difference page shows it, computed once per result for all its cells."""
    row = getattr(result, "_change_row", None)
    if row is None:
        rule_set = result.run.rule_set if result.change_direction == ChangeDirection.NEWLY_ELIGIBLE else None
        row = result._change_row = change_row(result, result.change_track, rule_set)
    return row


def _reasons(result) -> str:
    return "; ".join(f"{'✓' if r['passed'] else '✗'} {r['explanation']}" for r in _change(result)["reasons"])


RUN_CHANGES = ListExport(
    name="eligibility.run_changes",
    title=_("Changes since the previous run"),
    page="eligibility:run-list",
    filename="eligibility-run-changes",
    may_export=can_use_runs,
    refusal=NO_RUN_ACCESS,
    rows=filtered_rows(run_changes_filtered, RunChangesFilter),
    parameters=RunChangesFilter.parameter_names(),
    parent_parameter="run",
    columns=(
        Column(_("Name"), lambda r: _change(r)["name"]),
        Column(_("National ID number"), lambda r: _change(r)["masked_id_number"]),
        Column(_("Employer"), lambda r: _change(r)["employer"]),
        Column(_("Region"), lambda r: _change(r)["region"]),
        Column(_("Target level"), lambda r: _change(r)["level"]),
        # "Previous outcome" for the newly eligible, "Outcome in this run" for the no longer eligible.
        Column(_("Outcome in the compared run"), lambda r: _change(r)["other_outcome"]),
        Column(_("Reasons"), _reasons),
    ),
)


def register() -> None:
    register_list_export(RUNS)
    register_list_export(RUN_CHANGES)
