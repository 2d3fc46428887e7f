"""The review API: ``POST dossiers/{id}/review/`` (every decision, 400 field errors, 403, 404, 409) and
``GET/POST dossiers/{id}/comments/`` (visibility by role), plus a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from evaluations.models import CommentVisibility, DossierComment, DossierReview, DossierStatus
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def review_url(dossier) -> str:
    return reverse("api:dossier-review", args=[dossier.pk])


def comments_url(dossier) -> str:
    return reverse("api:dossier-comments", args=[dossier.pk])


def test_the_route_is_the_designs():
    assert review_url(type("D", (), {"pk": 7})) == "/api/v1/dossiers/7/review/"


def test_a_city_approval_answers_the_new_status_and_the_review(world):
    dossier = submitted_dossier(world.org)
    response = api_as(world.city_official).post(review_url(dossier), {"decision": "approve"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"]) == (dossier.pk, "city_approved")
    assert body["review"]["level"] == "city"
    assert body["review"]["decision"] == "approve"
    assert body["review"]["revision"] == 1


def test_the_province_approves_after_the_city(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    response = api_as(world.provincial_official).post(review_url(dossier), {"decision": "approve"}, format="json")
    assert response.json()["status"] == "in_assessment"


@pytest.mark.parametrize(("decision", "target"), [("return", "returned"), ("reject", "rejected")])
def test_return_and_reject_with_a_comment(world, decision, target):
    dossier = submitted_dossier(world.org)
    response = api_as(world.city_official).post(
        review_url(dossier), {"decision": decision, "comment": "材料不全"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == target
    assert response.json()["review"]["comment"] == "材料不全"


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_a_missing_comment_is_a_field_error(world, decision):
    dossier = submitted_dossier(world.org)
    response = api_as(world.city_official).post(review_url(dossier), {"decision": decision}, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_an_unknown_decision_is_a_field_error(world):
    dossier = submitted_dossier(world.org)
    response = api_as(world.city_official).post(review_url(dossier), {"decision": "maybe"}, format="json")
    assert response.status_code == 400
    assert "decision" in response.json()


def test_roles_that_do_not_review_are_refused_before_the_lookup(world):
    dossier = submitted_dossier(world.org)
    for user in (world.clerk, world.expert, world.national_official, world.admin):
        assert api_as(user).post(review_url(dossier), {"decision": "approve"}, format="json").status_code == 403


def test_not_this_officials_step_is_forbidden(world):
    dossier = submitted_dossier(world.org)
    response = api_as(world.provincial_official).post(review_url(dossier), {"decision": "approve"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_out_of_scope_is_not_found(world):
    dossier = submitted_dossier(world.org_other_city)
    response = api_as(world.city_official).post(review_url(dossier), {"decision": "approve"}, format="json")
    assert response.status_code == 404


def test_a_decision_in_the_wrong_state_is_a_conflict_with_a_message(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.IN_ASSESSMENT)
    response = api_as(world.provincial_official).post(review_url(dossier), {"decision": "reject", "comment": "x"})
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"
    assert response.json()["detail"]
    assert not DossierReview.objects.exists()


# Comments


def test_clerks_read_only_the_comments_visible_to_the_enterprise(world):
    dossier = submitted_dossier(world.org)
    DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.INTERNAL, body="内部"
    )
    DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.ENTERPRISE, body="请补充"
    )
    assert [c["body"] for c in api_as(world.clerk).get(comments_url(dossier)).json()] == ["请补充"]
    assert [c["body"] for c in api_as(world.city_official).get(comments_url(dossier)).json()] == ["内部", "请补充"]


def test_a_clerk_posts_a_comment_for_the_enterprise(world):
    dossier = submitted_dossier(world.org)
    response = api_as(world.clerk).post(comments_url(dossier), {"body": "已补充专利证书"}, format="json")
    assert response.status_code == 201
    assert response.json()["visibility"] == "enterprise"
    assert response.json()["revision"] == 1


def test_an_official_must_choose_the_visibility(world):
    dossier = submitted_dossier(world.org)
    client = api_as(world.city_official)
    assert "visibility" in client.post(comments_url(dossier), {"body": "意见"}, format="json").json()
    response = client.post(comments_url(dossier), {"body": "意见", "visibility": "internal"}, format="json")
    assert response.status_code == 201
    assert response.json()["visibility"] == "internal"


def test_an_empty_comment_is_a_field_error(world):
    dossier = submitted_dossier(world.org)
    response = api_as(world.clerk).post(comments_url(dossier), {"body": ""}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_comments_of_another_organisation_are_not_found(world):
    dossier = submitted_dossier(world.org_same_city)
    assert api_as(world.clerk).get(comments_url(dossier)).status_code == 404
    assert api_as(world.clerk).post(comments_url(dossier), {"body": "x"}, format="json").status_code == 404


def test_the_comment_list_keeps_a_constant_number_of_queries(world, django_assert_num_queries):
    dossier = submitted_dossier(world.org)
    client = api_as(world.city_official)

    def add():
        DossierComment.objects.create(
            dossier=dossier, author=world.city_official, visibility=CommentVisibility.INTERNAL, body="意见"
        )

    add()
    with CaptureQueriesContext(connection) as one:
        client.get(comments_url(dossier))
    for _ in range(9):
        add()
    with django_assert_num_queries(len(one)):
        assert len(client.get(comments_url(dossier)).json()) == 10
