"""The printable list of a campaign's conferred awardees — the annex of the commendation decision — as
a PDF (reportlab, as evaluations/pdf.py: Chinese in the built-in CID font STSong-Light, no font file to
ship). Names are printed in full, as in a published decision; ID numbers are not printed at all."""

import io

from django.conf import settings
from django.utils import translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from commendations.models import Campaign

CJK_FONT = "STSong-Light"
ROWS_PER_PAGE = 32


def _register_font() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _clip(text: str, width: float, size: float) -> str:
    """Shorten ``text`` to fit ``width`` points (long organisation names)."""
    text = str(text or "")
    while text and pdfmetrics.stringWidth(text, CJK_FONT, size) > width:
        text = text[:-1]
    return text


def awardee_rows(nominations) -> list[tuple[str, str, str]]:
    """(name, organisation, region) per conferred nomination."""
    rows = []
    for nomination in nominations:
        if nomination.talent_id:
            name, organisation = nomination.talent.name, nomination.organisation.name
        else:
            name = organisation = nomination.nominee_organisation.name
        rows.append((name, organisation, str(nomination.organisation.region)))
    return rows


def awardees_pdf(campaign: Campaign, nominations, *, authority: str) -> bytes:
    """Portrait A4 pages: the heading, then a numbered table; uncompressed so tests can read the text."""
    _register_font()
    rows = awardee_rows(nominations)
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    with translation.override(settings.LANGUAGE_CODE):
        from django.utils.translation import gettext as _

        title = _("List of awardees: %(campaign)s") % {"campaign": campaign}
        headers = ("#", _("Name"), _("Organisation"), _("Region"))
        empty = _("No award has been conferred in this campaign.")
        pdf.setTitle(title)
        pdf.setAuthor(authority)
        pages = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
        columns = (20 * mm, 32 * mm, 95 * mm, 160 * mm)
        for page_number, page_rows in enumerate(pages, start=1):
            pdf.setFont(CJK_FONT, 16)
            pdf.drawCentredString(width / 2, height - 25 * mm, _clip(title, width - 30 * mm, 16))
            pdf.setFont(CJK_FONT, 10)
            pdf.drawCentredString(width / 2, height - 33 * mm, authority)
            y = height - 45 * mm
            pdf.setFont(CJK_FONT, 11)
            for x, header in zip(columns, headers, strict=True):
                pdf.drawString(x, y, header)
            pdf.line(18 * mm, y - 2 * mm, width - 18 * mm, y - 2 * mm)
            y -= 8 * mm
            if not page_rows:
                pdf.drawString(columns[1], y, empty)
            first = (page_number - 1) * ROWS_PER_PAGE
            for index, (name, organisation, region) in enumerate(page_rows, start=first + 1):
                pdf.drawString(columns[0], y, str(index))
                pdf.drawString(columns[1], y, _clip(name, 60 * mm, 11))
                pdf.drawString(columns[2], y, _clip(organisation, 62 * mm, 11))
                pdf.drawString(columns[3], y, _clip(region, 30 * mm, 11))
                y -= 7 * mm
            pdf.setFont(CJK_FONT, 9)
            pdf.drawCentredString(width / 2, 12 * mm, f"{page_number} / {len(pages)}")
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()
