"""Votes tied to the revision they judged; conflicted members outside the quorum and refused by the API.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest
from django.urls import reverse

from accounts.errors import PermissionDeniedError
from evaluations.models import DossierStatus, Vote
from evaluations.services.assessment import assessment_complete, committee_decide, vote_cast
from tests.evaluations.assessment.factories import make_panel, score_all
from tests.evaluations.factories import ExpertFactory
from tests.evaluations.scenarios import api_client as _api
from tests.evaluations.scenarios import dossier_in as _dossier_in

pytestmark = pytest.mark.django_db

S = DossierStatus


# Votes and scores


def test_a_vote_is_tied_to_the_revision_it_judged():
    panel = make_panel(status=S.IN_COMMITTEE)
    vote = vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="yes")
    assert vote.revision_id == panel.dossier.current_revision_id is not None


def test_a_conflicted_colleague_is_left_out_of_the_quorum_end_to_end():
    """3 members plus one of the dossier's employer: 2 votes of the 3 eligible make the quorum (with the
    colleague counted, 2 of 4 would not)."""
    panel = make_panel(size=3)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    score_all(panel, value=80)
    assessment_complete(actor=panel.chair, dossier=panel.dossier)
    panel.dossier.refresh_from_db()
    vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="yes")
    vote_cast(actor=panel.experts[2], dossier=panel.dossier, choice="yes")
    with pytest.raises(PermissionDeniedError):
        vote_cast(actor=colleague, dossier=panel.dossier, choice="no")
    assert committee_decide(actor=panel.chair, dossier=panel.dossier).status == S.PASSED


def test_a_conflicted_member_is_refused_403_by_the_api_and_nothing_is_stored():
    panel = make_panel(status=S.IN_COMMITTEE)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    response = _api(colleague).post(
        reverse("api:dossier-votes", args=[panel.dossier.pk]), {"choice": "yes"}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "conflicted"
    assert not Vote.objects.exists()


def test_a_conflicted_member_cannot_score_through_the_api():
    panel = make_panel()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    response = _api(colleague).post(
        reverse("api:dossier-scores", args=[panel.dossier.pk]),
        {"method": "skill_operation", "value": "90"},
        format="json",
    )
    assert response.status_code == 403 and response.json()["code"] == "conflicted"
    assert not panel.dossier.scores.exists()


def test_a_second_vote_through_the_api_keeps_the_first():
    panel = make_panel(status=S.IN_COMMITTEE)
    url = reverse("api:dossier-votes", args=[panel.dossier.pk])
    client = _api(panel.experts[1])
    assert client.post(url, {"choice": "no"}, format="json").status_code == 201
    second = client.post(url, {"choice": "yes"}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]


def test_the_api_offers_closing_scoring_to_the_chair_and_not_to_a_plain_member(world):
    """The ``actions`` hint is the workflow's: it must not offer a step the service refuses."""
    panel = _dossier_in(world, "city", S.IN_ASSESSMENT)
    url = reverse("api:dossier-detail", args=[panel.dossier.pk])
    member = _api(panel.experts[1]).get(url)
    assert member.status_code == 200 and "complete_scoring" not in member.json()["actions"]
    assert "complete_scoring" in _api(panel.chair).get(url).json()["actions"]
    with pytest.raises(PermissionDeniedError):
        assessment_complete(actor=panel.experts[1], dossier=panel.dossier)


def test_the_workflow_still_refuses_a_city_official_on_a_committee_step(world):
    panel = _dossier_in(world, "city", S.IN_COMMITTEE)
    with pytest.raises(PermissionDeniedError):
        committee_decide(actor=world.city_official, dossier=panel.dossier)
