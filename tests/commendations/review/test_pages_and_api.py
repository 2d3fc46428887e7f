"""Expert review pages and API: members only (404 for another committee's expert), membership hidden
from the nominating side, constant query counts for the queue page and API."""

import pytest
from django.urls import reverse

from accounts.models import Role
from commendations.models import NominationScore, NominationStatus, NominationVote
from commendations.services.review import nomination_vote_cast
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.commendations.factories import NominationFactory
from tests.commendations.review.factories import make_review
from tests.committees.factories import CommitteeFactory, ExpertFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
S = NominationStatus


def official():
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("440000"))


def add_nominations(panel, count):
    for _ in range(count):
        NominationFactory(
            campaign=panel.campaign,
            talent=TalentFactory(employer=OrganisationFactory(region=region("440100"))),
            status=S.IN_EXPERT_REVIEW,
        )


# Pages


def test_member_scores_and_votes_through_the_pages(client_for):
    panel = make_review()
    client = client_for(panel.experts[1])
    page = client.get(reverse("commendations:review-detail", args=[panel.nomination.pk]))
    assert page.status_code == 200 and b"review-score-form" in page.content
    client.post(reverse("commendations:review-score", args=[panel.nomination.pk]), {"value": "81"})
    client.post(reverse("commendations:review-vote", args=[panel.nomination.pk]), {"choice": "yes"})
    assert NominationScore.objects.get().value == 81 and NominationVote.objects.get().choice == "yes"


def test_refusal_comes_back_as_a_message(client_for):
    panel = make_review()
    client = client_for(panel.experts[0])
    response = client.post(
        reverse("commendations:review-score", args=[panel.nomination.pk]), {"value": "7.123"}, follow=True
    )
    assert response.status_code == 200 and not NominationScore.objects.exists()
    assert list(response.context["messages"])


def test_expert_of_another_committee_gets_404(client_for):
    panel = make_review()
    stranger = ExpertFactory()
    client = client_for(stranger)
    assert client.get(reverse("commendations:review-detail", args=[panel.nomination.pk])).status_code == 404
    assert (
        client.post(reverse("commendations:review-vote", args=[panel.nomination.pk]), {"choice": "yes"}).status_code
        == 404
    )
    assert client.get(f"/api/v1/nomination-reviews/{panel.nomination.pk}/").status_code == 404
    assert not NominationVote.objects.exists()


def test_official_decides_from_the_page_and_sees_the_tally(client_for):
    panel = make_review(size=2)
    for expert in panel.experts:
        nomination_vote_cast(actor=expert, nomination=panel.nomination, choice="yes")
    client = client_for(official())
    page = client.get(reverse("commendations:review-detail", args=[panel.nomination.pk]))
    assert b"review-tally" in page.content and b"review-decide" in page.content
    client.post(reverse("commendations:review-decide", args=[panel.nomination.pk]))
    panel.nomination.refresh_from_db()
    assert panel.nomination.review_passed is True


def test_members_do_not_see_the_others_scores(client_for):
    panel = make_review(size=2)
    page = client_for(panel.experts[0]).get(reverse("commendations:review-detail", args=[panel.nomination.pk]))
    assert b"review-tally" not in page.content and b"review-decide" not in page.content


def test_campaign_committee_form_saves(client_for):
    panel = make_review()
    panel.campaign.committee = None
    panel.campaign.save()
    client = client_for(official())
    response = client.post(
        reverse("commendations:campaign-committee", args=[panel.campaign.pk]), {"committee": panel.committee.pk}
    )
    assert response.status_code == 302
    panel.campaign.refresh_from_db()
    assert panel.campaign.committee == panel.committee


def test_committee_membership_hidden_from_the_nominating_side(world, client_for):
    panel = make_review(organisation=world.org)
    for user in (world.clerk, world.city_official):
        client = client_for(user)
        assert client.get(reverse("commendations:review-queue")).status_code == 403
        assert client.get(f"/api/v1/nomination-reviews/{panel.nomination.pk}/").status_code == 403
    assert panel.nomination.organisation == world.org


QUEUE_QUERIES = 5  # the same with 1 row as with 6: the caller's score and vote come with the rows
API_QUERIES = 3


