"""Every registry endpoint × every user of the world: lists show exactly the objects in scope, and
an object outside scope answers 404, exactly like a missing one (docs/roles.md)."""

import pytest

from tests.api.scope import ORGS, USERS, VISIBLE, ids_of

ENDPOINTS = {
    "talents": "talents",
    "credentials": "credentials",
    "honours": "honours",
    "organisations": "organisations",
}
CASES = [(endpoint, user) for endpoint in ENDPOINTS for user in USERS]


def objects(registry, endpoint) -> dict:
    return getattr(registry, ENDPOINTS[endpoint])


@pytest.mark.parametrize(("endpoint", "user"), CASES, ids=[f"{e}-{u}" for e, u in CASES])
def test_list_shows_exactly_the_objects_in_scope(endpoint, user, world, registry, api_as):
    client = api_as(getattr(world, user))
    listed = ids_of(client.get(f"/api/v1/{endpoint}/"))
    world_ids = {obj.pk for obj in objects(registry, endpoint).values()}
    expected = {objects(registry, endpoint)[key].pk for key in VISIBLE[user]}
    assert listed & world_ids == expected


@pytest.mark.parametrize(("endpoint", "user"), CASES, ids=[f"{e}-{u}" for e, u in CASES])
def test_retrieve_answers_404_outside_scope(endpoint, user, world, registry, api_as):
    client = api_as(getattr(world, user))
    missing = client.get(f"/api/v1/{endpoint}/999999999/")
    assert missing.status_code == 404
    for key in ORGS:
        response = client.get(f"/api/v1/{endpoint}/{objects(registry, endpoint)[key].pk}/")
        if key in VISIBLE[user]:
            assert response.status_code == 200, (key, response.content)
        else:
            assert response.status_code == 404, key
            # Indistinguishable from a row that does not exist.
            assert response.json() == missing.json()


@pytest.mark.parametrize("endpoint", [*ENDPOINTS, "regions", "occupations", "awards"])
def test_anonymous_gets_401_with_a_challenge(endpoint, db, api_as):
    response = api_as(None).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("endpoint", ["talents", "credentials"])
def test_filter_on_an_out_of_scope_talent_gives_an_empty_list(endpoint, world, registry, api_as):
    foreign = registry.talents["other_org"].pk
    response = api_as(world.clerk).get(f"/api/v1/{endpoint}/", {"talent": foreign, "organisation": foreign})
    assert ids_of(response) == set()
