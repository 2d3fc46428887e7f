"""Permission-matrix rows for the programs pages and the ``plans/{id}/progress`` API action
(tests/test_permission_matrix.py discovers this file).

Subjects (tests.programs.factories.program_subjects): per organisation of the world an activity it
organises in its region (so the Guangzhou clerk of ``world.org`` organises the "own" one), a talent
of it enrolled there, a question its clerk asked and a platform it hosts. Writes are sent empty:
an allowed role gets the form again (200) or a redirect carrying the refusal (302); nothing changes.
"""

from tests.permissions import LOGIN, REGISTRY_PAGE, Also, Row, answers
from tests.programs.factories import program_subjects


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


def enrolment_kwargs(subjects, which):
    enrolment = subjects.enrolments[which]
    return {"pk": enrolment.activity_id, "eid": enrolment.pk}


def question_kwargs(subjects, which):
    return {"qid": subjects.questions[which].pk}


def leading_plan(subjects=None, which=None):
    from programs.models import Plan

    return {"pk": Plan.objects.get(code="leading_talents_2024_2026").pk}


PROGRESS_PAGE = answers(LOGIN, 403, 200, 200, 200, 403, 200)
ACTIVITY_SEEN = answers(LOGIN, 200, 200, 200, 200, 403, 200)
ACTIVITY_SEEN_FOREIGN = answers(LOGIN, 200, 404, 404, 200, 403, 200)
# The organiser (the clerk's own organisation) and the HR offices over Guangzhou manage the own activity;
# the ministry manages national activities only.
MANAGED = answers(LOGIN, 200, 200, 200, 403, 403, 200)
MANAGED_FOREIGN = answers(LOGIN, 403, 404, 404, 403, 403, 200)
MANAGED_REDIRECT = answers(LOGIN, 302, 302, 302, 403, 403, 302)
MANAGED_REDIRECT_FOREIGN = answers(LOGIN, 403, 404, 404, 403, 403, 302)
QUESTION_MANAGED = answers(LOGIN, 200, 200, 200, 403, 403, 200)
QUESTION_MANAGED_FOREIGN = answers(LOGIN, 404, 404, 404, 403, 403, 200)
QUESTION_REDIRECT = answers(LOGIN, 302, 302, 302, 403, 403, 302)
QUESTION_REDIRECT_FOREIGN = answers(LOGIN, 404, 404, 404, 403, 403, 302)

# Activities are visible along the region chain: a Guangzhou clerk sees (and may enrol in, ask about)
# another Guangzhou organisation's activity, but another city's is not there for the clerk (404).
CLERK_SEES_THE_CITY = {"other_city": {"enterprise_clerk": 404}, "other_province": {"enterprise_clerk": 404}}

