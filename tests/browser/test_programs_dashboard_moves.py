"""An official creates an activity, enrols talents from an xlsx file, records a completion and sees
the plan's progress dashboard move (issue 3)."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from programs.models import Activity, Enrolment, Plan
from tests.programs.factories import TrainingInstitutionFactory
from tests.talents.factories import TalentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plans(reference_data):
    """The flush after transactional tests removes the seeded plans too: seed them again."""
    from importlib import import_module

    from django.apps import apps

    if not Plan.objects.exists():
        import_module("programs.migrations.0002_seed_plans").seed_plans(apps, None)
    today = timezone.localdate()
    Plan.objects.update(
        period_start=datetime.date(today.year - 1, 1, 1), period_end=datetime.date(today.year + 1, 12, 31)
    )
    return Plan.objects.get(code="leading_talents_2024_2026")


def enrolment_file(talents) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["身份证号 National ID number", "姓名 Name"])
    for talent in talents:
        sheet.append([talent.id_number, talent.name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def trained_figure(page):
    return page.locator('[data-metric="trained_person_times"] [data-figure="achieved"]')


def test_official_creates_activity_enrols_by_xlsx_and_sees_the_dashboard_move(
    live_server, page, world, plans, eager_celery
):
    talents = [TalentFactory(employer=world.org, name=name) for name in ("李明", "王芳")]
    school = TrainingInstitutionFactory(name="广州市技师学院", region=world.org.region)
    today = timezone.localdate()

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "city")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    # Before: nothing trained in Guangzhou.
    page.goto(f"{live_server.url}/programs/plans/{plans.pk}/progress/")
    expect(trained_figure(page)).to_have_text("0")

    # Create the activity.
    page.goto(f"{live_server.url}/programs/activities/new/")
    page.select_option("[name=plan]", str(plans.pk))
    page.select_option("[name=key_task]", str(plans.key_tasks.get(number=2).pk))
    page.select_option("[name=kind]", "training_course")
    page.fill("[name=title]", "广州市高技能领军人才研修班")
    page.select_option("[name=organiser]", str(school.pk))
    page.select_option("[name=region]", str(world.org.region_id))
    page.fill("[name=starts_on]", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("[name=ends_on]", (today + datetime.timedelta(days=3)).isoformat())
    page.fill("[name=capacity]", "30")
    page.locator("#activity-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/programs/activities/*/")
    activity = Activity.objects.get(title="广州市高技能领军人才研修班")

    # Enrol both talents from an xlsx file.
    page.goto(f"{live_server.url}/programs/activities/{activity.pk}/enrol/")
    page.set_input_files(
        "#enrol-upload [name=file]",
        files=[
            {
                "name": "enrolments.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": enrolment_file(talents),
            }
        ],
    )
    page.locator("#enrol-upload button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/programs/activities/{activity.pk}/")
    expect(page.locator("#enrolments tbody tr")).to_have_count(2)
    assert Enrolment.objects.filter(activity=activity).count() == 2

    # Record one completion (htmx swaps the row).
    enrolment = Enrolment.objects.get(activity=activity, talent=talents[0])
    row = page.locator(f"#enrolment-{enrolment.pk}")
    row.locator("button[type=submit]").click()
    expect(row.locator(".badge.text-bg-success")).to_be_visible()

    # After: the dashboard counts one person-time trained, drawn with the vendored Chart.js.
    page.goto(f"{live_server.url}/programs/plans/{plans.pk}/progress/")
    expect(trained_figure(page)).to_have_text("1")
    assert page.evaluate("typeof window.Chart") == "function"
    assert page.locator("canvas[data-metric-index]").count() == 3
