"""xlsx enrolment: the template one fills in to enrol talents into an activity, and its parser.

Rows name talents by national ID number (the name, when given, must match the registry). The
parser collects every problem with its row number; ``programs.services.enrolment_bulk_create``
then checks scope, duplicates and capacity and saves all rows or none.
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from accounts.spreadsheets import ParsedUpload, RowError, upload_rows
from talents.validators import id_number_facts

UPLOAD_COLUMNS = (
    ("id_number", gettext_lazy("National ID number"), "身份证号 National ID number"),
    ("name", gettext_lazy("Name"), "姓名 Name"),
)


def enrolment_template(activity=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "enrolments"
    sheet.append([header for _key, _label, header in UPLOAD_COLUMNS])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 14
    guide = workbook.create_sheet("instructions")
    if activity is not None:
        guide.append([f"活动 Activity: {activity.title}（{activity.starts_on} – {activity.ends_on}）"])
    for line in (
        "每行一名已登记的人才，从第 2 行起填写身份证号，姓名可选（填写时须与登记一致）。",
        "One registered talent per row from row 2: the national ID number, optionally the name (must match).",
        "有任何一行出错或名额不足时整份文件都不导入，并列出每一行的错误。",
        "If any row is wrong, or there are not enough places left, nothing is imported and every problem is listed.",
    ):
        guide.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse_enrolment_upload(upload) -> ParsedUpload:
    result = ParsedUpload()
    id_label = str(UPLOAD_COLUMNS[0][1])
    for row_number, (number, name) in upload_rows(upload, result, columns=len(UPLOAD_COLUMNS)):
        try:
            number = id_number_facts(number).number
        except ValidationError as error:
            result.errors.append(RowError(row_number, id_label, error.messages[0]))
            continue
        result.rows.append((row_number, {"id_number": number, "name": name}))
    return result
