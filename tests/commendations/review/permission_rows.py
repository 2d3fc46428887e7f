"""Permission-matrix rows of the expert review (pages and API). Subjects: a nomination in expert review
per organisation of the world (tests/commendations/review/factories.review_subjects); the world's
expert sits on the Guangdong campaign's committee only.

Writes are sent empty: role refused up front (403), out of scope (404), then the service answers —
pages come back with a message (302), the API with its status (400 empty input, 403 not the
campaign's official, 409 no quorum yet).
"""

from tests.commendations.review.factories import review_subjects
from tests.permissions import LOGIN, Also, Row, answers


def nomination_pk(subjects, which):
    return {"pk": subjects.nominations[which].pk}


def campaign_pk(subjects, which):
    return {"pk": subjects.campaigns[which].pk}


def _row(method, own, foreign, kwargs=nomination_pk):
    return Row(method, own, foreign, kwargs, subjects=review_subjects)


READERS = answers(LOGIN, 403, 403, 200, 200, 200, 200)
READERS_FOREIGN = answers(LOGIN, 403, 403, 404, 200, 404, 200)
MEMBER_POSTS = answers(LOGIN, 403, 403, 403, 403, 302, 403)
MEMBER_POSTS_FOREIGN = answers(LOGIN, 403, 403, 403, 403, 404, 403)
# The province runs its campaign; the ministry reads it but decides only national campaigns (403).
OFFICIAL_POSTS = answers(LOGIN, 403, 403, 302, 403, 403, 403)
OFFICIAL_FOREIGN = answers(LOGIN, 403, 403, 404, 403, 403, 403)
API_OFFICIAL_FOREIGN = answers(401, 403, 403, 404, 403, 403, 403)

ROWS = {
    "commendations:review-queue": Row("get", READERS),
    "commendations:review-detail": _row("get", READERS, READERS_FOREIGN),
    "commendations:review-score": _row("post", MEMBER_POSTS, MEMBER_POSTS_FOREIGN),
    "commendations:review-vote": _row("post", MEMBER_POSTS, MEMBER_POSTS_FOREIGN),
    # No votes yet: no quorum (409 → 302 + message).
    "commendations:review-decide": _row("post", OFFICIAL_POSTS, OFFICIAL_FOREIGN),
    # An empty form clears the committee (302); the Jiangsu campaign is not the Guangdong province's (404).
    "commendations:campaign-committee": _row("post", OFFICIAL_POSTS, OFFICIAL_FOREIGN, campaign_pk),
    "commendations:campaign-review-decisions": _row("post", OFFICIAL_POSTS, OFFICIAL_FOREIGN, campaign_pk),
    "api:nomination-review-list": Row("get", answers(401, 403, 403, 200, 200, 200, 200)),
    "api:nomination-review-detail": _row(
        "get", answers(401, 403, 403, 200, 200, 200, 200), answers(401, 403, 403, 404, 200, 404, 200)
    ),
    "api:nomination-review-score": _row(
        "post", answers(401, 403, 403, 403, 403, 400, 403), answers(401, 403, 403, 403, 403, 404, 403)
    ),
    "api:nomination-review-vote": _row(
        "post", answers(401, 403, 403, 403, 403, 400, 403), answers(401, 403, 403, 403, 403, 404, 403)
    ),
    "api:nomination-review-decide": _row("post", answers(401, 403, 403, 409, 403, 403, 403), API_OFFICIAL_FOREIGN),
    "api:campaign-committee": _row(
        "post", answers(401, 403, 403, 400, 403, 403, 403), API_OFFICIAL_FOREIGN, campaign_pk
    ),
    "api:campaign-review-decisions": _row(
        "post", answers(401, 403, 403, 200, 403, 403, 403), API_OFFICIAL_FOREIGN, campaign_pk
    ),
}

MORE = {
    "commendations:campaign-committee": {"get": Also(answers(LOGIN, 403, 403, 200, 403, 403, 403), OFFICIAL_FOREIGN)},
}


def _admin_makers():
    from commendations.models import NominationScore, NominationVote
    from tests.commendations.review.factories import make_review

    def score():
        panel = make_review(size=1)
        return NominationScore.objects.create(nomination=panel.nomination, expert=panel.experts[0], value=80)

    def vote():
        panel = make_review(size=1)
        return NominationVote.objects.create(nomination=panel.nomination, expert=panel.experts[0], choice="yes")

    return {NominationScore: score, NominationVote: vote}


ADMIN_MAKERS = _admin_makers()
