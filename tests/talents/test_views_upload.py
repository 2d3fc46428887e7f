"""Bulk upload of talents from xlsx: all or nothing, every bad row reported with its number."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import AuditLog
from talents.models import Talent
from talents.spreadsheets import UPLOAD_COLUMNS
from tests.talents.factories import TalentFactory, fresh_id_number

NOT_CLERKS = ["city_official", "provincial_official", "national_official", "expert", "admin"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rows: list[dict]) -> SimpleUploadedFile:
    """An upload in the template's column order (talents.spreadsheets.UPLOAD_COLUMNS)."""
    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, _label, header in UPLOAD_COLUMNS])
    for row in rows:
        sheet.append([row.get(key, "") for key, _label, _header in UPLOAD_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("talents.xlsx", buffer.getvalue(), content_type=XLSX)


def row(**overrides) -> dict:
    return {
        "name": "王芳",
        "id_number": fresh_id_number(),
        "occupation": "6-18-01-01",
        "frontline": "是",
        "years_of_work": 6,
        "education": "secondary",
    } | overrides


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def upload(client, rows):
    return client.post(reverse("talents:upload"), {"file": workbook(rows)})


def test_clerk_opens_the_upload_page_with_the_template_link(client_for, world):
    response = client_for(world.clerk).get(reverse("talents:upload"))
    assert response.status_code == 200
    assert reverse("talents:upload-template") in response.content.decode()


@pytest.mark.parametrize("name", ["talents:upload", "talents:upload-template"])
@pytest.mark.parametrize("role", NOT_CLERKS)
def test_only_clerks_upload(client_for, world, role, name):
    client = client_for(world.users_by_role()[role])
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", NOT_CLERKS)
def test_officials_cannot_post_an_upload(client_for, world, role):
    response = upload(client_for(world.users_by_role()[role]), [row()])
    assert response.status_code == 403
    assert not Talent.objects.exists()


def test_the_template_is_an_xlsx_with_the_upload_columns(client_for, world):
    response = client_for(world.clerk).get(reverse("talents:upload-template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert list(header) == [h for _k, _l, h in UPLOAD_COLUMNS]


def test_a_good_workbook_registers_every_row(client_for, world):
    client = client_for(world.clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = [row(name="王芳"), row(name="赵强", frontline="否", education="")]
    response = upload(client, rows)
    assert response.status_code == 302
    assert response.url == reverse("talents:list")
    talents = Talent.objects.order_by("name")
    assert {t.id_number for t in talents} == {r["id_number"] for r in rows}
    assert all(t.employer == world.org for t in talents)
    assert AuditLog.objects.filter(action="create").count() == 2
    page = client.get(response.url).content.decode()
    assert "2 registrations received." in page


def test_every_bad_row_is_reported_and_nothing_is_saved(client_for, world):
    TalentFactory(employer=world.org)  # the count must not move
    rows = [
        row(name="好一"),
        row(name="坏校验位", id_number=wrong_check_digit(fresh_id_number())),
        row(name="好二"),
        row(name="坏职业", occupation="9-99-99-99"),
    ]
    response = upload(client_for(world.clerk), rows)
    assert response.status_code == 200
    reported = {(error.row, error.column) for error in response.context["row_errors"]}
    assert {r for r, _c in reported} == {3, 5}
    assert len(reported) == 2
    page = response.content.decode()
    assert 'id="upload-errors"' in page
    assert "<td>3</td>" in page and "<td>5</td>" in page
    assert "9-99-99-99" in page
    assert Talent.objects.count() == 1
    assert not AuditLog.objects.exists()


def test_the_same_id_number_twice_in_a_file_is_reported(client_for, world):
    number = fresh_id_number()
    response = upload(client_for(world.clerk), [row(id_number=number), row(), row(id_number=number)])
    assert response.status_code == 200
    errors = response.context["row_errors"]
    assert [error.row for error in errors] == [4]
    assert "2" in errors[0].message  # names the first row holding the number
    assert not Talent.objects.exists()


def test_a_number_of_the_own_organisation_is_reported_on_its_row(client_for, world):
    existing = TalentFactory(employer=world.org)
    response = upload(client_for(world.clerk), [row(), row(id_number=existing.id_number)])
    assert [error.row for error in response.context["row_errors"]] == [3]
    assert Talent.objects.count() == 1


def test_a_file_that_is_not_a_workbook_is_refused(client_for, world):
    bogus = SimpleUploadedFile("talents.xlsx", b"not a workbook", content_type=XLSX)
    response = client_for(world.clerk).post(reverse("talents:upload"), {"file": bogus})
    assert response.status_code == 200
    assert [error.row for error in response.context["row_errors"]] == [0]
    assert not Talent.objects.exists()


def test_posting_without_a_file_is_a_form_error(client_for, world):
    response = client_for(world.clerk).post(reverse("talents:upload"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_every_problem_of_a_row_is_reported_not_only_the_first(client_for, world):
    # A number the clerk's own organisation holds is refused (one held elsewhere becomes a claim, docs/security.md).
    existing = TalentFactory(employer=world.clerk.organisation)
    rows = [
        row(name="", id_number=wrong_check_digit(fresh_id_number()), occupation="9-99-99-99", frontline="也许"),
        row(name="", id_number=existing.id_number),  # a missing name does not hide a registered number
    ]
    response = upload(client_for(world.clerk), rows)
    assert response.status_code == 200
    errors = response.context["row_errors"]
    columns_of = {r: [str(e.column) for e in errors if e.row == r] for r in (2, 3)}
    labels = {key: str(label) for key, label, _header in UPLOAD_COLUMNS}
    assert {labels["name"], labels["id_number"], labels["occupation"], labels["frontline"]} <= set(columns_of[2])
    assert len(columns_of[2]) == 4
    assert len(columns_of[3]) == 2 and labels["name"] in columns_of[3]
    assert any("registered" in e.message or "已" in e.message for e in errors if e.row == 3)
    assert Talent.objects.count() == 1
