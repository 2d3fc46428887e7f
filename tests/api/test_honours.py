"""Honours: entered by HR officials for talents in their scope, never changed through the API."""

import pytest

from accounts.models import AuditLog
from talents.models import Honour, HonourSource
from tests.api.scope import ids_of
from tests.talents.factories import HonourFactory, TalentFactory

URL = "/api/v1/honours/"


def honour_body(talent, **overrides) -> dict:
    body = {
        "talent": talent.pk,
        "award": "provincial_high_skilled_recognition",
        "conferred_on": "2023-04-28",
        "conferring_body": "广东省人民政府",
        "evidence": "粤府〔2023〕12号",
    }
    return body | overrides


@pytest.fixture
def talent(world):
    return TalentFactory(employer=world.org)


def test_award_shown_and_filtered_by_code(world, api_as):
    honour = HonourFactory(talent__employer=world.org)
    client = api_as(world.city_official)
    row = client.get(URL).json()["results"][0]
    assert (row["award"], row["talent"], row["source"]) == ("national_technical_expert", honour.talent_id, "manual")
    assert ids_of(client.get(URL, {"award": "national_technical_expert"})) == {honour.pk}
    assert ids_of(client.get(URL, {"talent": honour.talent_id})) == {honour.pk}
    assert client.get(URL, {"award": "no_such_award"}).status_code == 400
    assert honour.talent.id_number not in client.get(f"{URL}{honour.pk}/").content.decode()


@pytest.mark.parametrize("user", ["city_official", "provincial_official", "national_official", "admin"])
def test_an_official_enters_an_honour_for_a_talent_in_scope(user, talent, world, api_as):
    actor = getattr(world, user)
    response = api_as(actor).post(URL, honour_body(talent), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["award"] == "provincial_high_skilled_recognition"
    honour = Honour.objects.get(pk=response.json()["id"])
    assert (honour.talent, honour.entered_by, honour.source) == (talent, actor, HonourSource.MANUAL)
    entry = AuditLog.objects.for_object(honour).get()
    assert (entry.action, entry.actor) == ("create", actor)


@pytest.mark.parametrize("user", ["city_official_other_city", "provincial_official_other"])
def test_a_talent_out_of_scope_looks_like_a_missing_one(user, talent, world, api_as):
    client = api_as(getattr(world, user))
    foreign = client.post(URL, honour_body(talent), format="json")
    missing = client.post(URL, honour_body(talent) | {"talent": 999999999}, format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert "talent" in foreign.json()
    assert not Honour.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"evidence": ""}, "evidence"),
        ({"evidence": "   "}, "evidence"),
        ({"award": "no_such_award"}, "award"),
        ({"conferred_on": "2999-01-01"}, "conferred_on"),
    ],
)
def test_invalid_honours_are_field_errors(overrides, field, talent, world, api_as):
    response = api_as(world.city_official).post(URL, honour_body(talent, **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Honour.objects.exists()


def test_the_same_honour_twice_is_a_400(talent, world, api_as):
    client = api_as(world.city_official)
    assert client.post(URL, honour_body(talent), format="json").status_code == 201
    assert client.post(URL, honour_body(talent), format="json").status_code == 400
    assert Honour.objects.count() == 1


@pytest.mark.parametrize("user", ["clerk", "expert"])
def test_clerks_and_experts_may_not_enter_honours(user, talent, world, api_as):
    client = api_as(getattr(world, user))
    assert client.post(URL, honour_body(talent), format="json").status_code == 403
    assert client.post(URL, {}, format="json").status_code == 403
    assert not Honour.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_honours_are_not_changed_through_the_api(method, world, api_as):
    honour = HonourFactory(talent__employer=world.org)
    response = getattr(api_as(world.national_official), method)(f"{URL}{honour.pk}/", {}, format="json")
    assert response.status_code == 405
    assert Honour.objects.filter(pk=honour.pk).exists()