def test_queue_page_constant_queries(client_for, django_assert_num_queries):
    panel = make_review()
    make_review()  # another committee's campaign
    client = client_for(panel.experts[1])
    url = reverse("commendations:review-queue")
    client.get(url)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(url)
    assert [n.pk for n in response.context["nominations"]] == [panel.nomination.pk]
    add_nominations(panel, 5)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(url)
    assert len(response.context["nominations"]) == 6


# API


def test_api_score_vote_and_decide(client_for):
    panel = make_review(size=2)
    for expert in panel.experts:
        client = client_for(expert)
        base = f"/api/v1/nomination-reviews/{panel.nomination.pk}/"
        assert client.post(base + "score/", {"value": "88"}, content_type="application/json").status_code == 201
        assert client.post(base + "vote/", {"choice": "no"}, content_type="application/json").status_code == 201
    second = client.post(base + "vote/", {"choice": "yes"}, content_type="application/json")
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    response = client_for(official()).post(f"/api/v1/nomination-reviews/{panel.nomination.pk}/decide/")
    assert response.status_code == 200 and response.json()["review_passed"] is False
    panel.nomination.refresh_from_db()
    assert panel.nomination.status == S.REJECTED


def test_api_detail_shows_the_tally_to_officials_only(client_for):
    panel = make_review(size=3)
    nomination_vote_cast(actor=panel.experts[0], nomination=panel.nomination, choice="yes")
    url = f"/api/v1/nomination-reviews/{panel.nomination.pk}/"
    tally = client_for(official()).get(url).json()["tally"]
    assert tally["cast"] == 1 and tally["votes_needed_for_quorum"] == 2 and tally["quorum_reached"] is False
    assert client_for(panel.experts[0]).get(url).json()["tally"] is None


def test_api_decide_before_quorum_is_409(client_for):
    panel = make_review(size=3)
    response = client_for(official()).post(f"/api/v1/nomination-reviews/{panel.nomination.pk}/decide/")
    assert response.status_code == 409 and response.json()["code"] == "quorum_not_reached"


def test_api_campaign_committee_and_decide_all(client_for):
    panel = make_review(size=2)
    client = client_for(official())
    url = f"/api/v1/campaigns/{panel.campaign.pk}/committee/"
    bad = client.post(url, {"committee": 999999}, content_type="application/json")
    assert bad.status_code == 400
    assert client.post(url, {"committee": None}, content_type="application/json").json() == {"committee": None}
    answer = client.post(f"/api/v1/campaigns/{panel.campaign.pk}/review-decisions/")
    assert answer.status_code == 409  # no committee any more: nothing can be decided


def test_api_list_constant_queries(client_for, django_assert_num_queries):
    panel = make_review()
    client = client_for(official())
    url = "/api/v1/nomination-reviews/"
    client.get(url)
    with django_assert_num_queries(API_QUERIES):
        first = client.get(url)
    assert len(first.json()["results"]) == 1
    add_nominations(panel, 5)
    with django_assert_num_queries(API_QUERIES):
        more = client.get(url)
    assert len(more.json()["results"]) == 6


# Starting the review from the nomination's page and the API goes through nomination_review_start.


def test_the_nomination_page_starts_the_review_only_with_a_committee(client_for):
    nomination = NominationFactory(status=S.PROVINCE_RECOMMENDED)
    client = client_for(official())
    url = reverse("commendations:nomination-step", args=[nomination.pk])
    page = client.get(reverse("commendations:nomination-detail", args=[nomination.pk]))
    assert b'value="start_review"' in page.content
    response = client.post(url, {"action": "start_review"})
    nomination.refresh_from_db()
    assert response.status_code == 409 and nomination.status == S.PROVINCE_RECOMMENDED
    nomination.campaign.committee = CommitteeFactory()
    nomination.campaign.save(update_fields=["committee"])
    assert client.post(url, {"action": "start_review"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == S.IN_EXPERT_REVIEW


def test_the_api_starts_the_review_only_with_a_committee(client_for):
    nomination = NominationFactory(status=S.PROVINCE_RECOMMENDED)
    client = client_for(official())
    url = reverse("api:nomination-start-review", args=[nomination.pk])
    response = client.post(url, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "no_committee"
    nomination.campaign.committee = CommitteeFactory()
    nomination.campaign.save(update_fields=["committee"])
    response = client.post(url, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "in_expert_review"
