"""Readable labels for the codes the evaluation pages would otherwise show (docs/codes.md): a level's
catalogue name, an attachment's kind of file, and a "track → level" pair recorded in the audit trail."""

import re

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.clauses import level_name
from eligibility.models import Track

CONTENT_TYPE_LABELS = {
    "application/pdf": _("PDF file"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
}
TRACK_LEVEL = re.compile(r"^(?P<track>[a-z_]+) → (?P<level>[a-z_]+)$")


def level_label(code: str) -> str:
    """A skill or title level's name in the active language (the code itself only if unknown)."""
    return level_name(code or "", get_language() or "zh-hans")


def content_type_label(content_type: str) -> str:
    return str(CONTENT_TYPE_LABELS.get(content_type, _("Other file")))


def track_level_label(text: str) -> str:
    """ "promotion → technician" (a dossier's track and level as the audit trail stores them) as labels;
    any other text unchanged."""
    match = TRACK_LEVEL.match(text or "")
    if match is None or match["track"] not in Track.values:
        return text
    return f"{Track(match['track']).label} → {level_label(match['level'])}"
