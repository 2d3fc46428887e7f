"""Permission-matrix rows of the assessment area (pages and API). Subjects: a dossier in assessment per
organisation of the world (tests/evaluations/assessment/factories.assessment_subjects); the world's
expert is a plain member of the Guangdong committee only.

Writes are sent empty: role refused up front (403), out of scope (404), then the service answers —
pages come back to the dossier with a message (302), the API with its status (403 not the chair,
409 wrong state or scores missing).
"""

from tests.evaluations.assessment.factories import assessment_subjects
from tests.permissions import LOGIN, Also, Row, answers


def dossier_pk(subjects, which):
    return {"pk": subjects.dossiers[which].pk}


def _row(method, own, foreign):
    return Row(method, own, foreign, dossier_pk, subjects=assessment_subjects)


EXPERT_POSTS = answers(LOGIN, 403, 403, 403, 403, 302, 403)
EXPERT_POSTS_FOREIGN = answers(LOGIN, 403, 403, 403, 403, 404, 403)

ROWS = {
    "evaluations:expert-queue": Row("get", answers(LOGIN, 403, 403, 200, 200, 200, 200)),
    "evaluations:score-enter": _row("post", EXPERT_POSTS, EXPERT_POSTS_FOREIGN),
    "evaluations:vote-cast": _row("post", EXPERT_POSTS, EXPERT_POSTS_FOREIGN),
    # A plain member may not close scoring (403); the province may, but scores are missing (302 + message).
    "evaluations:assessment-complete": _row(
        "post", answers(LOGIN, 403, 403, 302, 403, 403, 403), answers(LOGIN, 403, 403, 404, 403, 404, 403)
    ),
    # In assessment, no decision yet (409 → 302 + message), for the member and the province alike.
    "evaluations:committee-decide": _row(
        "post", answers(LOGIN, 403, 403, 302, 403, 302, 403), answers(LOGIN, 403, 403, 404, 403, 404, 403)
    ),
    "api:dossier-scores": _row(
        "get", answers(401, 403, 200, 200, 200, 200, 200), answers(401, 403, 404, 404, 200, 404, 200)
    ),
    "api:dossier-votes": _row(
        "get", answers(401, 403, 200, 200, 200, 403, 200), answers(401, 403, 404, 404, 200, 404, 200)
    ),
    "api:dossier-scores-complete": _row(
        "post", answers(401, 403, 403, 409, 403, 403, 403), answers(401, 403, 403, 404, 403, 404, 403)
    ),
    "api:dossier-decide": _row(
        "post", answers(401, 403, 403, 409, 403, 409, 403), answers(401, 403, 403, 404, 403, 404, 403)
    ),
}


# Scores and votes are posted by the committee's experts only (403 for everyone else); an empty one is
# refused (400); the Jiangsu committee's dossier is not the expert's (404).
MORE = {
    "api:dossier-scores": {
        "post": Also(answers(401, 403, 403, 403, 403, 400, 403), answers(401, 403, 403, 403, 403, 404, 403))
    },
    "api:dossier-votes": {
        "post": Also(answers(401, 403, 403, 403, 403, 400, 403), answers(401, 403, 403, 403, 403, 404, 403))
    },
}


def _score():
    from evaluations.models import Score
    from tests.evaluations.assessment.factories import make_panel

    panel = make_panel()
    return Score.objects.create(
        dossier=panel.dossier,
        revision=panel.dossier.current_revision,
        method="theory_exam",
        expert=panel.chair,
        value=70,
    )


def _vote():
    from evaluations.models import DossierStatus, Vote
    from tests.evaluations.assessment.factories import make_panel

    panel = make_panel(status=DossierStatus.IN_COMMITTEE)
    return Vote.objects.create(
        dossier=panel.dossier, revision=panel.dossier.current_revision, expert=panel.chair, choice="yes"
    )


def _admin_makers():
    from evaluations.models import Score, Vote

    return {Score: _score, Vote: _vote}


ADMIN_MAKERS = _admin_makers()
