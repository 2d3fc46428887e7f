"""What a reader of one of the portal's PDFs sees, for tests. The certificates and the awardees' list draw
their text in reportlab's CID font STSong-Light (encoding UniGB-UCS2-H), so even the digits are two-byte
codes in the content stream: a search of the bytes finds no number there. pypdf decodes the codes through
the font's CMap, as a PDF viewer's copy and paste would."""

import io
import re

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """Every page's text, the document's metadata (title, author…) and the addresses its links open."""
    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() for page in reader.pages]
    texts += [str(value) for value in (reader.metadata or {}).values()]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                texts.append(str(action["/URI"]))
    return "\n".join(texts)


def pdf_readings(content: bytes) -> list[str]:
    """The text as drawn and without its white space (a number split over two drawn runs is still found)."""
    text = pdf_text(content)
    return [text, re.sub(r"\s+", "", text)]
