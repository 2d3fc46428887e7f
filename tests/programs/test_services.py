"""Activities, enrolments, completion, questions and platforms through the services."""

import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from programs.models import ActivityKind, ActivityStatus, Enrolment, PlatformKind, PlatformLevel, QuestionPhase
from programs.services.activities import activity_create, activity_set_status, activity_update
from programs.services.enrolments import enrolment_complete, enrolment_create, enrolment_delete
from programs.services.platforms import platform_create, platform_update
from programs.services.questions import question_answer, question_ask, question_group, question_set_published
from tests.accounts.factories import UserFactory, region
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    TrainingInstitutionFactory,
    key_task,
    plan,
    widen_plan_periods,
)
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _periods(db):
    widen_plan_periods()


def activity_fields(**overrides):
    start = TODAY() + datetime.timedelta(days=7)
    fields = {
        "plan": plan(),
        "key_task": key_task(number=2),
        "kind": ActivityKind.TRAINING_COURSE,
        "title": "高技能领军人才研修班",
        "starts_on": start,
        "ends_on": start + datetime.timedelta(days=3),
        "capacity": 2,
    }
    return fields | overrides


# Activities


def test_provincial_official_organises_in_province_and_its_cities(world):
    activity = activity_create(
        actor=world.provincial_official, organiser=world.org, region=region("440300"), **activity_fields()
    )
    assert activity.created_by == world.provincial_official
    assert AuditLog.objects.for_object(activity).get().action == "create"
    with pytest.raises(ApplicationError) as error:
        activity_create(
            actor=world.provincial_official, organiser=world.org, region=region("320100"), **activity_fields()
        )
    assert error.value.field == "region"
    with pytest.raises(ApplicationError) as error:
        activity_create(
            actor=world.provincial_official,
            organiser=world.org_other_province,
            region=region("440000"),
            **activity_fields(),
        )
    assert error.value.field == "organiser"


def test_city_official_only_in_own_city_and_national_only_national(world):
    activity_create(actor=world.city_official, organiser=world.org, region=region("440100"), **activity_fields())
    with pytest.raises(ApplicationError) as refused:
        activity_create(actor=world.city_official, organiser=world.org, region=region("440000"), **activity_fields())
    assert (refused.value.code, refused.value.status, refused.value.field) == ("invalid", 400, "region")
    activity_create(actor=world.national_official, organiser=world.org, region=region("000000"), **activity_fields())
    with pytest.raises(ApplicationError) as refused:
        activity_create(
            actor=world.national_official, organiser=world.org, region=region("440000"), **activity_fields()
        )
    assert (refused.value.code, refused.value.status, refused.value.field) == ("invalid", 400, "region")


def test_training_institution_clerk_organises_for_itself_plain_enterprise_clerk_does_not(world):
    school = TrainingInstitutionFactory(region=region("440100"))
    clerk = UserFactory(role="enterprise_clerk", organisation=school)
    activity = activity_create(actor=clerk, **activity_fields())
    assert (activity.organiser, activity.region) == (school, school.region)
    with pytest.raises(ApplicationError) as error:
        activity_create(actor=clerk, organiser=world.org, **activity_fields())
    assert error.value.field == "organiser"
    with pytest.raises(PermissionDeniedError):
        activity_create(actor=world.clerk, **activity_fields())
    with pytest.raises(PermissionDeniedError):
        activity_create(actor=world.expert, **activity_fields())


def test_activity_validation(world):
    make = lambda **o: activity_create(  # noqa: E731
        actor=world.city_official, organiser=world.org, region=region("440100"), **activity_fields(**o)
    )
    with pytest.raises(ApplicationError) as error:
        make(key_task=key_task("digital_talents_2024_2026", 1))
    assert error.value.field == "key_task"
    with pytest.raises(ApplicationError) as error:
        make(ends_on=TODAY())
    assert error.value.field == "ends_on"
    with pytest.raises(ApplicationError) as error:
        make(capacity=0)
    assert error.value.field == "capacity"
    leading = plan()
    leading.period_end = TODAY() + datetime.timedelta(days=8)
    leading.save()
    with pytest.raises(ApplicationError) as error:
        make(plan=leading)
    assert error.value.field == "ends_on"


def test_capacity_cannot_drop_below_enrolled(world):
    activity = ActivityFactory(organiser=world.org, capacity=5)
    EnrolmentFactory.create_batch(3, activity=activity)
    activity.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        activity_update(actor=world.city_official, activity=activity, capacity=2)
    assert error.value.field == "capacity"
    activity_update(actor=world.city_official, activity=activity, capacity=3)


