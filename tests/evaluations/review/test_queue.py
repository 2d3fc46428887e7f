"""The review queue page: scope, filters, search by name or the visible parts of the ID, pagination,
htmx fragments, a constant number of queries, bulk approval with a confirmation (its xlsx export: tests/exports)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eligibility.models import Track
from evaluations.models import DossierStatus
from tests.accounts.factories import region
from tests.evaluations.factories import RoundFactory
from tests.evaluations.review.factories import submitted_dossier
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("evaluations:review-queue")


def listed(response) -> set[int]:
    return {dossier.pk for dossier in response.context["dossiers"]}


def test_each_official_sees_the_dossiers_of_their_scope_and_never_drafts(world, client_for):
    guangzhou = submitted_dossier(world.org)
    shenzhen = submitted_dossier(world.org_other_city)
    nanjing = submitted_dossier(world.org_other_province)
    submitted_dossier(world.org, status=DossierStatus.DRAFT, with_revision=False)
    assert listed(client_for(world.city_official).get(QUEUE)) == {guangzhou.pk}
    assert listed(client_for(world.provincial_official).get(QUEUE)) == {guangzhou.pk, shenzhen.pk}
    assert listed(client_for(world.national_official).get(QUEUE)) == {guangzhou.pk, shenzhen.pk, nanjing.pk}


def test_clerks_and_experts_have_no_queue(world, client_for):
    assert client_for(world.clerk).get(QUEUE).status_code == 403
    assert client_for(world.expert).get(QUEUE).status_code == 403


def test_filters_by_round_track_status_city_and_eligibility(world, client_for):
    round_a, round_b = RoundFactory(), RoundFactory()
    a = submitted_dossier(world.org, round=round_a, eligibility_outcome="eligible")
    b = submitted_dossier(world.org_other_city, round=round_b, track=Track.GREEN_CHANNEL)
    c = submitted_dossier(
        world.org, round=round_b, status=DossierStatus.CITY_APPROVED, eligibility_outcome="needs_review"
    )
    client = client_for(world.provincial_official)
    assert listed(client.get(QUEUE, {"round": round_a.pk})) == {a.pk}
    assert listed(client.get(QUEUE, {"track": "green_channel"})) == {b.pk}
    assert listed(client.get(QUEUE, {"status": "city_approved"})) == {c.pk}
    assert listed(client.get(QUEUE, {"region": region("440300").pk})) == {b.pk}
    assert listed(client.get(QUEUE, {"eligibility": "needs_review"})) == {c.pk}
    # The province's own step: the city-approved one and the green-channel one (no city review).
    assert listed(client.get(QUEUE, {"awaiting": "true"})) == {b.pk, c.pk}
    assert listed(client_for(world.city_official).get(QUEUE, {"awaiting": "true"})) == {a.pk}


def test_a_round_of_another_province_is_no_choice(world, client_for):
    foreign_round = RoundFactory(region=region("320000"))
    response = client_for(world.city_official).get(QUEUE, {"round": foreign_round.pk})
    assert "round" in response.context["filter"].form.errors


def test_search_by_name_or_only_the_visible_parts_of_the_id(world, client_for):
    talent = TalentFactory(employer=world.org, name="李明", id_number="440106198503070011")
    dossier = submitted_dossier(world.org, talent=talent)
    other = submitted_dossier(world.org)
    client = client_for(world.city_official)
    assert listed(client.get(QUEUE, {"q": "李明"})) == {dossier.pk}
    assert dossier.pk in listed(client.get(QUEUE, {"q": "440106"}))
    assert listed(client.get(QUEUE, {"q": "0011"})) == {dossier.pk}
    assert other.pk not in listed(client.get(QUEUE, {"q": "0011"}))
    # The masked middle (the birth date) is never searchable.
    assert listed(client.get(QUEUE, {"q": "19850307"})) == set()


def test_the_queue_shows_masked_id_numbers_only(world, client_for):
    talent = TalentFactory(employer=world.org, id_number="440106198503070011")
    submitted_dossier(world.org, talent=talent)
    body = client_for(world.city_official).get(QUEUE).content.decode()
    assert "440106********0011" in body
    assert "440106198503070011" not in body


def test_pagination(world, client_for, monkeypatch):
    monkeypatch.setattr("evaluations.views.review.PAGE_SIZE", 2)
    for _ in range(3):
        submitted_dossier(world.org)
    client = client_for(world.city_official)
    first, second = client.get(QUEUE), client.get(QUEUE, {"page": 2})
    assert len(first.context["dossiers"]) == 2
    assert len(second.context["dossiers"]) == 1
    assert listed(first).isdisjoint(listed(second))


def test_htmx_filter_requests_get_the_table_only(world, client_for):
    submitted_dossier(world.org)
    response = client_for(world.city_official).get(
        QUEUE, {"status": "submitted"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="review-table"
    )
    names = [t.name for t in response.templates]  # the rows (a cached partial) render first
    assert "evaluations/review/partials/queue_table.html" in names and "evaluations/review/queue.html" not in names
    assert b"<html" not in response.content
    assert "HX-Request" in response["Vary"]


def test_the_queue_keeps_a_constant_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.provincial_official)
    round_ = RoundFactory()
    submitted_dossier(world.org, round=round_)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as one:
        client.get(QUEUE)
    for org in (world.org, world.org_same_city, world.org_other_city) * 3:
        submitted_dossier(org, round=round_)
    with django_assert_num_queries(len(one)):
        response = client.get(QUEUE)
    assert len(response.context["dossiers"]) == 10


# Bulk approval


def test_bulk_approval_asks_for_confirmation_with_the_count(world, client_for):
    mine = [submitted_dossier(world.org) for _ in range(2)]
    submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)  # the province's step, not the city's
    response = client_for(world.city_official).get(reverse("evaluations:review-bulk-approve"))
    assert response.context["count"] == 2
    assert {d.pk for d in response.context["candidates"]} == {d.pk for d in mine}
    assert 'data-count="2"' in response.content.decode()
    for dossier in mine:
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.SUBMITTED  # nothing happens before the confirmation


def test_the_confirmed_bulk_approval_approves_and_reports_skips(world, client_for):
    client = client_for(world.city_official)
    first, second = submitted_dossier(world.org), submitted_dossier(world.org)
    moved_on = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    response = client.post(
        reverse("evaluations:review-bulk-approve"),
        {"confirm": "yes", "dossier": [first.pk, second.pk, moved_on.pk], "query": "status=submitted"},
    )
    assert response.status_code == 302
    assert response.url == QUEUE + "?status=submitted"
    for dossier, status in ((first, "city_approved"), (second, "city_approved"), (moved_on, "city_approved")):
        dossier.refresh_from_db()
        assert dossier.status == status
    texts = [str(m) for m in response.wsgi_request._messages]
    assert len(texts) == 2  # two approved, one skipped with its reason


def test_a_bulk_approval_without_confirmation_approves_nothing(world, client_for):
    dossier = submitted_dossier(world.org)
    client_for(world.city_official).post(reverse("evaluations:review-bulk-approve"), {"dossier": [dossier.pk]})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_the_ministry_reads_the_queue_but_does_not_bulk_approve(world, client_for):
    client = client_for(world.national_official)
    assert client.get(reverse("evaluations:review-bulk-approve")).status_code == 403
    assert client.post(reverse("evaluations:review-bulk-approve"), {"confirm": "yes"}).status_code == 403
