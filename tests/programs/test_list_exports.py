"""xlsx exports of the programs list pages (exports registry): each file holds the page's filtered rows
of the requester's scope, with masked ID numbers; a role the page refuses gets 403; the query count
does not grow with the rows."""

import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from exports.models import Export
from programs.models import KeyTask, Metric, Plan, RegionalTarget
from tests.accounts.factories import region
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    PlatformFactory,
    TrainingInstitutionFactory,
    plan,
)
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def start(name: str, query: str = "") -> str:
    return reverse("exports:start", args=[name]) + query


def read_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))


def column(rows: list[tuple], header: str) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def assert_constant_queries(client, url, add_rows, django_assert_num_queries, expected_rows):
    client.post(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        client.post(url)
    add_rows()
    with django_assert_num_queries(len(one)):
        response = client.post(url)
    assert len(read_rows(response)) == expected_rows + 1  # with the header


# Activities


def test_activities_export_holds_the_filtered_activities_of_the_requesters_scope(world, client_for):
    guangzhou_school = TrainingInstitutionFactory(region=region("440100"))
    ActivityFactory(organiser=guangzhou_school, title="电工竞赛", kind="competition")
    ActivityFactory(organiser=guangzhou_school, title="数控研修班")
    ActivityFactory(organiser=TrainingInstitutionFactory(region=region("320100")), title="南京竞赛", kind="competition")
    client = client_for(world.city_official)
    page = client.get(reverse("programs:activity-list"), {"kind": "competition", "page": "1"})
    assert 'data-export="programs.activities"' in page.content.decode()
    rows = read_rows(client.post(start("programs.activities", "?kind=competition&page=2")))
    assert column(rows, "标题") == ["电工竞赛"]  # not Nanjing's competition, not the course; page ignored
    assert Export.objects.get().query == {"kind": "competition"}
    national = read_rows(client_for(world.national_official).post(start("programs.activities", "?kind=competition")))
    assert sorted(column(national, "标题")) == ["南京竞赛", "电工竞赛"]


def test_activities_export_is_in_the_requesters_language(world, client_for):
    ActivityFactory(organiser=world.org, title="数控研修班", title_en="CNC workshop")
    client = client_for(world.city_official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = read_rows(client.post(start("programs.activities")))
    assert rows[0][:3] == ("Title", "Plan", "Key task")
    assert rows[1][0] == "CNC workshop"
    assert rows[1][1] == plan().title_en
    assert rows[1][5] == region("440100").name_en


def test_activities_export_refuses_experts(world, client_for):
    response = client_for(world.expert).post(start("programs.activities"))
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_activities_export_queries_do_not_grow(world, client_for, django_assert_num_queries):
    ActivityFactory(organiser=world.org)
    assert_constant_queries(
        client_for(world.city_official),
        start("programs.activities"),
        lambda: [ActivityFactory(organiser=world.org) for _ in range(4)],
        django_assert_num_queries,
        expected_rows=5,
    )


# Enrolments of one activity


def test_enrolments_export_holds_the_activitys_enrolments_of_the_requesters_scope_with_masked_ids(world, client_for):
    activity = ActivityFactory(organiser=TrainingInstitutionFactory(region=region("440100")))
    own = TalentFactory(employer=world.org, name="李明", id_number="440106198503070011")
    EnrolmentFactory(activity=activity, talent=own)
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org_same_city, name="王芳"))
    EnrolmentFactory(activity=ActivityFactory(organiser=world.org), talent=TalentFactory(employer=world.org))
    page = client_for(world.city_official).get(reverse("programs:activity-detail", args=[activity.pk]))
    assert f"?activity={activity.pk}" in page.content.decode()
    official = read_rows(client_for(world.city_official).post(start("programs.enrolments", f"?activity={activity.pk}")))
    assert sorted(column(official, "姓名")) == ["李明", "王芳"]  # not the other activity's enrolment
    clerk = read_rows(client_for(world.clerk).post(start("programs.enrolments", f"?activity={activity.pk}")))
    assert column(clerk, "姓名") == ["李明"]  # a clerk sees only the own organisation's talents
    assert column(clerk, "身份证号码") == ["440106********0011"]
    assert not any("440106198503070011" in str(cell) for row in official + clerk for cell in row)


