"""Permission-matrix rows for the programs API (tests/test_permission_matrix.py discovers this file).

Subjects: one activity per organisation of the world, organised by it in its region, with an
enrolled talent of it, a question its clerk asked and a platform it hosts; targets per region.
A Guangzhou clerk sees the Guangzhou activity of another organisation (activities are visible
along the region chain), but not that organisation's enrolments or questions.
"""

from tests.permissions import REGISTRY_API, REGISTRY_API_FOREIGN, REGISTRY_API_OBJECT, SIGNED_IN_API, Also, Row, answers
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
        levels={"other_city": {"enterprise_clerk": 404}, "other_province": {"enterprise_clerk": 404}},
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


# The other methods of the routes above. Writes go through the same role check (403) and scoped lookup
# (404): an empty PATCH is a valid no-op (200), an empty PUT or create is refused (400). The ministry
# does not manage a Guangzhou activity: its empty PATCH is refused by the service (403), its empty PUT
# by the serializer first (400). Deleting an enrolment or a platform in scope succeeds (204).
MORE = {
    "api:activity-detail": {
        "patch": Also(answers(401, 403, 200, 200, 403, 403, 200), answers(401, 403, 404, 404, 403, 403, 200)),
        "put": Also(answers(401, 403, 400, 400, 400, 403, 400), answers(401, 403, 404, 404, 400, 403, 400)),
    },
    "api:activity-list": {"post": Also(answers(401, 403, 400, 400, 400, 403, 400))},
    "api:enrolment-detail": {
        "delete": Also(answers(401, 204, 204, 204, 204, 403, 204), answers(401, 404, 404, 404, 204, 403, 204))
    },
    "api:enrolment-list": {"post": Also(answers(401, 400, 400, 400, 400, 403, 400))},
    "api:platform-detail": {
        "delete": Also(answers(401, 403, 403, 204, 204, 403, 204), answers(401, 403, 403, 404, 204, 403, 204)),
        "patch": Also(answers(401, 403, 403, 200, 200, 403, 200), answers(401, 403, 403, 404, 200, 403, 200)),
        "put": Also(answers(401, 403, 403, 400, 400, 403, 400), answers(401, 403, 403, 404, 400, 403, 400)),
    },
    "api:platform-list": {"post": Also(answers(401, 403, 403, 400, 400, 403, 400))},
    "api:question-list": {"post": Also(answers(401, 400, 403, 403, 403, 403, 403))},
    # Targets are set by the province for its cities and by the ministry for provinces: the ministry
    # does not change a city's target (403); an empty PUT is refused by the serializer first (400).
    "api:target-detail": {
        "delete": Also(answers(401, 403, 403, 204, 403, 403, 204), answers(401, 403, 403, 404, 403, 403, 204)),
        "patch": Also(answers(401, 403, 403, 200, 403, 403, 200), answers(401, 403, 403, 404, 403, 403, 200)),
        "put": Also(answers(401, 403, 403, 400, 400, 403, 400), answers(401, 403, 403, 404, 400, 403, 400)),
    },
    "api:target-list": {"post": Also(answers(401, 403, 403, 400, 400, 403, 400))},
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
