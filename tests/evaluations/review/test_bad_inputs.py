"""Bad inputs of the review: an over-long comment is refused and changes nothing.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest
from django.urls import reverse

from accounts.errors import ApplicationError
from evaluations.models import DossierStatus
from evaluations.services.review import dossier_review
from tests.evaluations.scenarios import api_client as _api
from tests.evaluations.scenarios import dossier_in as _dossier_in

pytestmark = pytest.mark.django_db

S = DossierStatus


# More bad inputs of the review and of attachments


def test_a_review_comment_over_the_limit_is_refused_and_changes_nothing(world):
    from evaluations.models import DossierReview
    from evaluations.services.review import COMMENT_MAX_LENGTH

    panel = _dossier_in(world, "city", S.SUBMITTED)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(
            actor=world.city_official, dossier=panel.dossier, decision="return", comment="补" * (COMMENT_MAX_LENGTH + 1)
        )
    assert (refused.value.status, refused.value.field) == (400, "comment")
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.SUBMITTED and not DossierReview.objects.exists()
    response = _api(world.city_official).post(
        reverse("api:dossier-review", args=[panel.dossier.pk]),
        {"decision": "return", "comment": "补" * (COMMENT_MAX_LENGTH + 1)},
        format="json",
    )
    assert response.status_code == 400 and "comment" in response.json()
