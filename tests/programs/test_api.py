"""The programs API: scoping of every endpoint, writes through the services, bulk upload, query counts."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import AuditLog
from programs.models import Enrolment, Metric, QuestionPhase, RegionalTarget
from tests.accounts.factories import region
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    PlatformFactory,
    QuestionFactory,
    TargetFactory,
    plan,
    widen_plan_periods,
)
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def api_as():
    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["身份证号 National ID number", "姓名 Name"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "enrol.xlsx"
    return buffer


# Plans


def test_plans_show_seeded_tasks_industries_and_national_targets(world, api_as):
    body = api_as(world.clerk).get("/api/v1/plans/").json()
    plans = {p["code"]: p for p in body["results"]}
    assert set(plans) == {"leading_talents_2024_2026", "digital_talents_2024_2026", "talent_services_special_actions"}
    leading = plans["leading_talents_2024_2026"]
    assert len(leading["key_tasks"]) == 8
    assert leading["key_tasks"][6]["title"] == "加强领军人才平台建设"
    assert {t["metric"]: t["target"] for t in leading["national_targets"]} == {
        "leading_talents": 50_000,
        "certificates": 5_000_000,
    }
    assert len(plans["digital_talents_2024_2026"]["key_tasks"]) == 12
    assert len(plans["talent_services_special_actions"]["key_tasks"]) == 8
    digital = plans["digital_talents_2024_2026"]["key_industries"][0]["occupations"]
    assert "4-04-05-05" in digital and "6-18-01-01" not in digital
    assert len(api_as(world.expert).get("/api/v1/plans/").json()["results"]) == 0


# Targets


def test_target_create_over_parent_is_a_clear_400(world, api_as):
    client = api_as(world.national_official)
    ok = client.post(
        "/api/v1/targets/",
        {"plan": "leading_talents_2024_2026", "metric": "leading_talents", "region": "440000", "target": 40_000},
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["parent_region"] == "000000"
    over = client.post(
        "/api/v1/targets/",
        {"plan": "leading_talents_2024_2026", "metric": "leading_talents", "region": "320000", "target": 10_001},
        format="json",
    )
    assert over.status_code == 400
    assert over.json()["code"] == "exceeds_parent_target"
    assert "target" in over.json()
    assert not RegionalTarget.objects.filter(region__code="320000").exists()


def test_provincial_official_cannot_set_its_own_province_and_city_cannot_write(world, api_as):
    TargetFactory(region=region("440000"), target=100)
    body = {"plan": "leading_talents_2024_2026", "metric": "leading_talents", "region": "440000", "target": 1}
    assert api_as(world.provincial_official).post("/api/v1/targets/", body, format="json").status_code == 403
    assert api_as(world.city_official).post("/api/v1/targets/", body, format="json").status_code == 403
    city = {**body, "region": "440100", "target": 60}
    assert api_as(world.provincial_official).post("/api/v1/targets/", city, format="json").status_code == 201


def test_target_patch_below_children_is_refused(world, api_as):
    province = TargetFactory(region=region("440000"), target=100)
    TargetFactory(region=region("440100"), target=80)
    response = api_as(world.national_official).patch(f"/api/v1/targets/{province.pk}/", {"target": 79}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "below_children_targets"
    response = api_as(world.national_official).patch(
        f"/api/v1/targets/{province.pk}/", {"region": "320000"}, format="json"
    )
    assert response.status_code == 400


def test_city_official_sees_own_city_province_and_nation_targets_only(world, api_as):
    TargetFactory(region=region("440000"))
    TargetFactory(region=region("440100"))
    TargetFactory(region=region("440300"))
    TargetFactory(region=region("320000"))
    codes = {
        t["region"]
        for t in api_as(world.city_official).get("/api/v1/targets/?metric=leading_talents").json()["results"]
    }
    assert codes == {"000000", "440000", "440100"}


# Activities


def test_activity_create_by_api_and_region_chain_visibility(world, api_as):
    widen_plan_periods()
    start = TODAY() + datetime.timedelta(days=5)
    body = {
        "plan": "leading_talents_2024_2026",
        "key_task": 2,
        "kind": "training_course",
        "title": "广东省高技能领军人才研修班",
        "organiser": world.org.pk,
        "region": "440000",
        "starts_on": start.isoformat(),
        "ends_on": (start + datetime.timedelta(days=2)).isoformat(),
        "capacity": 40,
    }
    response = api_as(world.provincial_official).post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["key_task"], created["region"], created["places_left"]) == (2, "440000", 40)
    # Every Guangdong clerk and city sees a provincial activity; Jiangsu does not.
    for user, seen in (
        (world.clerk, True),
        (world.city_official_other_city, True),
        (world.provincial_official_other, False),
    ):
        ids = [a["id"] for a in api_as(user).get("/api/v1/activities/").json()["results"]]
        assert (created["id"] in ids) is seen
    bad = api_as(world.provincial_official).post("/api/v1/activities/", {**body, "key_task": 99}, format="json")
    assert bad.status_code == 400 and "key_task" in bad.json()
    assert api_as(world.clerk).post("/api/v1/activities/", body, format="json").status_code == 403


def test_activity_status_by_manager_only(world, api_as):
    activity = ActivityFactory(organiser=world.org)
    url = f"/api/v1/activities/{activity.pk}/status/"
    assert api_as(world.national_official).post(url, {"status": "closed"}, format="json").status_code == 403
    response = api_as(world.city_official).post(url, {"status": "closed"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"


# Enrolments


def test_enrol_and_complete_through_the_api(world, api_as):
    activity = ActivityFactory(organiser=world.org_other_city, region=region("440000"), capacity=1)
    mine, other = TalentFactory(employer=world.org), TalentFactory(employer=world.org_same_city)
    client = api_as(world.clerk)
    foreign = client.post("/api/v1/enrolments/", {"activity": activity.pk, "talent": other.pk}, format="json")
    assert foreign.status_code == 400 and "talent" in foreign.json()
    response = client.post("/api/v1/enrolments/", {"activity": activity.pk, "talent": mine.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["talent_id_number_masked"].count("*") == 8
    full = api_as(world.clerk_other_org).post(
        "/api/v1/enrolments/", {"activity": activity.pk, "talent": other.pk}, format="json"
    )
    assert full.status_code == 409 and full.json()["code"] == "full"
    enrolment = Enrolment.objects.get(activity=activity)
    # The clerk's employer does not organise it; the province does manage it.
    Enrolment.objects.filter(pk=enrolment.pk).update()
    activity.starts_on = TODAY()
    activity.save()
    assert client.post(f"/api/v1/enrolments/{enrolment.pk}/complete/", {}, format="json").status_code == 403
    done = api_as(world.provincial_official).post(f"/api/v1/enrolments/{enrolment.pk}/complete/", {}, format="json")
    assert done.status_code == 200 and done.json()["completed"] is True


def test_bulk_upload_all_or_nothing_with_row_errors(world, api_as):
    activity = ActivityFactory(organiser=world.org, capacity=3)
    talents = TalentFactory.create_batch(2, employer=world.org)
    outsider = TalentFactory(employer=world.org_other_province)
    rows = [
        (talents[0].id_number, talents[0].name),
        (talents[1].id_number, "别人"),
        (outsider.id_number, ""),
        ("123", ""),
        (talents[0].id_number, ""),
    ]
    client = api_as(world.clerk)
    response = client.post("/api/v1/enrolments/upload/", {"activity": activity.pk, "file": xlsx(rows)})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bulk_invalid"
    assert [e["row"] for e in body["row_errors"]] == [3, 4, 5, 6]
    assert not Enrolment.objects.filter(activity=activity).exists()

    response = client.post(
        "/api/v1/enrolments/upload/",
        {"activity": activity.pk, "file": xlsx([(t.id_number, t.name) for t in talents])},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    activity.refresh_from_db()
    assert activity.enrolled_count == 2
    assert AuditLog.objects.filter(action="enrolment_create").count() == 2

    more = TalentFactory.create_batch(2, employer=world.org)
    response = client.post(
        "/api/v1/enrolments/upload/", {"activity": activity.pk, "file": xlsx([(t.id_number, "") for t in more])}
    )
    assert response.status_code == 400
    assert response.json()["row_errors"][0]["row"] == 0  # only one place left for two rows
    assert Enrolment.objects.filter(activity=activity).count() == 2


def test_upload_of_something_not_xlsx(world, api_as):
    activity = ActivityFactory(organiser=world.org)
    junk = io.BytesIO(b"not a workbook")
    junk.name = "x.xlsx"
    response = api_as(world.clerk).post("/api/v1/enrolments/upload/", {"activity": activity.pk, "file": junk})
    assert response.status_code == 400 and response.json()["row_errors"][0]["row"] == 0


# Questions


def test_question_flow_and_publication_visibility(world, api_as):
    activity = ActivityFactory(organiser=world.org_other_city, region=region("440000"))
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    asked = api_as(world.clerk).post(
        "/api/v1/questions/", {"activity": activity.pk, "text": "结业证书何时发放？"}, format="json"
    )
    assert asked.status_code == 201 and asked.json()["phase"] == QuestionPhase.BEFORE
    pk = asked.json()["id"]
    # Another clerk of the region sees the activity but not an unpublished question.
    assert api_as(world.clerk_other_org).get(f"/api/v1/questions/{pk}/").status_code == 404
    not_participant = api_as(world.clerk_other_org).post(
        "/api/v1/questions/", {"activity": activity.pk, "text": "?"}, format="json"
    )
    assert not_participant.status_code == 403
    manager = api_as(world.provincial_official)
    answered = manager.post(
        f"/api/v1/questions/{pk}/answer/", {"answer": "结业后一周内。", "publish": True}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["published"] is True
    grouped = manager.post(f"/api/v1/questions/{pk}/group/", {"label": "证书"}, format="json")
    assert grouped.json()["group"] == "证书"
    assert api_as(world.clerk_other_org).get(f"/api/v1/questions/{pk}/").status_code == 200
    assert api_as(world.provincial_official_other).get(f"/api/v1/questions/{pk}/").status_code == 404
    unpublished = manager.post(f"/api/v1/questions/{pk}/publish/", {"published": False}, format="json")
    assert unpublished.json()["published"] is False


# Platforms


def test_platform_create_and_scope(world, api_as):
    leader = TalentFactory(employer=world.org)
    body = {
        "kind": "skill_master_studio",
        "level": "national",
        "name": "王师傅国家级技能大师工作室",
        "host": world.org.pk,
        "leader": leader.pk,
    }
    assert api_as(world.provincial_official).post("/api/v1/platforms/", body, format="json").status_code == 403
    response = api_as(world.national_official).post("/api/v1/platforms/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["leader_role"] == "national_master_studio_leader"
    pk = response.json()["id"]
    assert api_as(world.clerk).get(f"/api/v1/platforms/{pk}/").status_code == 200
    assert api_as(world.clerk_other_org).get(f"/api/v1/platforms/{pk}/").status_code == 404
    assert api_as(world.city_official).delete(f"/api/v1/platforms/{pk}/").status_code == 403
    assert api_as(world.national_official).delete(f"/api/v1/platforms/{pk}/?reason=撤销").status_code == 204


# Query counts

LIST_QUERIES = 2  # token, page, no COUNT (plans add their prefetches)


def make_activities(world, n):
    for _ in range(n):
        ActivityFactory(organiser=world.org)


def make_enrolments(world, n):
    activity = ActivityFactory(organiser=world.org, capacity=100)
    for _ in range(n):
        EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))


def make_questions(world, n):
    activity = ActivityFactory(organiser=world.org)
    QuestionFactory.create_batch(n, activity=activity, asked_by=world.clerk)


def make_platforms(world, n):
    PlatformFactory.create_batch(n, host=world.org, leader=TalentFactory(employer=world.org))


def make_targets(world, n):
    from accounts.models import Region
    from programs.models import Plan

    cities = Region.objects.filter(parent__code="440000")
    free = (
        (p, metric, city)
        for p in Plan.objects.all()
        for metric in Metric.values
        for city in cities
        if not RegionalTarget.objects.filter(plan=p, metric=metric, region=city).exists()
    )
    for _ in range(n):
        p, metric, city = next(free)
        TargetFactory(plan=p, metric=metric, region=city, target=1)


LISTS = {
    "activities": make_activities,
    "enrolments": make_enrolments,
    "questions": make_questions,
    "platforms": make_platforms,
    "targets": make_targets,
}


def token_client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def token_client(world):
    return token_client_for(world.city_official)


@pytest.mark.parametrize("endpoint", LISTS)
def test_list_query_count_does_not_grow_with_rows(endpoint, world, django_assert_num_queries):
    # A province sees the targets of all its cities; a city only its own.
    token_client = token_client_for(world.provincial_official if endpoint == "targets" else world.city_official)
    TargetFactory(plan=plan(), region=region("440000"), metric=Metric.CERTIFICATES, target=100)
    LISTS[endpoint](world, 1)
    with django_assert_num_queries(LIST_QUERIES):
        one = token_client.get(f"/api/v1/{endpoint}/")
    LISTS[endpoint](world, 9)
    with django_assert_num_queries(LIST_QUERIES):
        ten = token_client.get(f"/api/v1/{endpoint}/")
    assert one.status_code == ten.status_code == 200
    assert len(ten.json()["results"]) > len(one.json()["results"])


def test_plan_list_query_count(world, token_client, django_assert_num_queries):
    # token, plans, key tasks, key industries, their occupations, national targets (no COUNT)
    with django_assert_num_queries(6):
        response = token_client.get("/api/v1/plans/")
    assert len(response.json()["results"]) == 3


def test_enrolment_template_download(world, api_as):
    from openpyxl import load_workbook

    response = api_as(world.clerk).get("/api/v1/enrolments/template/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active["A1"].value.startswith("身份证号")
    assert api_as(world.expert).get("/api/v1/enrolments/template/").status_code == 403
