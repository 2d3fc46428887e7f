"""Permission-matrix rows for the programs API (tests/test_permission_matrix.py discovers this file).

Subjects: one activity per organisation of the world, organised by it in its region, with an
enrolled talent of it, a question its clerk asked and a platform it hosts; targets per region.
A Guangzhou clerk sees the Guangzhou activity of another organisation (activities are visible
along the region chain), but not that organisation's enrolments or questions.
"""

from tests.permissions import REGISTRY_API, REGISTRY_API_FOREIGN, REGISTRY_API_OBJECT, SIGNED_IN_API, Row, answers
from tests.programs.factories import (
    ActivityFactory,
    EnrolmentFactory,
    PlatformFactory,
    QuestionFactory,
    program_subjects,
)


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


def leading_plan(subjects, which):
    from programs.models import Plan

    return {"pk": Plan.objects.get(code="leading_talents_2024_2026").pk}


# Managers' actions: plain enterprise clerks and experts are refused up front (403); others reach the
# object (404 out of scope) and then the empty body is refused (400) before any service runs.
MANAGE_ACTION = answers(401, 403, 400, 400, 400, 403, 400)
MANAGE_ACTION_FOREIGN = answers(401, 403, 404, 404, 400, 403, 400)

ROWS = {
    "api:plan-list": Row("get", REGISTRY_API),
    "api:plan-detail": Row("get", answers(401, 200, 200, 200, 200, 404, 200), kwargs=leading_plan),
    "api:target-list": Row("get", SIGNED_IN_API),
    "api:target-detail": Row(
        "get",
        answers(401, 404, 200, 200, 200, 404, 200),
        answers(401, 404, 404, 404, 200, 404, 200),
        pk_of("targets"),
        subjects=program_subjects,
    ),
    "api:activity-list": Row("get", SIGNED_IN_API),
    "api:activity-detail": Row(
        "get",
        answers(401, 200, 200, 200, 200, 404, 200),
        answers(401, 200, 404, 404, 200, 404, 200),
        pk_of("activities"),
        subjects=program_subjects,
    ),
    "api:activity-status": Row(
        "post", MANAGE_ACTION, MANAGE_ACTION_FOREIGN, pk_of("activities"), subjects=program_subjects
    ),
    "api:enrolment-list": Row("get", SIGNED_IN_API),
    # The matrix posts JSON; the upload takes multipart only (415) — after the role check (403).
    "api:enrolment-upload": Row("post", answers(401, 415, 415, 415, 415, 403, 415)),
    "api:enrolment-template": Row("get", answers(401, 200, 200, 200, 200, 403, 200)),
    "api:enrolment-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("enrolments"), subjects=program_subjects
    ),
    # An empty body means "today", before the activity starts: refused (400) for its managers; the
    # ministry does not manage a Guangzhou activity (403).
    "api:enrolment-complete": Row(
        "post",
        answers(401, 400, 400, 400, 403, 403, 400),
        answers(401, 404, 404, 404, 403, 403, 400),
        pk_of("enrolments"),
        subjects=program_subjects,
    ),
    "api:question-list": Row("get", SIGNED_IN_API),
    "api:question-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("questions"), subjects=program_subjects
    ),
    "api:question-answer": Row(
        "post", MANAGE_ACTION, MANAGE_ACTION_FOREIGN, pk_of("questions"), subjects=program_subjects
    ),
    "api:question-publish": Row(
        "post", MANAGE_ACTION, MANAGE_ACTION_FOREIGN, pk_of("questions"), subjects=program_subjects
    ),
    "api:question-group": Row(
        "post", MANAGE_ACTION, MANAGE_ACTION_FOREIGN, pk_of("questions"), subjects=program_subjects
    ),
    "api:platform-list": Row("get", SIGNED_IN_API),
    "api:platform-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("platforms"), subjects=program_subjects
    ),
}


def _question():
    from tests.accounts.factories import OrganisationFactory, UserFactory

    return QuestionFactory(asked_by=UserFactory(role="enterprise_clerk", organisation=OrganisationFactory()))


def _question_group():
    from programs.models import QuestionGroup

    return QuestionGroup.objects.create(activity=ActivityFactory(), label="补贴政策")


def _admin_makers():
    from programs.models import Activity, Enrolment, Platform, Question, QuestionGroup

    return {
        Activity: ActivityFactory,
        Enrolment: EnrolmentFactory,
        Question: _question,
        QuestionGroup: _question_group,
        Platform: PlatformFactory,
    }


ADMIN_MAKERS = _admin_makers()
