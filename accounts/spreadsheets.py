"""Reading an uploaded xlsx file, once for every upload (the registry's talents, an activity's enrolments):
the file's own problems (too large, unreadable, too many rows, no data) reported as row errors, and the
data rows handed over as stripped text for the list's own parser to check cell by cell."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_UPLOAD_ROWS = 5000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass
class RowError:
    row: int  # 0: the file as a whole
    column: str
    message: str


@dataclass
class ParsedUpload:
    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


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
    data_rows = 0
    try:
        for row_number, values in enumerate(workbook.worksheets[0].iter_rows(min_row=2, values_only=True), start=2):
            cells = list(values or ())[:columns]
            if not any(value not in (None, "") for value in cells):
                continue
            data_rows += 1
            if data_rows > MAX_UPLOAD_ROWS:
                result.errors.append(RowError(row_number, "", _("At most %d rows per file.") % MAX_UPLOAD_ROWS))
                return
            cells += [None] * (columns - len(cells))
            yield row_number, ["" if value is None else str(value).strip() for value in cells]
    finally:
        workbook.close()
    if not data_rows and not result.errors:
        result.errors.append(RowError(0, "", _("The file has no data rows.")))
