"""Permission-matrix rows of rounds and committees (pages and API); tests/test_permission_matrix.py
discovers this file. Subjects: a Guangdong round whose committee has the world's expert, and a
Jiangsu one (tests.evaluations.dossiers.factories.dossier_subjects)."""

from tests.evaluations.dossiers.factories import dossier_subjects
from tests.permissions import LOGIN, SIGNED_IN_API, SIGNED_IN_PAGE, Also, Row, answers


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


PROVINCE_ONLY = answers(LOGIN, 403, 403, 200, 403, 403, 403)
PROVINCE_ONLY_FOREIGN = answers(LOGIN, 403, 403, 404, 403, 403, 403)

# The Guangdong round is every Guangdong clerk's and city official's; the Jiangsu one is not (404).
JIANGSU_ROUND = {"other_province": {"enterprise_clerk": 404, "city_official": 404}}

ROWS = {
    "evaluations:round-list": Row("get", SIGNED_IN_PAGE),
    # Clerks of enterprises not approved for self-evaluation (R8) are refused with its message.
    "evaluations:round-create": Row("post", PROVINCE_ONLY),
    "evaluations:round-detail": Row(
        "get",
        SIGNED_IN_PAGE,
        answers(LOGIN, 200, 200, 404, 200, 404, 200),
        pk_of("rounds"),
        subjects=dossier_subjects,
        levels=JIANGSU_ROUND,
    ),
    "evaluations:committee-list": Row("get", answers(LOGIN, 403, 403, 200, 200, 200, 200)),
    "evaluations:committee-create": Row("post", PROVINCE_ONLY),
    "evaluations:committee-edit": Row(
        "get", PROVINCE_ONLY, PROVINCE_ONLY_FOREIGN, pk_of("committees"), subjects=dossier_subjects
    ),
    "api:round-list": Row("get", SIGNED_IN_API),
    "api:round-detail": Row(
        "get",
        SIGNED_IN_API,
        answers(401, 200, 200, 404, 200, 404, 200),
        pk_of("rounds"),
        subjects=dossier_subjects,
        levels=JIANGSU_ROUND,
    ),
    "api:committee-list": Row("get", SIGNED_IN_API),
    "api:committee-detail": Row(
        "get",
        answers(401, 404, 404, 200, 200, 200, 200),
        answers(401, 404, 404, 404, 200, 404, 200),
        pk_of("committees"),
        subjects=dossier_subjects,
    ),
}


# Rounds and committees are a provincial official's: the form pages and an empty form (200 with errors).
MORE = {
    "api:round-list": {"post": Also(answers(401, 403, 403, 400, 403, 403, 403))},
    "evaluations:committee-create": {"get": Also(answers(LOGIN, 403, 403, 200, 403, 403, 403))},
    "evaluations:committee-edit": {
        "post": Also(answers(LOGIN, 403, 403, 200, 403, 403, 403), answers(LOGIN, 403, 403, 404, 403, 403, 403))
    },
    "evaluations:round-create": {"get": Also(answers(LOGIN, 403, 403, 200, 403, 403, 403))},
}


def _committee_member():
    from evaluations.models import CommitteeMember
    from tests.evaluations.factories import CommitteeFactory, ExpertFactory

    return CommitteeMember.objects.create(committee=CommitteeFactory(), expert=ExpertFactory())


def _round_method():
    from tests.evaluations.factories import RoundFactory

    return RoundFactory().methods.first()


def _admin_makers():
    from evaluations.models import Committee, CommitteeMember, Round, RoundMethod
    from tests.evaluations.factories import CommitteeFactory, RoundFactory

    return {
        Committee: CommitteeFactory,
        CommitteeMember: _committee_member,
        Round: RoundFactory,
        RoundMethod: _round_method,
    }


ADMIN_MAKERS = _admin_makers()
