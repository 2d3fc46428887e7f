"""The review queue as xlsx (DESIGN.md §9): the filtered rows, national ID numbers masked as on screen.

Up to ``DIRECT_EXPORT_LIMIT`` rows are answered directly; a larger export is built by a task
(``evaluations.tasks.review_queue_export_build``) whose status page the browser polls.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from eligibility.clauses import level_name

DIRECT_EXPORT_LIMIT = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The queue's filter parameters an export keeps (never the page number).
EXPORT_PARAMETERS = ("q", "round", "track", "status", "region", "eligibility", "awaiting")


def export_query(data) -> dict:
    """The filters of a request (a QueryDict) as the JSON an export keeps."""
    return {key: data.get(key) for key in EXPORT_PARAMETERS if data.get(key)}


def export_filename() -> str:
    return f"dossiers-{timezone.localdate():%Y%m%d}.xlsx"


def review_queue_export(dossiers) -> tuple[bytes, int]:
    """The rows (a queryset from the queue's selector) as an xlsx workbook, and how many rows it has."""
    from django.utils.translation import get_language

    language = get_language() or "zh-hans"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dossiers")
    sheet.append(
        [
            _("Dossier"),
            _("Round"),
            _("Name"),
            _("National ID number"),
            _("Submitting organisation"),
            _("Region"),
            _("Track"),
            _("Target level"),
            _("Status"),
            _("Eligibility"),
            _("Submitted at"),
        ]
    )
    rows = 0
    for dossier in dossiers.iterator(chunk_size=2000):
        submitted = timezone.localtime(dossier.submitted_at).strftime("%Y-%m-%d %H:%M") if dossier.submitted_at else ""
        sheet.append(
            [
                dossier.pk,
                dossier.round.title,
                dossier.talent.name,
                dossier.talent.masked_id_number,
                dossier.organisation.name,
                str(dossier.organisation.region),
                dossier.get_track_display(),
                level_name(dossier.target_level, language),
                dossier.get_status_display(),
                dossier.get_eligibility_outcome_display() if dossier.eligibility_outcome else "",
                submitted,
            ]
        )
        rows += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), rows
