"""Writing a list export's rows as an xlsx workbook: one sheet streamed into the zip, constant memory.

Our own few lines of SpreadsheetML rather than openpyxl's write-only workbook: openpyxl builds a cell
object and an lxml element per value, three quarters of a national export's time. Text is always an
inline string, so a user's text beginning with = + - @ is never a formula (formula injection).
"""

import datetime
import decimal
import re
import zipfile
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.functional import Promise

ITERATION_CHUNK = 2000
_BATCH_ROWS = 500
_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 - the origin of Excel's serial dates, naive
# Characters XML 1.0 cannot hold (openpyxl refuses them too): dropped from the text.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE_STYLE, _DATETIME_STYLE = 1, 2

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def cell_value(value):
    """The value as the requester reads it on the page: None as empty text, aware times in local time."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


_TEXT_OPEN, _TEXT_CLOSE = '<c t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>"
# What a text needs changed before it goes into the XML: markup characters and those XML cannot hold.
_NEEDS_ESCAPING = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")


def _escaped(value: str) -> str:
    return escape(_ILLEGAL.sub("", value))


def _cell(value) -> str:
    """One cell without its reference (optional in SpreadsheetML: cells follow each other in the row)."""
    value = cell_value(value)
    if value == "":
        return "<c/>"  # as openpyxl wrote it: an empty cell reads back as None
    if isinstance(value, str):
        return _TEXT_OPEN + _escaped(value) + _TEXT_CLOSE
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | decimal.Decimal):
        return f'<c t="n"><v>{value}</v></c>'
    if isinstance(value, datetime.datetime):
        serial = (value - _EPOCH) / datetime.timedelta(days=1)
        return f'<c s="{_DATETIME_STYLE}"><v>{serial}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c s="{_DATE_STYLE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    return _cell(str(value))


def _row(number: int, values: list) -> str:
    """A row's XML, its common cells (text, whole numbers) inline. The characters to escape are looked for
    once in the row's text; only a row holding one escapes its texts one by one."""
    if _NEEDS_ESCAPING.search("".join([value for value in values if type(value) is str])) is not None:
        values = [_escaped(value) if type(value) is str else value for value in values]
    cells = "".join(
        [
            (_TEXT_OPEN + value + _TEXT_CLOSE if value else "<c/>")
            if type(value) is str
            else (f'<c t="n"><v>{value}</v></c>' if type(value) is int else _cell(value))
            for value in values
        ]
    )
    return f'<row r="{number}">{cells}</row>'


def _memoised(column):
    """The column's value computed once per distinct ``row[column.key]`` in this file."""
    known = {}

    def value(row):
        key = row[column.key]
        if key not in known:
            known[key] = column.value(row)
        return known[key]

    return value


def write_workbook(spec, objects, target) -> int:
    """Write the header and one line per object to ``target`` (a path or a binary file); the row count."""
    if spec.fields:
        # Values, not model instances; .iterator() reads through a server-side cursor on PostgreSQL.
        objects = objects.values(*spec.fields)
    title = escape(_ILLEGAL.sub("", spec.filename[:31]), {'"': "&quot;"})
    rows = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            batch = [_row(1, [str(column.header) for column in spec.columns])]
            values = [_memoised(column) if spec.fields and column.key else column.value for column in spec.columns]
            for obj in objects.iterator(chunk_size=ITERATION_CHUNK):
                rows += 1
                batch.append(_row(rows + 1, [value(obj) for value in values]))
                if len(batch) >= _BATCH_ROWS:
                    sheet.write("".join(batch).encode())
                    batch = []
            batch.append("</sheetData></worksheet>")
            sheet.write("".join(batch).encode())
    return rows


def text_never_formula(sheet) -> None:
    """For the few workbooks built with openpyxl (the progress dashboard's): a text cell that openpyxl took for
    a formula because it begins with ``=`` is stored as text, as every list export's is (formula injection)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
