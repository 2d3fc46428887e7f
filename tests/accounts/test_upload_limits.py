"""An xlsx upload is bounded before it is read (issue 14): a small file holding hundreds of thousands of
empty rows is refused from a scan of its XML, for the talent upload and the enrolment upload alike."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts import spreadsheets
from accounts.spreadsheets import MAX_SHEET_ROWS, MAX_UPLOAD_ROWS
from programs.spreadsheets import parse_enrolment_upload
from talents.spreadsheets import parse_upload

pytestmark = pytest.mark.django_db


def xlsx_with_empty_rows(empty_rows: int, *, first_empty: int = 3) -> SimpleUploadedFile:
    """A workbook with a header and one data row, then ``empty_rows`` row elements without a cell."""
    workbook = Workbook()
    workbook.active.append(["身份证号", "姓名"])
    workbook.active.append(["440106198503070011", "张三"])
    plain = io.BytesIO()
    workbook.save(plain)
    padded = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                empties = "".join(f'<row r="{n}"/>' for n in range(first_empty, first_empty + empty_rows))
                data = data.replace(b"</sheetData>", empties.encode() + b"</sheetData>")
            target.writestr(item, data)
    return SimpleUploadedFile("many.xlsx", padded.getvalue())


@pytest.mark.parametrize("parse", [parse_upload, parse_enrolment_upload])
def test_a_file_of_empty_rows_is_refused_before_its_cells_are_read(parse, monkeypatch):
    upload = xlsx_with_empty_rows(200_000)
    assert upload.size < 1_000_000  # small on disk: only a row count can refuse it
    read = []
    monkeypatch.setattr("openpyxl.worksheet._read_only.ReadOnlyWorksheet._cells_by_row", lambda *a, **k: read.append(1))
    started = time.monotonic()
    result = parse(upload)
    assert time.monotonic() - started < 10  # generous; the scan takes well under a second
    assert not read  # no cell was built
    assert not result.rows
    assert [error.row for error in result.errors] == [0]
    assert str(MAX_UPLOAD_ROWS) in result.errors[0].message


def test_one_row_far_down_counts_as_every_row_above_it():
    upload = xlsx_with_empty_rows(1, first_empty=1_000_000)
    result = parse_enrolment_upload(upload)
    assert [error.row for error in result.errors] == [0]


def test_a_few_trailing_empty_rows_are_still_read():
    result = parse_enrolment_upload(xlsx_with_empty_rows(MAX_SHEET_ROWS - MAX_UPLOAD_ROWS - 10))
    assert [row for row, _data in result.rows] == [2]


def test_reading_stops_at_the_time_bound(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_READING_SECONDS", -1)
    result = parse_enrolment_upload(xlsx_with_empty_rows(5))
    assert not result.rows and result.errors and result.errors[0].row == 2
