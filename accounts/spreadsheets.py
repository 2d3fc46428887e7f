"""Reading an uploaded xlsx file, once for every upload (the registry's talents, an activity's enrolments):
the file's own problems (too large, unreadable, too many rows, no data) reported as row errors, and the
data rows handed over as stripped text for the list's own parser to check cell by cell."""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_UPLOAD_ROWS = 5000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Rows of any kind (empty ones included) a sheet may hold: the header, the data and a margin of blank rows.
# Counted in the sheet's XML before openpyxl reads a cell, so 2,000,000 empty rows cost a byte scan (issue 14).
MAX_SHEET_ROWS = MAX_UPLOAD_ROWS + 1000
# A bound on the reading itself, whatever the file holds (seconds of wall time per upload).
MAX_READING_SECONDS = 30
_SCAN_CHUNK = 1 << 20


@dataclass
class RowError:
    row: int  # 0: the file as a whole
    column: str
    message: str


@dataclass
class ParsedUpload:
    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_INDEX = re.compile(rb'<(?:\w+:)?row[^>]*?\sr="(\d+)"')


def sheet_row_count(workbook) -> int:
    """The first sheet's row elements, and at least its highest row number (openpyxl fills the gaps below it
    with empty rows): read from the compressed XML in chunks, without building a cell."""
    worksheet = workbook.worksheets[0]
    rows = highest = 0
    tail = b""
    with workbook._archive.open(worksheet._worksheet_path) as source:
        while chunk := source.read(_SCAN_CHUNK):
            text = tail + chunk
            cut = max(0, len(text) - 64)  # a tag split across chunks is counted in the next round
            window, tail = text[:cut], text[cut:]
            rows += len(_ROW_TAG.findall(window))
            indexes = _ROW_INDEX.findall(window)
            if indexes:
                highest = max(highest, int(indexes[-1]))
            if max(rows, highest) > MAX_SHEET_ROWS:
                return max(rows, highest)
        rows += len(_ROW_TAG.findall(tail))
        indexes = _ROW_INDEX.findall(tail)
        if indexes:
            highest = max(highest, int(indexes[-1]))
    return max(rows, highest)


def upload_rows(upload, result: ParsedUpload, *, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(row number, cells)`` for each non-empty data row of the first sheet (row 1 is the header),
    each cell as stripped text, exactly ``columns`` of them. Problems of the file itself go to
    ``result.errors`` and end the reading."""
    if upload.size > MAX_UPLOAD_BYTES:
        result.errors.append(RowError(0, "", _("The file is larger than 5 MB.")))
        return
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, Exception):  # noqa: BLE001 — any unreadable file
        result.errors.append(RowError(0, "", _("This is not an xlsx workbook. Download the template and fill it in.")))
        return
    too_many = _("At most %d rows per file.") % MAX_UPLOAD_ROWS
    try:
        if sheet_row_count(workbook) > MAX_SHEET_ROWS:
            result.errors.append(RowError(0, "", f"{too_many} {_('Delete the empty rows below your data.')}"))
            workbook.close()
            return
    except (KeyError, OSError, ValueError, Exception):  # noqa: BLE001 — any unreadable sheet
        result.errors.append(RowError(0, "", _("This is not an xlsx workbook. Download the template and fill it in.")))
        workbook.close()
        return
    data_rows = 0
    deadline = time.monotonic() + MAX_READING_SECONDS
    try:
        for row_number, values in enumerate(workbook.worksheets[0].iter_rows(min_row=2, values_only=True), start=2):
            if row_number > MAX_SHEET_ROWS or time.monotonic() > deadline:
                result.errors.append(RowError(row_number, "", _("The file is too large to read. %s") % too_many))
                return
            cells = list(values or ())[:columns]
            if not any(value not in (None, "") for value in cells):
                continue
            data_rows += 1
            if data_rows > MAX_UPLOAD_ROWS:
                result.errors.append(RowError(row_number, "", too_many))
                return
            cells += [None] * (columns - len(cells))
            yield row_number, ["" if value is None else str(value).strip() for value in cells]
    finally:
        workbook.close()
    if not data_rows and not result.errors:
        result.errors.append(RowError(0, "", _("The file has no data rows.")))
