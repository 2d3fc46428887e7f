"""The evaluations list pages that export to xlsx, described as data (exports.registry).

Each list's rows come from the selector its page uses, so a file holds what the requester sees on the
page with the same filters; national ID numbers are masked as on screen.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.clauses import level_name
from evaluations.selectors.review import NO_QUEUE_ACCESS, can_use_review_queue, review_queue_filtered
from exports.registry import Column, ListExport, register_list_export


def _level(level) -> str:
    return level_name(level, get_language() or "zh-hans") if level else ""


def _review_queue_rows(actor, filters):
    return review_queue_filtered(actor=actor, data=filters).qs


REVIEW_QUEUE = ListExport(
    name="evaluations.review_queue",
    title=_("Review queue"),
    page="evaluations:review-queue",
    filename="dossiers",
    may_export=can_use_review_queue,
    refusal=NO_QUEUE_ACCESS,
    rows=_review_queue_rows,
    parameters=("q", "round", "track", "status", "region", "eligibility", "awaiting"),
    columns=(
        Column(_("Dossier"), lambda d: d.pk),
        Column(_("Round"), lambda d: d.round.title),
        Column(_("Name"), lambda d: d.talent.name),
        Column(_("National ID number"), lambda d: d.talent.masked_id_number),
        Column(_("Submitting organisation"), lambda d: d.organisation.name),
        Column(_("Region"), lambda d: str(d.organisation.region)),
        Column(_("Track"), lambda d: d.get_track_display()),
        Column(_("Target level"), lambda d: _level(d.target_level)),
        Column(_("Status"), lambda d: d.get_status_display()),
        Column(_("Eligibility"), lambda d: d.get_eligibility_outcome_display() if d.eligibility_outcome else ""),
        Column(_("Submitted at"), lambda d: d.submitted_at),
    ),
)


def register() -> None:
    register_list_export(REVIEW_QUEUE)