def test_enrolments_export_of_an_activity_outside_the_scope_or_missing_is_empty(world, client_for):
    nanjing = ActivityFactory(organiser=TrainingInstitutionFactory(region=region("320100")))
    # A Guangzhou talent enrolled in a Nanjing activity: the talent is in scope, the activity is not.
    EnrolmentFactory(activity=nanjing, talent=TalentFactory(employer=world.org))
    client = client_for(world.city_official)
    assert client.get(reverse("programs:activity-detail", args=[nanjing.pk])).status_code == 404
    for query in (f"?activity={nanjing.pk}", "", "?activity=abc", "?activity=99999999"):
        assert len(read_rows(client.post(start("programs.enrolments", query)))) == 1, query  # the header only
    ministry = client_for(world.national_official)
    assert len(read_rows(ministry.post(start("programs.enrolments", f"?activity={nanjing.pk}")))) == 2


def test_enrolments_export_refuses_experts(world, client_for):
    activity = ActivityFactory(organiser=world.org)
    assert client_for(world.expert).post(start("programs.enrolments", f"?activity={activity.pk}")).status_code == 403


def test_enrolments_export_queries_do_not_grow(world, client_for, django_assert_num_queries):
    activity = ActivityFactory(organiser=world.org)
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    assert_constant_queries(
        client_for(world.city_official),
        start("programs.enrolments", f"?activity={activity.pk}"),
        lambda: [EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org)) for _ in range(4)],
        django_assert_num_queries,
        expected_rows=5,
    )


# Platforms


def test_platforms_export_holds_the_filtered_platforms_of_the_requesters_scope(world, client_for):
    leader = TalentFactory(employer=world.org, id_number="440106198503070011")
    PlatformFactory(host=world.org, name="数控技能大师工作室", leader=leader)
    PlatformFactory(host=world.org, name="电工技能大师工作室")
    PlatformFactory(host=world.org, name="数控实训基地", kind="public_training_base")
    PlatformFactory(host=world.org_other_province, name="南京数控技能大师工作室")
    client = client_for(world.city_official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("programs:platform-list"), {"kind": "skill_master_studio", "q": "数控"})
    assert [p.name for p in page.context["platforms"]] == ["数控技能大师工作室"]
    assert 'data-export="programs.platforms"' in page.content.decode()
    rows = read_rows(client.post(start("programs.platforms", "?kind=skill_master_studio&q=数控")))
    assert column(rows, "Platform") == ["数控技能大师工作室"]
    assert "440106********0011" in rows[1]
    assert not any("440106198503070011" in str(cell) for row in rows for cell in row)
    everything = read_rows(client.post(start("programs.platforms")))
    assert len(everything) == 4  # Guangzhou's three, not Nanjing's


def test_platforms_export_refuses_experts(world, client_for):
    assert client_for(world.expert).post(start("programs.platforms")).status_code == 403


def test_platforms_export_queries_do_not_grow(world, client_for, django_assert_num_queries):
    PlatformFactory(host=world.org, leader=TalentFactory(employer=world.org))
    assert_constant_queries(
        client_for(world.city_official),
        start("programs.platforms"),
        lambda: [PlatformFactory(host=world.org, leader=TalentFactory(employer=world.org)) for _ in range(4)],
        django_assert_num_queries,
        expected_rows=5,
    )


# Plans


def _extra_plan(number: int) -> Plan:
    extra = Plan.objects.create(
        code=f"extra-plan-{number}", title=f"附加计划{number}", policy_title="政策", issuing_departments="人社部"
    )
    KeyTask.objects.create(plan=extra, number=1, title="任务")
    RegionalTarget.objects.create(plan=extra, metric=Metric.LEADING_TALENTS, region=region("000000"), target=10)
    return extra


def test_plans_export_lists_every_plan_with_its_national_targets(world, client_for):
    page = client_for(world.clerk).get(reverse("programs:plan-list"))
    assert 'data-export="programs.plans"' in page.content.decode()
    client = client_for(world.clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = read_rows(client.post(start("programs.plans")))
    assert column(rows, "Plan code") == list(Plan.objects.order_by("code").values_list("code", flat=True))
    leading = plan()
    line = rows[1 + column(rows, "Plan code").index(leading.code)]
    assert line[1] == leading.title_en
    assert line[rows[0].index("Key tasks")] == leading.key_tasks.count()
    for target in RegionalTarget.objects.filter(plan=leading, region__code="000000"):
        assert line[rows[0].index(f"National target: {Metric(target.metric).label}")] == target.target


def test_plans_export_refuses_experts(world, client_for):
    assert client_for(world.expert).post(start("programs.plans")).status_code == 403


def test_plans_export_queries_do_not_grow(world, client_for, django_assert_num_queries):
    seeded = Plan.objects.count()
    assert_constant_queries(
        client_for(world.city_official),
        start("programs.plans"),
        lambda: [_extra_plan(number) for number in range(4)],
        django_assert_num_queries,
        expected_rows=seeded + 4,
    )
