"""The xlsx enrolment template and its parser: every bad row reported, nothing guessed."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from programs.spreadsheets import enrolment_template, parse_enrolment_upload
from tests.talents.factories import fresh_id_number


def upload(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["身份证号 National ID number", "姓名 Name"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("enrol.xlsx", buffer.getvalue())


def test_template_has_the_header_and_instructions():
    workbook = load_workbook(io.BytesIO(enrolment_template()))
    assert [c.value for c in workbook["enrolments"][1]] == ["身份证号 National ID number", "姓名 Name"]
    assert "instructions" in workbook.sheetnames


def test_empty_template_is_reported_not_accepted():
    parsed = parse_enrolment_upload(SimpleUploadedFile("t.xlsx", enrolment_template()))
    assert parsed.rows == [] and parsed.errors[0].row == 0


def test_rows_are_normalised_and_bad_numbers_reported_by_row():
    good = fresh_id_number()
    lower_x = next(n for n in (fresh_id_number() for _ in range(40)) if n.endswith("X"))
    parsed = parse_enrolment_upload(
        upload([(good, "张三"), ("", ""), (lower_x.lower(), None), ("11010519491231002", "")])
    )
    assert [(n, r["id_number"], r["name"]) for n, r in parsed.rows] == [(2, good, "张三"), (4, lower_x, "")]
    assert [e.row for e in parsed.errors] == [5]


def test_not_a_workbook():
    parsed = parse_enrolment_upload(SimpleUploadedFile("x.xlsx", b"PK not really"))
    assert parsed.errors and parsed.errors[0].row == 0