def test_status_transitions_and_managers(world):
    activity = ActivityFactory(organiser=world.org)
    with pytest.raises(PermissionDeniedError):
        activity_set_status(actor=world.city_official_other_city, activity=activity, status=ActivityStatus.CLOSED)
    with pytest.raises(PermissionDeniedError):
        activity_set_status(actor=world.national_official, activity=activity, status=ActivityStatus.CLOSED)
    activity_set_status(actor=world.city_official, activity=activity, status=ActivityStatus.CLOSED)
    with pytest.raises(ApplicationError) as error:
        activity_set_status(actor=world.city_official, activity=activity, status=ActivityStatus.CANCELLED)
    assert error.value.field == "reason"
    activity_set_status(
        actor=world.provincial_official, activity=activity, status=ActivityStatus.CANCELLED, reason="疫情"
    )
    with pytest.raises(ApplicationError) as error:
        activity_set_status(actor=world.city_official, activity=activity, status=ActivityStatus.OPEN)
    assert error.value.code == "invalid_transition"
    assert list(AuditLog.objects.for_object(activity).values_list("to_state", flat=True).order_by("id")) == [
        "closed",
        "cancelled",
    ]


# Enrolments


def test_clerk_enrols_own_talent_only(world):
    activity = ActivityFactory(organiser=world.org_other_city, region=region("440000"))
    mine = TalentFactory(employer=world.org)
    enrolment = enrolment_create(actor=world.clerk, activity=activity, talent=mine)
    activity.refresh_from_db()
    assert activity.enrolled_count == 1
    assert enrolment.enrolled_by == world.clerk
    assert AuditLog.objects.for_object(enrolment).get().action == "enrolment_create"
    with pytest.raises(ApplicationError) as error:
        enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org_same_city))
    assert error.value.field == "talent"
    with pytest.raises(ApplicationError) as error:
        enrolment_create(actor=world.clerk, activity=activity, talent=mine)
    assert error.value.code == "duplicate"


def test_activity_out_of_reach_is_not_found(world):
    activity = ActivityFactory(organiser=world.org_other_province)
    with pytest.raises(ApplicationError) as error:
        enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org))
    assert error.value.status == 404
    with pytest.raises(PermissionDeniedError):
        enrolment_create(actor=world.expert, activity=activity, talent=TalentFactory(employer=world.org))


def test_capacity_is_enforced(world):
    activity = ActivityFactory(organiser=world.org, capacity=1)
    enrolment_create(actor=world.city_official, activity=activity, talent=TalentFactory(employer=world.org))
    with pytest.raises(ApplicationError) as error:
        enrolment_create(actor=world.city_official, activity=activity, talent=TalentFactory(employer=world.org))
    assert error.value.code == "full"
    assert Enrolment.objects.filter(activity=activity).count() == 1


def test_closed_or_ended_activity_takes_no_enrolments(world):
    closed = ActivityFactory(organiser=world.org, status=ActivityStatus.CLOSED)
    ended = ActivityFactory(
        organiser=world.org, starts_on=TODAY() - datetime.timedelta(days=5), ends_on=TODAY() - datetime.timedelta(1)
    )
    for activity, code in ((closed, "not_open"), (ended, "ended")):
        with pytest.raises(ApplicationError) as error:
            enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org))
        assert error.value.code == code


def test_withdrawal_frees_a_place_but_not_after_completion(world):
    activity = ActivityFactory(organiser=world.org, capacity=1, starts_on=TODAY(), ends_on=TODAY())
    enrolment = enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org))
    with pytest.raises(PermissionDeniedError):
        enrolment_delete(actor=world.clerk_other_org, enrolment=enrolment)
    enrolment_delete(actor=world.clerk, enrolment=enrolment, reason="出差")
    activity.refresh_from_db()
    assert activity.enrolled_count == 0
    enrolment = enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org))
    enrolment_complete(actor=world.city_official, enrolment=enrolment)
    with pytest.raises(ApplicationError) as error:
        enrolment_delete(actor=world.clerk, enrolment=enrolment)
    assert error.value.code == "completed"


def test_completion_recorded_by_manager_and_audited(world):
    activity = ActivityFactory(organiser=world.org, starts_on=TODAY() - datetime.timedelta(days=3), ends_on=TODAY())
    enrolment = EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    with pytest.raises(PermissionDeniedError):
        enrolment_complete(actor=world.clerk_other_org, enrolment=enrolment)
    with pytest.raises(ApplicationError) as error:
        enrolment_complete(
            actor=world.city_official, enrolment=enrolment, completed_on=TODAY() - datetime.timedelta(days=4)
        )
    assert error.value.field == "completed_on"
    with pytest.raises(ApplicationError) as refused:
        enrolment_complete(
            actor=world.city_official, enrolment=enrolment, completed_on=TODAY() + datetime.timedelta(days=1)
        )
    assert (refused.value.code, refused.value.status, refused.value.field) == ("invalid", 400, "completed_on")
    done = enrolment_complete(actor=world.city_official, enrolment=enrolment, completed_on=TODAY())
    assert (done.completed, done.completed_on) == (True, TODAY())
    entry = AuditLog.objects.for_object(done).get(action="enrolment_complete")
    assert (entry.from_state, entry.to_state, entry.actor) == ("enrolled", "completed", world.city_official)
    with pytest.raises(ApplicationError) as error:
        enrolment_complete(actor=world.city_official, enrolment=enrolment)
    assert error.value.code == "already_completed"


# Questions


