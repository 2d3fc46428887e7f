"""xlsx into the registry: the bulk-upload template and its parser (the list's export is talents/exports.py)."""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.spreadsheets import MAX_UPLOAD_ROWS, ParsedUpload, RowError, upload_rows
from catalogues.selectors import active_occupations
from talents.models import Education
from talents.validators import validate_id_number

# Column order of the upload template; the header row is bilingual so either language reads it.
UPLOAD_COLUMNS = (
    ("name", gettext_lazy("Name"), "姓名 Name"),
    ("id_number", gettext_lazy("National ID number"), "身份证号 National ID number"),
    ("occupation", gettext_lazy("Occupation code"), "职业代码 Occupation code"),
    ("frontline", gettext_lazy("Frontline post"), "一线岗位 Frontline (是/否)"),
    ("years_of_work", gettext_lazy("Years of work"), "工作年限 Years of work"),
    ("education", gettext_lazy("Education"), "学历 Education"),
)
YES = {"是", "yes", "y", "true", "1", "√"}
NO = {"否", "no", "n", "false", "0", ""}


def upload_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "talents"
    sheet.append([header for _key, _label, header in UPLOAD_COLUMNS])
    for column, width in zip("ABCDEF", (12, 22, 16, 16, 14, 20), strict=True):
        sheet.column_dimensions[column].width = width
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    yes_no.add(f"D2:D{MAX_UPLOAD_ROWS + 1}")

    guide = workbook.create_sheet("instructions")
    for line in (
        "每行一名人才，从第 2 行起填写；有任何一行出错时整份文件都不导入，并列出每一行的错误。",
        "One talent per row from row 2. If any row is wrong nothing is imported and every bad row is listed.",
        "身份证号：18 位，末位可为 X。ID number: 18 characters, the last may be X.",
        "职业代码与学历代码见 codes 工作表。Occupation and education codes: see the codes sheet.",
    ):
        guide.append([line])

    codes = workbook.create_sheet("codes")
    codes.append(["职业代码 Occupation code", "职业 Occupation", "Occupation"])
    for occupation in active_occupations():
        codes.append([occupation.code, occupation.name, occupation.name_en])
    codes.append([])
    codes.append(["学历代码 Education code", "学历 Education"])
    for value, label in Education.choices:
        codes.append([value, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _education_code(value: str) -> str | None:
    value = value.strip()
    if not value:
        return ""
    for code, label in Education.choices:
        if value in (code, str(label)):
            return code
    return None


@dataclass
class TalentUpload(ParsedUpload):
    # (row, normalised ID number) of every row whose ID number is valid, with problems elsewhere or not:
    # the import checks each against the registry and the file's other rows (every error of a row).
    id_numbers: list[tuple[int, str]] = field(default_factory=list)


def parse_upload(upload) -> TalentUpload:
    """Read every row; collect every problem with its row number instead of stopping at the first (every
    problem of a row too: a missing name does not hide a bad ID number)."""
    result = TalentUpload()
    occupations = {o.code: o for o in active_occupations()}
    keys = [key for key, _label, _header in UPLOAD_COLUMNS]
    for row_number, cells in upload_rows(upload, result, columns=len(UPLOAD_COLUMNS)):
        row, errors = _row_fields(row_number, dict(zip(keys, cells, strict=True)), occupations)
        result.errors.extend(errors)
        if row["id_number"]:
            result.id_numbers.append((row_number, row["id_number"]))
        if not errors:
            result.rows.append((row_number, row))
    return result


def _row_fields(row_number: int, cells: dict, occupations: dict) -> tuple[dict, list[RowError]]:
    labels = {key: str(label) for key, label, _h in UPLOAD_COLUMNS}
    errors = []
    if not cells["name"]:
        errors.append(RowError(row_number, labels["name"], _("The name is missing.")))
    try:
        id_number = validate_id_number(cells["id_number"])
    except ValidationError as error:
        errors.append(RowError(row_number, labels["id_number"], error.messages[0]))
        id_number = ""
    occupation = occupations.get(cells["occupation"])
    if occupation is None:
        errors.append(
            RowError(row_number, labels["occupation"], _("Unknown occupation code “%s”.") % cells["occupation"])
        )
    frontline = cells["frontline"].lower()
    if frontline not in YES | NO:
        errors.append(RowError(row_number, labels["frontline"], _("Write 是 (yes) or 否 (no).")))
    years = cells["years_of_work"] or "0"
    try:
        years_of_work = int(float(years))
        if years_of_work < 0 or years_of_work > 70 or float(years) != years_of_work:
            raise ValueError
    except ValueError:
        errors.append(RowError(row_number, labels["years_of_work"], _("Years of work is a whole number from 0 to 70.")))
        years_of_work = 0
    education = _education_code(cells["education"])
    if education is None:
        errors.append(
            RowError(
                row_number,
                labels["education"],
                _("Unknown education “%s”; see the codes sheet of the template.") % cells["education"],
            )
        )
    row = {
        "name": cells["name"],
        "id_number": id_number,
        "occupation": occupation,
        "frontline": frontline in YES,
        "years_of_work": years_of_work,
        "education": education or "",
    }
    return row, errors
