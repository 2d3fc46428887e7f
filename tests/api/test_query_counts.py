"""Every list answers in a constant number of queries, whatever the number of rows (docs/conventions.md §10).

The client authenticates with a token, as an API caller does: one query for the token and its user,
one COUNT for the paginator, one SELECT for the page. Lists paginated without COUNT
(accounts.pagination.NoCountPagination, docs/scale.md) skip the COUNT unless asked with ``?count=1``.
"""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.accounts.factories import OrganisationFactory
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory, TitleCredentialFactory

LIST_QUERIES = 2  # token, page: no COUNT (accounts.pagination.NoCountPagination is the default)


def queries(endpoint: str) -> int:
    return LIST_QUERIES


def make_talents(world, n):
    TalentFactory.create_batch(n, employer=world.org)


def make_credentials(world, n):
    for _ in range(n):
        talent = TalentFactory(employer=world.org)
        CredentialFactory(talent=talent)
        TitleCredentialFactory(talent=talent)


def make_honours(world, n):
    HonourFactory.create_batch(n, talent__employer=world.org)


def make_organisations(world, n):
    OrganisationFactory.create_batch(n, region=world.org.region)


LISTS = {
    "talents": make_talents,
    "credentials": make_credentials,
    "honours": make_honours,
    "organisations": make_organisations,
}


@pytest.fixture
def token_client(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.city_official).key}")
    return client


@pytest.mark.parametrize("endpoint", LISTS)
def test_list_query_count_does_not_grow_with_rows(endpoint, world, token_client, django_assert_num_queries):
    LISTS[endpoint](world, 1)
    with django_assert_num_queries(queries(endpoint)):
        one = token_client.get(f"/api/v1/{endpoint}/")
    LISTS[endpoint](world, 9)
    with django_assert_num_queries(queries(endpoint)):
        ten = token_client.get(f"/api/v1/{endpoint}/")
    assert one.status_code == ten.status_code == 200
    assert len(ten.json()["results"]) > len(one.json()["results"])


def test_filtered_talent_list_stays_constant(world, token_client, django_assert_num_queries):
    params = {"region": "440100", "occupation": "6-18-01-01", "skill_level": "technician", "q": "人才"}
    make_credentials(world, 1)
    # Three more: each code filter resolves its code to an entry once.
    with django_assert_num_queries(queries("talents") + 3):
        one = token_client.get("/api/v1/talents/", params)
    make_credentials(world, 9)
    with django_assert_num_queries(queries("talents") + 3):
        ten = token_client.get("/api/v1/talents/", params)
    assert (len(one.json()["results"]), len(ten.json()["results"])) == (1, 10)
    # The exact total on demand: one COUNT more.
    with django_assert_num_queries(queries("talents") + 4):
        assert token_client.get("/api/v1/talents/", {**params, "count": "1"}).json()["count"] == 10


@pytest.mark.parametrize(
    "endpoint", ["regions", "occupations", "skill-levels", "title-levels", "title-series", "awards"]
)
def test_catalogue_lists_are_one_page_query(endpoint, token_client, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        assert token_client.get(f"/api/v1/{endpoint}/").status_code == 200
