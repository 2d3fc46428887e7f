"""Writing a list export's rows as an xlsx workbook (openpyxl's streaming writer, constant memory)."""

import datetime

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

ITERATION_CHUNK = 2000


def cell_value(sheet, value):
    """A value openpyxl can write, as the requester reads it on the page."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, str) and value.startswith("="):
        # Text typed by a user is never a formula in the file (formula injection).
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def write_workbook(spec, objects, target) -> int:
    """Write the header and one line per object to ``target`` (a path or a binary file); the row count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(spec.filename[:31])
    sheet.append([str(column.header) for column in spec.columns])
    rows = 0
    if spec.fields:
        # Values, not model instances; .iterator() reads through a server-side cursor on PostgreSQL.
        objects = objects.values(*spec.fields)
    for obj in objects.iterator(chunk_size=ITERATION_CHUNK):
        sheet.append([cell_value(sheet, column.value(obj)) for column in spec.columns])
        rows += 1
    workbook.save(target)
    return rows
