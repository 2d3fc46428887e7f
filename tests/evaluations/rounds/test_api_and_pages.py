"""Rounds and committees through the API and the pages: scoping, R8's 403, creation, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Round
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.factories import CommitteeFactory, ExpertFactory, RoundFactory, add_members

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
PAGE_QUERIES = 6  # constant whatever the number of rounds (methods are prefetched; no COUNT)
COMMITTEE_PAGE_QUERIES = 5  # no COUNT
COMMITTEE_API_QUERIES = 4  # no COUNT


def api_round(**overrides):
    return {
        "kind": "skill_evaluation",
        "title": "2026年车工技师评价",
        "occupation": "6-18-01-01",
        "target_level": "technician",
        "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        "methods": [{"method": "theory_exam"}, {"method": "skill_operation", "pass_mark": 75}],
    } | overrides


def test_api_round_create_and_scoping(world, client_for):
    committee = CommitteeFactory(created_by=world.provincial_official)
    client = client_for(world.provincial_official)
    response = client.post(
        reverse("api:round-list"), api_round(committee=committee.pk), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["region"] == "440000" and body["committee"] == committee.pk
    assert {m["method"]: m["pass_mark"] for m in body["methods"]} == {"theory_exam": 60, "skill_operation": 75}
    assert client_for(world.clerk).get(reverse("api:round-detail", args=[body["id"]])).status_code == 200
    assert (
        client_for(world.provincial_official_other).get(reverse("api:round-detail", args=[body["id"]])).status_code
        == 404
    )


def test_api_round_create_errors(world, client_for):
    client = client_for(world.provincial_official)
    committee = CommitteeFactory().pk
    response = client.post(
        reverse("api:round-list"),
        api_round(target_level="senior", committee=committee),
        content_type="application/json",
    )
    assert response.status_code == 400 and "target_level" in response.json()
    other = CommitteeFactory(region=region("320000"))
    response = client.post(reverse("api:round-list"), api_round(committee=other.pk), content_type="application/json")
    assert response.status_code == 400 and "committee" in response.json()


def test_api_r8_refusal_is_a_clear_403(world, client_for):
    response = client_for(world.clerk).post(reverse("api:round-list"), api_round(), content_type="application/json")
    assert response.status_code == 403 and "R8" in response.json()["detail"]
    enterprise = OrganisationFactory(region=region("440100"), may_self_evaluate=True)
    clerk = UserFactory(role="enterprise_clerk", organisation=enterprise)
    response = client_for(clerk).post(
        reverse("api:round-list"), api_round(committee=CommitteeFactory().pk), content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["organiser_kind"] == "self_evaluating_enterprise"


def test_api_round_list_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.clerk)
    RoundFactory()
    url = reverse("api:round-list")
    client.get(url)  # warm the session and content types
    # session, user, organisation, rounds, methods prefetch, region of the clerk's organisation (no COUNT)
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["results"]) == 1
    for _ in range(9):
        RoundFactory()
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["results"]) == 10


def test_round_list_page_filters_and_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.city_official)
    RoundFactory(title="车工第一批")
    closed = RoundFactory(
        title="已结束", opens_on=TODAY() - datetime.timedelta(days=60), closes_on=TODAY() - datetime.timedelta(days=30)
    )
    RoundFactory(region=region("320000"), title="江苏")
    url = reverse("evaluations:round-list")
    response = client.get(url)
    assert response.status_code == 200
    assert "车工第一批" in response.text and "已结束" in response.text and "江苏" not in response.text
    response = client.get(url, {"state": "closed"})
    assert closed.title in response.text and "车工第一批" not in response.text
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(url)
    for _ in range(10):
        RoundFactory()
    with django_assert_num_queries(PAGE_QUERIES):
        assert len(client.get(url).context["rounds"]) == 12


def test_round_create_page(world, client_for):
    client = client_for(world.provincial_official)
    assert client.get(reverse("evaluations:round-create")).status_code == 200
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "2026年钳工评价",
            "kind": "skill_evaluation",
            "occupation": Round._meta.get_field("occupation").related_model.objects.get(code="6-18-01-01").pk,
            "target_level": "technician",
            "opens_on": TODAY().isoformat(),
            "closes_on": (TODAY() + datetime.timedelta(days=10)).isoformat(),
            "methods": ["theory_exam", "skill_operation"],
            "pass_mark_skill_operation": "80",
            "committee": CommitteeFactory().pk,
        },
    )
    round_ = Round.objects.get(title="2026年钳工评价")
    assert response.status_code == 302 and response.url == reverse("evaluations:round-detail", args=[round_.pk])
    assert dict(round_.methods.values_list("method", "pass_mark")) == {"theory_exam": 60, "skill_operation": 80}
    detail = client.get(response.url)
    assert "2026年钳工评价" in detail.text


def test_round_create_page_tells_a_clerk_about_r8(world, client_for):
    response = client_for(world.clerk).get(reverse("evaluations:round-create"))
    assert response.status_code == 403 and "R8" in response.text
    assert not Round.objects.exists()


def test_committee_pages(world, client_for):
    experts = [ExpertFactory(organisation=world.org_other_city, last_name=f"专家{n}") for n in range(3)]
    client = client_for(world.provincial_official)
    response = client.post(
        reverse("evaluations:committee-create"),
        {
            "name": "广东省机械委员会",
            "members": [e.pk for e in experts],
            "chair": experts[0].pk,
            "quorum_numerator": 2,
            "quorum_denominator": 3,
            "pass_numerator": 2,
            "pass_denominator": 3,
        },
    )
    assert response.status_code == 302
    listing = client.get(reverse("evaluations:committee-list"))
    assert "广东省机械委员会" in listing.text
    committee = listing.context["committees"][0]
    response = client.post(
        reverse("evaluations:committee-edit", args=[committee.pk]),
        {
            "name": "广东省机械委员会",
            "members": [experts[1].pk],
            "chair": experts[0].pk,  # not a member any more
            "quorum_numerator": 2,
            "quorum_denominator": 3,
            "pass_numerator": 2,
            "pass_denominator": 3,
        },
    )
    assert response.status_code == 200 and "chair" in response.context["form"].errors
    other = CommitteeFactory(region=region("320000"))
    assert client.get(reverse("evaluations:committee-edit", args=[other.pk])).status_code == 404


def test_api_committees_scoped(world, client_for):
    mine = CommitteeFactory(created_by=world.provincial_official)
    add_members(mine, [world.expert])
    CommitteeFactory(region=region("320000"))
    assert [
        c["id"] for c in client_for(world.provincial_official).get(reverse("api:committee-list")).json()["results"]
    ] == [mine.pk]
    assert [c["id"] for c in client_for(world.expert).get(reverse("api:committee-list")).json()["results"]] == [mine.pk]
    assert len(client_for(world.clerk).get(reverse("api:committee-list")).json()["results"]) == 0


def test_committee_list_page_and_api_query_counts(world, client_for, django_assert_num_queries):
    client = client_for(world.provincial_official)
    experts = [ExpertFactory(organisation=world.org_other_city) for _ in range(3)]
    add_members(CommitteeFactory(created_by=world.provincial_official), experts)
    page, api = reverse("evaluations:committee-list"), reverse("api:committee-list")
    with django_assert_num_queries(COMMITTEE_PAGE_QUERIES):
        client.get(page)
    with django_assert_num_queries(COMMITTEE_API_QUERIES):
        client.get(api)
    for _ in range(9):
        add_members(CommitteeFactory(created_by=world.provincial_official), experts)
    with django_assert_num_queries(COMMITTEE_PAGE_QUERIES):
        assert len(client.get(page).context["committees"]) == 10
    with django_assert_num_queries(COMMITTEE_API_QUERIES):
        assert len(client.get(api).json()["results"]) == 10


def test_self_evaluating_clerk_creates_a_round_on_the_page(world, client_for):
    enterprise = OrganisationFactory(region=region("440100"), may_self_evaluate=True)
    clerk = UserFactory(role="enterprise_clerk", organisation=enterprise)
    client = client_for(clerk)
    form = client.get(reverse("evaluations:round-create")).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["skill_evaluation"]
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "企业自主评价",
            "kind": "skill_evaluation",
            "occupation": Round._meta.get_field("occupation").related_model.objects.get(code="6-18-01-01").pk,
            "target_level": "senior_worker",
            "opens_on": TODAY().isoformat(),
            "closes_on": TODAY().isoformat(),
            "methods": ["skill_operation"],
            "committee": CommitteeFactory().pk,
        },
    )
    assert response.status_code == 302
    round_ = Round.objects.get(title="企业自主评价")
    assert round_.organiser == enterprise and round_.organiser_kind == "self_evaluating_enterprise"
    assert client_for(world.provincial_official).get(reverse("evaluations:committee-create")).status_code == 200
