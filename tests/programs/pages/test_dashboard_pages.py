"""The programs dashboard and targets pages: scoping per role, drill-down, API and export alike, target splits."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Region
from programs.models import Metric, RegionalTarget
from programs.services.progress import progress_refresh
from tests.accounts.factories import region
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    TargetFactory,
    plan,
)
from tests.programs.pages.helpers import progress_url
from tests.talents.factories import CredentialFactory, TalentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained(world):
    """Two Guangzhou talents and one Nanjing talent completed an activity of the leading plan."""
    activity = ActivityFactory()
    for employer in (world.org, world.org, world.org_other_province):
        talent = TalentFactory(employer=employer)
        CredentialFactory(talent=talent, obtained_on=datetime.date(2024, 5, 1))
        EnrolmentFactory(activity=activity, talent=talent, completed=True, completed_on=datetime.date(2024, 6, 1))
    progress_refresh(plan=plan())


@pytest.mark.parametrize(
    ("role", "code", "status"),
    [
        ("national_official", "320100", 200),
        ("provincial_official", "440100", 200),
        ("provincial_official", "320000", 404),
        ("provincial_official", "320100", 404),
        ("city_official", "440100", 200),
        ("city_official", "440000", 404),
        ("city_official", "440300", 404),
        ("city_official", "nonsense", 404),
    ],
)
def test_dashboard_regions_are_scoped(world, client_for, trained, role, code, status):
    client = client_for(world.users_by_role()[role])
    for name in ("programs:plan-progress", "programs:plan-progress-export"):
        assert client.get(progress_url(name, region=code)).status_code == status
    api = reverse("api:plan-progress", args=[plan().pk]) + f"?region={code}"
    assert client.get(api).status_code == status


def test_dashboard_opens_on_the_officials_region_and_drills_down(world, client_for, trained):
    response = client_for(world.provincial_official).get(progress_url())
    assert response.status_code == 200
    progress = response.context["progress"]
    assert progress.region.code == "440000"
    assert progress.total.trained == 2
    body = response.content.decode()
    assert "?region=440100" in body  # drill link to Guangzhou
    assert "vendor/chartjs/chart.umd.min.js" in body and "//cdn" not in body
    assert 'id="progress-chart-data"' in body


def test_national_dashboard_has_a_row_per_province(world, client_for, trained):
    progress = client_for(world.national_official).get(progress_url()).context["progress"]
    assert progress.total.trained == 3
    rows = {row.region.code: row for row in progress.children if row.region}
    assert rows["440000"].trained == 2 and rows["320000"].trained == 1
    assert len(rows) == Region.objects.filter(level="province").count()


def test_the_api_gives_the_same_figures_as_the_page(world, client_for, trained):
    client = client_for(world.national_official)
    page = client.get(progress_url()).context["progress"]
    data = client.get(reverse("api:plan-progress", args=[plan().pk])).json()
    assert data == page.as_dict()
    assert data["total"]["achieved"]["trained_person_times"] == 3
    assert data["total"]["targets"]["leading_talents"] == 50_000
    guangdong = next(row for row in data["children"] if row["region"] == "440000")
    assert guangdong["achieved"]["trained_person_times"] == 2


def test_the_export_is_the_dashboard_as_a_workbook(world, client_for, trained):
    response = client_for(world.provincial_official).get(progress_url("programs:plan-progress-export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    guangzhou = next(row for row in rows if row and row[0] == region("440100").name)
    # columns: region, then (target, achieved, %) per metric in Metric order
    assert guangzhou[1 + 3 * list(Metric).index(Metric.TRAINED_PERSON_TIMES) + 1] == 2
    assert workbook.worksheets[1].title


def test_the_progress_workbook_writes_text_never_as_a_formula(world, client_for):
    formula = '=HYPERLINK("http://x","y")'
    type(plan()).objects.filter(pk=plan().pk).update(title=formula)
    response = client_for(world.provincial_official).get(progress_url("programs:plan-progress-export"))
    cell = load_workbook(io.BytesIO(response.content)).worksheets[0]["A1"]
    assert (cell.value, cell.data_type) == (formula, "s")


def test_clerks_and_experts_have_no_dashboard(world, client_for):
    for user in (world.clerk, world.expert):
        assert client_for(user).get(progress_url()).status_code == 403


def test_recompute_now_refreshes_the_figures(world, client_for, eager_celery, django_capture_on_commit_callbacks):
    talent = TalentFactory(employer=world.org)
    EnrolmentFactory(activity=ActivityFactory(), talent=talent, completed=True, completed_on=datetime.date(2024, 6, 1))
    client = client_for(world.city_official)
    assert client.get(progress_url()).context["progress"].total.trained == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(progress_url("programs:plan-progress-refresh"), {"region": "440100"})
    assert response.status_code == 302
    progress = client.get(progress_url()).context["progress"]
    assert progress.total.trained == 1 and progress.as_of is not None


# Targets


def test_province_splits_its_target_across_cities(world, client_for):
    TargetFactory(plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=100)
    client = client_for(world.provincial_official)
    url = reverse("programs:plan-targets", args=[plan().pk]) + "?metric=leading_talents"
    response = client.post(url, {"region_440100": "60", "region_440300": "40"})
    assert response.status_code == 302
    targets = dict(
        RegionalTarget.objects.filter(plan=plan(), metric="leading_talents", region__parent__code="440000").values_list(
            "region__code", "target"
        )
    )
    assert targets == {"440100": 60, "440300": 40}


def test_a_split_above_the_parent_is_refused_inline_and_saves_nothing(world, client_for):
    TargetFactory(plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=100)
    client = client_for(world.provincial_official)
    url = reverse("programs:plan-targets", args=[plan().pk]) + "?metric=leading_talents"
    response = client.post(url, {"region_440100": "60", "region_440300": "41"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and any("100" in message for messages in form.errors.values() for message in messages)
    assert 'class="form-control is-invalid"' in response.content.decode() or "is-invalid" in response.content.decode()
    assert not RegionalTarget.objects.filter(plan=plan(), region__parent__code="440000").exists()


def test_the_ministry_sees_provinces_a_province_sees_its_cities(world, client_for):
    url = reverse("programs:plan-targets", args=[plan().pk])
    ministry = client_for(world.national_official).get(url).context
    assert "region_440000" in ministry["form"].fields and "parent" in ministry["form"].fields
    province = client_for(world.provincial_official).get(url).context
    assert "region_440100" in province["form"].fields
    assert "region_320100" not in province["form"].fields and "parent" not in province["form"].fields


# Activities
