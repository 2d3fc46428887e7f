"""The batch-run list exports to xlsx, described as data (exports.registry).

Rows come from the selector the run list uses. Outcome counts are read from a run's frozen summary
(written once the run finished): computing them per run would cost queries per row, so a run without
one leaves those cells empty. A run's own differences keep their export on the changes page.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from eligibility.models import EligibilityRun
from eligibility.selectors.runs import (
    NO_RUN_ACCESS,
    OUTCOMES,
    RUN_TRACKS,
    ChangeDirection,
    can_use_runs,
    run_list_filtered,
    run_progress,
)
from exports.registry import Column, ListExport, register_list_export


def _scope(run: EligibilityRun) -> str:
    return run.region.display_name if run.region_id else str(_("All talents"))


def _started_by(run: EligibilityRun) -> str:
    if run.started_by_id is None:
        return str(_("schedule"))
    return run.started_by.get_full_name() or run.started_by.username


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
    rows=lambda actor, filters: run_list_filtered(actor=actor, data=filters),
    parameters=("status",),
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


def register() -> None:
    register_list_export(RUNS)
