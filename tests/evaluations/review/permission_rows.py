"""Permission-matrix rows of the officials' review: the queue and its bulk approval, the
dossier page with its decision and comment forms, the review and comments API, and the admin of the
review's records (tests/test_permission_matrix.py discovers this file).

Subjects (tests.evaluations.review.factories.review_subjects): a submitted dossier per organisation
of the world. Writes are sent empty: an allowed
role gets the form again (200) or a 400; a role that may not act 403 up front; out of scope 404.
"""

from tests.evaluations.review.factories import review_subjects
from tests.permissions import LOGIN, Also, Row, answers


def dossier_kwargs(subjects, which):
    return {"pk": subjects.dossiers[which].pk}


QUEUE = answers(LOGIN, 403, 200, 200, 200, 403, 200)
DECIDERS = answers(LOGIN, 403, 200, 200, 403, 403, 403)
DOSSIER_SEEN = answers(LOGIN, 200, 200, 200, 200, 404, 200)
DOSSIER_SEEN_FOREIGN = answers(LOGIN, 404, 404, 404, 200, 404, 200)
REVIEW_FORM = answers(LOGIN, 403, 200, 200, 403, 403, 403)
REVIEW_FORM_FOREIGN = answers(LOGIN, 403, 404, 404, 403, 403, 403)
REVIEW_API = answers(401, 403, 400, 400, 403, 403, 403)
REVIEW_API_FOREIGN = answers(401, 403, 404, 404, 403, 403, 403)
COMMENTS_API = answers(401, 200, 200, 200, 200, 404, 200)
COMMENTS_API_FOREIGN = answers(401, 404, 404, 404, 200, 404, 200)

ROWS = {
    "evaluations:review-queue": Row("get", QUEUE),
    "evaluations:review-bulk-approve": Row("get", DECIDERS),
    "evaluations:dossier-detail": Row(
        "get", DOSSIER_SEEN, DOSSIER_SEEN_FOREIGN, dossier_kwargs, subjects=review_subjects
    ),
    "evaluations:dossier-review": Row(
        "post", REVIEW_FORM, REVIEW_FORM_FOREIGN, dossier_kwargs, subjects=review_subjects
    ),
    "evaluations:dossier-comment-add": Row(
        "post", DOSSIER_SEEN, DOSSIER_SEEN_FOREIGN, dossier_kwargs, subjects=review_subjects
    ),
    "api:dossier-review": Row("post", REVIEW_API, REVIEW_API_FOREIGN, dossier_kwargs, subjects=review_subjects),
    "api:dossier-comments": Row("get", COMMENTS_API, COMMENTS_API_FOREIGN, dossier_kwargs, subjects=review_subjects),
}


# The other methods: an empty comment is refused (400) once the dossier is found in scope; experts see
# no dossier before assessment (404). An empty bulk approval returns to the queue with a message.
MORE = {
    "api:dossier-comments": {
        "post": Also(answers(401, 400, 400, 400, 400, 404, 400), answers(401, 404, 404, 404, 400, 404, 400))
    },
    "evaluations:review-bulk-approve": {"post": Also(answers(LOGIN, 403, 302, 302, 403, 403, 403))},
}


def _dossier():
    from tests.accounts.factories import OrganisationFactory
    from tests.evaluations.review.factories import submitted_dossier

    return submitted_dossier(OrganisationFactory())


def _review():
    from evaluations.models import DossierReview, ReviewDecision, ReviewLevel
    from tests.accounts.factories import UserFactory

    dossier = _dossier()
    return DossierReview.objects.create(
        dossier=dossier,
        revision=dossier.current_revision,
        level=ReviewLevel.CITY,
        decision=ReviewDecision.APPROVE,
        reviewer=UserFactory(role="city_official", region=dossier.organisation.region),
    )


def _comment():
    from evaluations.models import CommentVisibility, DossierComment

    dossier = _dossier()
    return DossierComment.objects.create(
        dossier=dossier, author=dossier.created_by, visibility=CommentVisibility.ENTERPRISE, body="请补充材料"
    )


def _seen():
    from evaluations.models import RevisionSeen
    from tests.accounts.factories import UserFactory

    dossier = _dossier()
    return RevisionSeen.objects.create(
        dossier=dossier,
        user=UserFactory(role="city_official", region=dossier.organisation.region),
        revision=dossier.current_revision,
    )


def _admin_makers():
    from evaluations.models import DossierComment, DossierReview, RevisionSeen

    return {DossierReview: _review, DossierComment: _comment, RevisionSeen: _seen}


ADMIN_MAKERS = _admin_makers()
