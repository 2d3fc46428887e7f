"""The programs activity pages: inline form errors, scoping, uploads, completion, questions, query counts."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditLog, Region
from catalogues.models import Occupation
from programs.models import Activity, Enrolment, Question, RegionalTarget
from tests.accounts.factories import region
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    PlatformFactory,
    QuestionFactory,
    TrainingInstitutionFactory,
    key_task,
    plan,
    widen_plan_periods,
)
from tests.programs.pages.helpers import progress_url, xlsx
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def activity_data(**overrides):
    today = timezone.localdate()
    data = {
        "plan": plan().pk,
        "key_task": key_task().pk,
        "kind": "training_course",
        "title": "广州市数控技师研修班",
        "title_en": "",
        "description": "",
        "starts_on": (today - datetime.timedelta(days=1)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=3)).isoformat(),
        "capacity": "20",
    }
    return data | overrides


def test_city_official_creates_an_activity(world, client_for):
    widen_plan_periods()
    school = TrainingInstitutionFactory(region=region("440100"))
    client = client_for(world.city_official)
    form = client.get(reverse("programs:activity-create")).context["form"]
    assert set(form.fields["organiser"].queryset) == {school}  # training bodies in scope, not every employer
    response = client.post(
        reverse("programs:activity-create"), activity_data(organiser=school.pk, region=region("440100").pk)
    )
    activity = Activity.objects.get(title="广州市数控技师研修班")
    assert response.status_code == 302 and response.url == reverse("programs:activity-detail", args=[activity.pk])
    assert AuditLog.objects.for_object(activity).filter(action="create").exists()


def test_activity_form_shows_errors_inline(world, client_for):
    widen_plan_periods()
    school = TrainingInstitutionFactory(region=region("440100"))
    client = client_for(world.city_official)
    data = activity_data(organiser=school.pk, region=region("440300").pk)  # Shenzhen: not administered
    response = client.post(reverse("programs:activity-create"), data)
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Activity.objects.exists()
    data = activity_data(organiser=school.pk, region=region("440100").pk, ends_on="2000-01-01")
    response = client.post(reverse("programs:activity-create"), data)
    assert "ends_on" in response.context["form"].errors


def test_activity_list_filters(world, client_for):
    ActivityFactory(organiser=world.org, title="数控研修班")
    ActivityFactory(organiser=world.org, title="电工竞赛", kind="competition")
    client = client_for(world.city_official)
    titles = lambda response: {a.title for a in response.context["activities"]}  # noqa: E731
    assert titles(client.get(reverse("programs:activity-list"), {"kind": "competition"})) == {"电工竞赛"}
    assert titles(client.get(reverse("programs:activity-list"), {"q": "数控"})) == {"数控研修班"}
    fragment = client.get(reverse("programs:activity-list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="activity-table")
    assert b"<html" not in fragment.content and "电工竞赛" in fragment.content.decode()


def test_activity_list_is_scoped(world, client_for):
    ActivityFactory(organiser=world.org_other_city, title="深圳活动")
    ActivityFactory(organiser=world.org_other_province, title="南京活动")
    titles = {
        a.title for a in client_for(world.city_official).get(reverse("programs:activity-list")).context["activities"]
    }
    assert titles == set()
    titles = {
        a.title
        for a in client_for(world.provincial_official).get(reverse("programs:activity-list")).context["activities"]
    }
    assert titles == {"深圳活动"}


_plans = itertools.count()


def another_plan(world):
    """A copy of the seeded plan with a key task, a key industry and a national target of its own."""
    from programs.models import KeyIndustry, KeyTask, Plan

    seeded = Plan.objects.order_by("pk").first()
    n = next(_plans)
    fields = {f.attname: getattr(seeded, f.attname) for f in Plan._meta.concrete_fields if not f.primary_key}
    plan = Plan.objects.create(**fields | {"code": f"plan-{n}", "title": f"第{n}号培养计划"})
    KeyTask.objects.create(plan=plan, number=1, title="任务")
    KeyIndustry.objects.create(plan=plan, name="产业").occupations.set(Occupation.objects.order_by("pk")[:2])
    RegionalTarget.objects.create(
        plan=plan, metric="leading_talents", region=Region.objects.get(code="000000"), target=10
    )
    return plan


@pytest.mark.parametrize(
    ("name", "make", "label"),
    [
        ("programs:activity-list", lambda world: ActivityFactory(organiser=world.org), lambda obj: obj.title),
        ("programs:platform-list", lambda world: PlatformFactory(host=world.org), lambda obj: obj.name),
        ("programs:plan-list", another_plan, lambda obj: obj.title),
    ],
)
def test_list_pages_query_count_does_not_grow_with_rows(
    world, client_for, django_assert_num_queries, name, make, label
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.provincial_official)
    made = [make(world)]
    url = reverse(name)
    client.get(url)  # session and caches warm
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    made += [make(world) for _ in range(9)]
    with django_assert_num_queries(len(one)):
        content = client.get(url).content.decode()
    missing = [label(obj) for obj in made if not re.search(re.escape(label(obj)) + r"(?!\d)", content)]
    assert not missing, f"rows not rendered: {missing}"


def test_activity_detail_query_count_does_not_grow_with_enrolments(world, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    activity = ActivityFactory(organiser=world.org)
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    client = client_for(world.city_official)
    url = reverse("programs:activity-detail", args=[activity.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(9):
        EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["enrolments"]) == 10


def test_a_clerk_sees_only_the_enrolments_of_their_own_talents(world, client_for):
    activity = ActivityFactory(organiser=world.org_same_city)
    mine = EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org_same_city))
    response = client_for(world.clerk).get(reverse("programs:activity-detail", args=[activity.pk]))
    assert [e.pk for e in response.context["enrolments"]] == [mine.pk]
    assert not response.context["manages"]


def test_the_activity_page_filters_its_enrolments_like_their_export(world, client_for):
    activity = ActivityFactory(organiser=world.org)
    done = EnrolmentFactory(
        activity=activity, talent=TalentFactory(employer=world.org), completed=True, completed_on=activity.ends_on
    )
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org), completed=False)
    response = client_for(world.city_official).get(
        reverse("programs:activity-detail", args=[activity.pk]), {"completed": "true", "activity": "999999"}
    )
    assert [e.pk for e in response.context["enrolments"]] == [done.pk]  # the activity stays this one
    assert response.context["export_query"] == f"completed=true&activity={activity.pk}"
    assert f'?completed=true&amp;activity={activity.pk}"' in response.content.decode()


# Enrolment and completion


@pytest.fixture
def running_activity(world):
    widen_plan_periods()
    today = timezone.localdate()
    return ActivityFactory(
        organiser=world.org, starts_on=today - datetime.timedelta(days=2), ends_on=today + datetime.timedelta(days=2)
    )


def test_single_enrolment_by_id_number(world, client_for, running_activity):
    talent = TalentFactory(employer=world.org)
    client = client_for(world.clerk)
    url = reverse("programs:activity-enrol", args=[running_activity.pk])
    response = client.post(url, {"id_number": talent.id_number})
    assert response.status_code == 302
    assert Enrolment.objects.filter(activity=running_activity, talent=talent).exists()
    response = client.post(url, {"id_number": talent.id_number})
    assert response.status_code == 200 and "id_number" in response.context["single"].errors
    outsider = TalentFactory(employer=world.org_other_province)
    response = client.post(url, {"id_number": outsider.id_number})
    assert "id_number" in response.context["single"].errors


def test_xlsx_upload_is_all_or_nothing_with_row_errors(world, client_for, running_activity):
    talents = [TalentFactory(employer=world.org) for _ in range(2)]
    outsider = TalentFactory(employer=world.org_other_province)
    client = client_for(world.city_official)
    url = reverse("programs:activity-enrol", args=[running_activity.pk])
    bad = xlsx([["身份证号", "姓名"], [talents[0].id_number, talents[0].name], [outsider.id_number, ""]])
    response = client.post(url, {"upload": "1", "file": bad})
    assert response.status_code == 200
    assert [error.row for error in response.context["row_errors"]] == [3]
    assert b'id="upload-errors"' in response.content
    assert not Enrolment.objects.filter(activity=running_activity).exists()
    good = xlsx([["身份证号", "姓名"], *[[t.id_number, t.name] for t in talents]])
    response = client.post(url, {"upload": "1", "file": good})
    assert response.status_code == 302
    assert Enrolment.objects.filter(activity=running_activity).count() == 2


def test_marking_completion_swaps_the_row_and_moves_the_dashboard(
    world, client_for, running_activity, eager_celery, django_capture_on_commit_callbacks
):
    enrolment = EnrolmentFactory(activity=running_activity, talent=TalentFactory(employer=world.org))
    client = client_for(world.city_official)
    url = reverse("programs:enrolment-complete", args=[running_activity.pk, enrolment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"completed_on": timezone.localdate().isoformat()}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="enrolment-{enrolment.pk}"'.encode() in response.content
    enrolment.refresh_from_db()
    assert enrolment.completed
    assert client.get(progress_url()).context["progress"].total.trained == 1
    # A second time is refused, shown in the row.
    response = client.post(url, {}, HTTP_HX_REQUEST="true")
    assert b"text-danger" in response.content


def test_an_organiser_records_completion_for_many_enrolments_at_once(world, client_for):
    widen_plan_periods()
    today = timezone.localdate()
    finished = ActivityFactory(
        organiser=world.org, starts_on=today - datetime.timedelta(days=9), ends_on=today - datetime.timedelta(days=3)
    )
    enrolments = [EnrolmentFactory(activity=finished, talent=TalentFactory(employer=world.org)) for _ in range(3)]
    client = client_for(world.city_official)
    page = client.get(reverse("programs:activity-detail", args=[finished.pk])).content.decode()
    # The date offered is the activity's last day.
    assert f'id="bulk-completed-on" value="{finished.ends_on.isoformat()}"' in page
    assert page.count('form="bulk-completion"') == 3
    url = reverse("programs:enrolment-complete-many", args=[finished.pk])
    response = client.post(
        url, {"enrolments": [e.pk for e in enrolments[:2]], "completed_on": finished.ends_on.isoformat()}
    )
    assert response.status_code == 302
    done = dict(Enrolment.objects.filter(activity=finished).values_list("pk", "completed_on"))
    assert done == {enrolments[0].pk: finished.ends_on, enrolments[1].pk: finished.ends_on, enrolments[2].pk: None}


def test_a_bulk_completion_with_one_refusal_records_none_and_names_each(world, client_for):
    widen_plan_periods()
    today = timezone.localdate()
    activity = ActivityFactory(
        organiser=world.org, starts_on=today - datetime.timedelta(days=9), ends_on=today - datetime.timedelta(days=3)
    )
    fresh = EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    done = EnrolmentFactory(
        activity=activity, talent=TalentFactory(employer=world.org), completed=True, completed_on=activity.ends_on
    )
    client = client_for(world.city_official)
    url = reverse("programs:enrolment-complete-many", args=[activity.pk])
    response = client.post(
        url, {"enrolments": [fresh.pk, done.pk], "completed_on": activity.ends_on.isoformat()}, follow=True
    )
    fresh.refresh_from_db()
    assert not fresh.completed
    [message] = [str(m) for m in response.context["messages"]]
    assert done.talent.name in message
    other = EnrolmentFactory(activity=ActivityFactory(organiser=world.org), talent=TalentFactory(employer=world.org))
    client.post(url, {"enrolments": [other.pk], "completed_on": activity.ends_on.isoformat()})
    other.refresh_from_db()
    assert not other.completed


# Questions


def test_participant_asks_organiser_answers_and_publishes(world, client_for, running_activity):
    EnrolmentFactory(activity=running_activity, talent=TalentFactory(employer=world.org_same_city))
    clerk = client_for(world.clerk_other_org)
    response = clerk.post(reverse("programs:question-create", args=[running_activity.pk]), {"text": "证书何时发放？"})
    assert response.status_code == 302
    question = Question.objects.get(activity=running_activity)
    assert question.phase == "during"
    organiser = client_for(world.clerk)  # world.org organises the activity
    response = organiser.post(
        reverse("programs:question-answer", args=[question.pk]), {"answer": "结业后30日内。", "publish": "on"}
    )
    assert response.status_code == 302
    organiser.post(reverse("programs:question-group", args=[question.pk]), {"label": "证书"})
    question.refresh_from_db()
    assert question.published and question.group.label == "证书"
    page = client_for(world.city_official).get(reverse("programs:activity-detail", args=[running_activity.pk]))
    assert "结业后30日内。" in page.content.decode()
    assert list(page.context["published"]) == [question]


def test_an_empty_question_is_refused_inline(world, client_for, running_activity):
    EnrolmentFactory(activity=running_activity, talent=TalentFactory(employer=world.org))
    response = client_for(world.clerk).post(
        reverse("programs:question-create", args=[running_activity.pk]), {"text": " "}
    )
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert not Question.objects.exists()


def test_unanswered_question_cannot_be_published(world, client_for, running_activity):
    question = QuestionFactory(activity=running_activity, asked_by=world.clerk)
    client = client_for(world.city_official)
    client.post(reverse("programs:question-publish", args=[question.pk]), {"published": "on"})
    question.refresh_from_db()
    assert not question.published


def test_plan_detail_shows_the_policy(world, client_for):
    response = client_for(world.clerk).get(reverse("programs:plan-detail", args=[plan().pk]))
    body = response.content.decode()
    assert "加大培养培育力度" in body and "先进制造业" in body
    assert not response.context["can_view_progress"]


def test_editing_keeps_an_organiser_of_another_kind(world, client_for):
    widen_plan_periods()
    activity = ActivityFactory(organiser=world.org)  # an enterprise, created through the API
    client = client_for(world.city_official)
    url = reverse("programs:activity-edit", args=[activity.pk])
    data = activity_data(organiser=world.org.pk, region=region("440100").pk, capacity="25")
    data["starts_on"], data["ends_on"] = activity.starts_on.isoformat(), activity.ends_on.isoformat()
    response = client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.capacity, activity.organiser) == (25, world.org)
