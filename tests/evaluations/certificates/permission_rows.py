"""Permission-matrix rows of notices of passed dossiers and certificates. The verification page and
API are public: the same answer to everyone (the API's 404 for an unknown number and code)."""

from tests.evaluations.assessment.factories import assessment_subjects
from tests.permissions import (
    LOGIN,
    PUBLIC,
    REGISTRY_API_FOREIGN,
    REGISTRY_API_OBJECT,
    SIGNED_IN_API,
    Also,
    Row,
    answers,
    everyone,
)


def round_pk(subjects, which):
    # Guangdong's round for every key but the other province's (Jiangsu).
    return {"pk": subjects.rounds[which].pk}


def certificate_pk(subjects, which):
    return {"pk": subjects.certificates[which].pk}


ROWS = {
    # An empty form comes back to the provincial official (200); another province's round is 404.
    "evaluations:notice-publish": Row(
        "post",
        answers(LOGIN, 403, 403, 200, 403, 403, 403),
        answers(LOGIN, 403, 403, 404, 403, 403, 403),
        round_pk,
        subjects=assessment_subjects,
    ),
    "evaluations:certificate-pdf": Row(
        "get",
        answers(LOGIN, 200, 200, 200, 200, 403, 200),
        answers(LOGIN, 404, 404, 404, 200, 403, 200),
        certificate_pk,
        subjects=assessment_subjects,
    ),
    "evaluations:certificate-verify": Row("get", PUBLIC),
    "api:certificate-verify": Row("get", everyone(404), query="?number=44202600000000&code=ABCDEFGH"),
    "api:certificate-list": Row("get", SIGNED_IN_API),
    "api:certificate-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, certificate_pk, subjects=assessment_subjects
    ),
}


MORE = {
    "evaluations:notice-publish": {
        "get": Also(answers(LOGIN, 403, 403, 200, 403, 403, 403), answers(LOGIN, 403, 403, 404, 403, 403, 403))
    }
}


def _certificate():
    from evaluations.models import DossierStatus
    from evaluations.services.certificates import certificate_issue
    from tests.evaluations.assessment.factories import make_panel

    return certificate_issue(dossier=make_panel(status=DossierStatus.IN_PUBLICITY).dossier)


def _admin_makers():
    from evaluations.models import Certificate

    return {Certificate: _certificate}


ADMIN_MAKERS = _admin_makers()