def test_participant_clerk_asks_before_and_during(world):
    activity = ActivityFactory(organiser=world.org_other_city, region=region("440000"))
    talent = TalentFactory(employer=world.org)
    with pytest.raises(PermissionDeniedError):
        question_ask(actor=world.clerk, activity=activity, text="?")
    EnrolmentFactory(activity=activity, talent=talent)
    question = question_ask(actor=world.clerk, activity=activity, text="技师评价何时开始？", talent=talent)
    assert (question.phase, question.organisation) == (QuestionPhase.BEFORE, world.org)
    activity.starts_on = TODAY()
    activity.save()
    assert question_ask(actor=world.clerk, activity=activity, text="课件在哪里下载？").phase == QuestionPhase.DURING
    with pytest.raises(PermissionDeniedError):
        question_ask(actor=world.city_official, activity=activity, text="?")
    with pytest.raises(ApplicationError) as error:
        question_ask(actor=world.clerk, activity=activity, text="  ")
    assert error.value.field == "text"
    activity.starts_on = activity.ends_on = TODAY() - datetime.timedelta(days=1)
    activity.save()
    with pytest.raises(ApplicationError) as error:
        question_ask(actor=world.clerk, activity=activity, text="迟到的问题")
    assert error.value.code == "ended"


def test_organiser_answers_groups_and_publishes(world):
    activity = ActivityFactory(organiser=world.org_other_city, region=region("440300"))
    EnrolmentFactory(activity=activity, talent=TalentFactory(employer=world.org))
    question = question_ask(actor=world.clerk, activity=activity, text="补贴如何申领？")
    with pytest.raises(ApplicationError) as error:
        question_set_published(actor=world.city_official_other_city, question=question, published=True)
    assert error.value.code == "unanswered"
    with pytest.raises(PermissionDeniedError):
        question_answer(actor=world.city_official, question=question, answer="…")
    answered = question_answer(actor=world.city_official_other_city, question=question, answer="按属地申领。")
    assert not answered.published and answered.answered_by == world.city_official_other_city
    question_set_published(actor=world.city_official_other_city, question=question, published=True)
    grouped = question_group(actor=world.city_official_other_city, question=question, label="补贴政策")
    assert grouped.group.label == "补贴政策"
    actions = list(AuditLog.objects.for_object(question).order_by("id").values_list("action", flat=True))
    assert actions == ["question_ask", "question_answer", "question_publish", "question_group"]


# Platforms


def test_provincial_official_registers_provincial_studio_with_leader_in_scope(world):
    leader = TalentFactory(employer=world.org)
    studio = platform_create(
        actor=world.provincial_official,
        kind=PlatformKind.SKILL_MASTER_STUDIO,
        level=PlatformLevel.PROVINCIAL,
        name="李师傅技能大师工作室",
        host=world.org,
        leader=leader,
    )
    assert studio.region == world.org.region
    assert studio.leader_role_code == "provincial_master_studio_leader"
    with pytest.raises(PermissionDeniedError):
        platform_update(actor=world.provincial_official, platform=studio, level=PlatformLevel.NATIONAL)
    with pytest.raises(ApplicationError) as error:
        platform_update(
            actor=world.provincial_official, platform=studio, leader=TalentFactory(employer=world.org_other_province)
        )
    assert error.value.field == "leader"
    national = platform_update(actor=world.national_official, platform=studio, level=PlatformLevel.NATIONAL)
    assert national.leader_role_code == "national_master_studio_leader"
    assert [e.action for e in AuditLog.objects.for_object(studio).order_by("id")] == ["create", "update"]


def test_city_officials_and_clerks_do_not_register_platforms(world):
    for actor in (world.city_official, world.clerk, world.expert):
        with pytest.raises(PermissionDeniedError):
            platform_create(
                actor=actor,
                kind=PlatformKind.PUBLIC_TRAINING_BASE,
                level=PlatformLevel.PROVINCIAL,
                name="公共实训基地",
                host=world.org,
            )
    with pytest.raises(ApplicationError) as error:
        platform_create(
            actor=world.provincial_official,
            kind=PlatformKind.PUBLIC_TRAINING_BASE,
            level=PlatformLevel.PROVINCIAL,
            name="公共实训基地",
            host=world.org_other_province,
        )
    assert error.value.field == "host"


def test_enrolment_changes_schedule_one_dashboard_refresh_after_commit(world, django_capture_on_commit_callbacks):
    # Pages and API call the same services, so both keep the progress dashboard current.
    from unittest import mock

    activity = ActivityFactory(organiser=world.org, starts_on=TODAY(), ends_on=TODAY())
    with mock.patch("programs.tasks.progress_refresh_plan.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = enrolment_create(actor=world.clerk, activity=activity, talent=TalentFactory(employer=world.org))
        with django_capture_on_commit_callbacks(execute=True):
            enrolment_complete(actor=world.city_official, enrolment=enrolment)
        with pytest.raises(ApplicationError) as refused, django_capture_on_commit_callbacks(execute=True):
            enrolment_complete(actor=world.city_official, enrolment=enrolment)
        assert (refused.value.code, refused.value.status) == ("already_completed", 409)
    assert [call.args for call in delay.call_args_list] == [(activity.plan_id,), (activity.plan_id,)]
