"""A round without a committee (issue 14): its tally and decision answer clearly instead of a 500 on the
missing quorum, and neither the API nor the page creates such a round any more."""

import pytest
from django.urls import reverse

from evaluations.models import DossierStatus, Round
from tests.evaluations.factories import DossierFactory, RoundFactory, freeze_revision
from tests.evaluations.rounds.test_api_and_pages import api_round
from tests.evaluations.scenarios import api_client
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def test_votes_and_decision_of_a_committee_less_round_answer_without_a_500(world):
    dossier = DossierFactory(
        round=RoundFactory(committee=None), talent=TalentFactory(employer=world.org), status=DossierStatus.IN_COMMITTEE
    )
    freeze_revision(dossier)
    client = api_client(world.provincial_official)
    tally = client.get(reverse("api:dossier-votes", args=[dossier.pk]))
    assert tally.status_code == 200
    assert tally.json()["members"] == 0 and tally.json()["quorum_reached"] is False
    decided = client.post(reverse("api:dossier-decide", args=[dossier.pk]))
    assert decided.status_code == 409 and decided.json()["code"] == "no_committee"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_COMMITTEE


def test_a_round_needs_a_committee_through_the_api_and_the_page(world, client_for):
    client = client_for(world.provincial_official)
    response = client.post(reverse("api:round-list"), api_round(), content_type="application/json")
    assert response.status_code == 400 and "committee" in response.json()
    response = client.post(reverse("evaluations:round-create"), {"title": "无委员会", "kind": "skill_evaluation"})
    assert response.status_code == 200 and "committee" in response.context["form"].errors
    assert not Round.objects.exists()