ROWS = {
    "programs:plan-list": Row("get", REGISTRY_PAGE),
    "programs:plan-detail": Row("get", REGISTRY_PAGE, kwargs=leading_plan),
    "programs:plan-targets": Row("post", answers(LOGIN, 403, 403, 302, 302, 403, 302), kwargs=leading_plan),
    "programs:plan-progress": Row("get", PROGRESS_PAGE, kwargs=leading_plan),
    "programs:plan-progress-export": Row("get", PROGRESS_PAGE, kwargs=leading_plan),
    "programs:plan-progress-refresh": Row("post", answers(LOGIN, 403, 302, 302, 302, 403, 302), kwargs=leading_plan),
    "programs:activity-list": Row("get", REGISTRY_PAGE),
    "programs:activity-create": Row("post", answers(LOGIN, 403, 200, 200, 200, 403, 200)),
    "programs:activity-detail": Row(
        "get",
        ACTIVITY_SEEN,
        ACTIVITY_SEEN_FOREIGN,
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    "programs:activity-edit": Row(
        "post", MANAGED, MANAGED_FOREIGN, pk_of("activities"), subjects=program_subjects, levels=CLERK_SEES_THE_CITY
    ),
    "programs:activity-status": Row(
        "post",
        MANAGED_REDIRECT,
        MANAGED_REDIRECT_FOREIGN,
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    "programs:activity-enrol": Row(
        "post",
        ACTIVITY_SEEN,
        ACTIVITY_SEEN_FOREIGN,
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    "programs:enrolment-template": Row(
        "get",
        ACTIVITY_SEEN,
        ACTIVITY_SEEN_FOREIGN,
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    # An empty body means "today", before the activity starts: the refusal comes back as a message.
    "programs:enrolment-complete": Row(
        "post",
        MANAGED_REDIRECT,
        MANAGED_REDIRECT_FOREIGN,
        enrolment_kwargs,
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    # An empty body ticks nothing: the refusal comes back as a message.
    "programs:enrolment-complete-many": Row(
        "post",
        MANAGED_REDIRECT,
        MANAGED_REDIRECT_FOREIGN,
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    "programs:question-create": Row(
        "post",
        answers(LOGIN, 200, 403, 403, 403, 403, 403),
        answers(LOGIN, 200, 403, 403, 403, 403, 403),
        pk_of("activities"),
        subjects=program_subjects,
        levels=CLERK_SEES_THE_CITY,
    ),
    "programs:question-answer": Row(
        "post", QUESTION_MANAGED, QUESTION_MANAGED_FOREIGN, question_kwargs, subjects=program_subjects
    ),
    "programs:question-group": Row(
        "post", QUESTION_REDIRECT, QUESTION_REDIRECT_FOREIGN, question_kwargs, subjects=program_subjects
    ),
    "programs:question-publish": Row(
        "post", QUESTION_REDIRECT, QUESTION_REDIRECT_FOREIGN, question_kwargs, subjects=program_subjects
    ),
    "programs:platform-list": Row("get", REGISTRY_PAGE),
    "programs:platform-create": Row("post", answers(LOGIN, 403, 403, 200, 200, 403, 200)),
    "programs:platform-edit": Row(
        "post",
        answers(LOGIN, 403, 403, 200, 200, 403, 200),
        answers(LOGIN, 403, 403, 404, 200, 403, 200),
        pk_of("platforms"),
        subjects=program_subjects,
    ),
    "api:plan-progress": Row("get", answers(401, 403, 200, 200, 200, 403, 200), kwargs=leading_plan),
}


# The form pages (GET) of the POST rows above. Activities are visible along the region chain: a
# Guangzhou clerk sees (and may enrol in, ask about) another Guangzhou organisation's activity but may
# not edit it (403); another city's is not there for the clerk (404).
MORE = {
    "programs:activity-create": {"get": Also(answers(LOGIN, 403, 200, 200, 200, 403, 200))},
    "programs:activity-edit": {
        "get": Also(
            answers(LOGIN, 200, 200, 200, 403, 403, 200),
            answers(LOGIN, 403, 404, 404, 403, 403, 200),
            levels=CLERK_SEES_THE_CITY,
        )
    },
    "programs:activity-enrol": {
        "get": Also(
            answers(LOGIN, 200, 200, 200, 200, 403, 200),
            answers(LOGIN, 200, 404, 404, 200, 403, 200),
            levels=CLERK_SEES_THE_CITY,
        )
    },
    "programs:plan-targets": {"get": Also(answers(LOGIN, 403, 403, 200, 200, 403, 200))},
    "programs:platform-create": {"get": Also(answers(LOGIN, 403, 403, 200, 200, 403, 200))},
    "programs:platform-edit": {
        "get": Also(answers(LOGIN, 403, 403, 200, 200, 403, 200), answers(LOGIN, 403, 403, 404, 200, 403, 200))
    },
    "programs:question-answer": {
        "get": Also(answers(LOGIN, 200, 200, 200, 403, 403, 200), answers(LOGIN, 404, 404, 404, 403, 403, 200))
    },
    "programs:question-create": {
        "get": Also(
            answers(LOGIN, 200, 403, 403, 403, 403, 403),
            answers(LOGIN, 200, 403, 403, 403, 403, 403),
            levels=CLERK_SEES_THE_CITY,
        )
    },
}


def _progress_refresh():
    from programs.models import Plan
    from programs.services.progress import progress_refresh

    return progress_refresh(plan=Plan.objects.order_by("pk").first())


def _progress_figure():
    from accounts.models import Region
    from programs.models import Plan, ProgressFigure

    guangzhou = Region.objects.get(code="440100")
    return ProgressFigure.objects.create(
        plan=Plan.objects.order_by("pk").first(),
        region=guangzhou,
        province_id=guangzhou.parent_id,
        measure="trained_person_times",
        value=1,
    )


def _admin_makers():
    from programs.models import ProgressFigure, ProgressRefresh

    return {ProgressFigure: _progress_figure, ProgressRefresh: _progress_refresh}


# For the admin change pages of the aggregate, should programs/admin.py register it.
ADMIN_MAKERS = _admin_makers()
