"""The certificate as a PDF (reportlab): Chinese text in the built-in CID font STSong-Light (no font
file to ship), and a QR code that opens the public verification page with number and code filled in.
The ID number appears masked only (docs/roles.md)."""

import io
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from evaluations.models import Certificate
from evaluations.services.certificates import dossier_description

CJK_FONT = "STSong-Light"


def _register_font() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def verification_url(certificate: Certificate, request=None) -> str:
    """The absolute URL of the public verification page with this certificate's number and code."""
    query = urlencode({"number": certificate.number, "code": certificate.verification_code})
    path = f"{reverse('evaluations:certificate-verify')}?{query}"
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def qr_widget(url: str, size: float = 40 * mm) -> Drawing:
    """A drawing holding the QR code of ``url``, ``size`` points wide."""
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def certificate_lines(certificate: Certificate) -> list[tuple[str, str]]:
    """(label, value) rows printed on the certificate, in Chinese (the certificate's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        from django.utils.translation import gettext as _

        return [
            (_("Name"), certificate.talent.name),
            (_("ID number"), certificate.talent.masked_id_number),
            # STSong-Light has no middle dot (U+00B7): an ideographic space separates level and occupation.
            (
                _("Level and occupation"),
                dossier_description(certificate.dossier, language=settings.LANGUAGE_CODE).replace(" · ", "\u3000"),
            ),
            (_("Issuing body"), certificate.issuer),
            (_("Date of issue"), certificate.issued_on.strftime("%Y-%m-%d")),
            (_("Certificate number"), certificate.number),
            (_("Verification code"), certificate.verification_code),
        ]


def certificate_pdf(certificate: Certificate, *, url: str) -> bytes:
    """One landscape A4 page; uncompressed so the verification address is readable in the bytes."""
    _register_font()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=0)
    pdf.setTitle(certificate.number)
    pdf.setAuthor(certificate.issuer)
    with translation.override(settings.LANGUAGE_CODE):
        from django.utils.translation import gettext as _

        heading = _("Certificate")
        scan = _("Scan to verify, or enter the number and code at:")
    pdf.setLineWidth(2)
    pdf.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    pdf.setFont(CJK_FONT, 30)
    pdf.drawCentredString(width / 2, height - 45 * mm, heading)
    y = height - 70 * mm
    for label, value in certificate_lines(certificate):
        pdf.setFont(CJK_FONT, 14)
        pdf.drawString(35 * mm, y, f"{label}：")
        pdf.drawString(85 * mm, y, value)
        y -= 11 * mm
    qr_size = 45 * mm
    qr_x, qr_y = width - 35 * mm - qr_size, 30 * mm
    renderPDF.draw(qr_widget(url, qr_size), pdf, qr_x, qr_y)
    pdf.linkURL(url, (qr_x, qr_y, qr_x + qr_size, qr_y + qr_size), relative=0)
    pdf.setFont(CJK_FONT, 9)
    pdf.drawString(35 * mm, 34 * mm, scan)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(35 * mm, 29 * mm, url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
