"""Permission-matrix rows for registration claims (tests/test_permission_matrix.py discovers this file).

Subjects: one pending claim per organisation of the world, each claiming a talent another organisation
holds. Only officials with scope over the claiming organisation see a claim; clerks never do, not even
their own organisation's (a claim would tell them the number is registered elsewhere)."""

from tests.permissions import LOGIN, Also, Row, answers
from tests.talents.factories import claim_subjects


def claim_kwargs(subjects, which):
    return {"pk": subjects.claims[which].pk}


CLAIM_PAGE = answers(LOGIN, 403, 200, 200, 200, 403, 200)
CLAIM_PAGE_FOREIGN = answers(LOGIN, 403, 404, 404, 200, 403, 200)
CLAIM_API_LIST = answers(401, 200, 200, 200, 200, 200, 200)  # an empty list for clerks and experts
CLAIM_API = answers(401, 404, 200, 200, 200, 404, 200)
CLAIM_API_FOREIGN = answers(401, 404, 404, 404, 200, 404, 200)

ROWS = {
    "talents:claim-list": Row("get", CLAIM_PAGE),
    # An empty decision is a form error (200) that changes nothing.
    "talents:claim-detail": Row(
        "post",
        CLAIM_PAGE,
        CLAIM_PAGE_FOREIGN,
        claim_kwargs,
        subjects=claim_subjects,
        more={"get": Also(CLAIM_PAGE, CLAIM_PAGE_FOREIGN)},
    ),
    "api:registration-claim-list": Row("get", CLAIM_API_LIST),
    "api:registration-claim-detail": Row("get", CLAIM_API, CLAIM_API_FOREIGN, claim_kwargs, subjects=claim_subjects),
    # Role first (403), then scope (404), then the empty body (400).
    "api:registration-claim-resolve": Row(
        "post",
        answers(401, 403, 400, 400, 400, 403, 400),
        answers(401, 403, 404, 404, 400, 403, 400),
        claim_kwargs,
        subjects=claim_subjects,
    ),
}
