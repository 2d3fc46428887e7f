"""Talents: masked ID numbers everywhere, clerk-only writes through the services, the audited reveal."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditLog
from talents.models import Talent
from tests.api.scope import ids_of
from tests.talents.factories import TalentFactory, fresh_id_number

URL = "/api/v1/talents/"


def create_body(**overrides) -> dict:
    body = {
        "name": "李明",
        "id_number": fresh_id_number(region_code="440106"),
        "occupation": "6-18-01-01",
        "frontline": True,
        "years_of_work": 12,
        "education": "secondary",
    }
    return body | overrides


def with_wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def audit_actions(obj) -> list[str]:
    return list(AuditLog.objects.for_object(obj).values_list("action", flat=True))


# Reading: masked numbers, birth year only


def test_list_and_retrieve_show_only_the_masked_number_and_the_birth_year(world, api_as):
    talent = TalentFactory(employer=world.org)
    client = api_as(world.city_official)
    row = client.get(URL).json()["results"][0]
    detail = client.get(f"{URL}{talent.pk}/")
    assert detail.status_code == 200
    for shown in (row, detail.json()):
        assert shown["id_number_masked"] == f"{talent.id_number[:6]}********{talent.id_number[-4:]}"
        assert shown["birth_year"] == talent.birth_date.year
        assert shown["gender"] == talent.gender
        assert shown["occupation"] == "6-18-01-01"
        assert shown["employer"] == {"id": world.org.pk, "name": world.org.name, "region": "440100"}
        assert "id_number" not in shown and "birth_date" not in shown
    for response in (client.get(URL), detail):
        body = response.content.decode()
        assert talent.id_number not in body
        assert talent.birth_date.isoformat() not in body


def test_filters_take_codes(world, registry, api_as):
    client = api_as(world.national_official)
    assert ids_of(client.get(URL, {"region": "440000"})) == {
        registry.talents[key].pk for key in ("own", "other_org", "other_city")
    }
    assert ids_of(client.get(URL, {"region": "320100"})) == {registry.talents["other_province"].pk}
    assert len(ids_of(client.get(URL, {"occupation": "6-18-01-01"}))) == 4
    assert ids_of(client.get(URL, {"skill_level": "technician", "organisation": world.org.pk})) == {
        registry.talents["own"].pk
    }
    assert ids_of(client.get(URL, {"award": "china_skills_award"})) == set()
    assert client.get(URL, {"occupation": "no-such-code"}).status_code == 400


def test_search_matches_only_the_visible_parts_of_an_id_number(world, api_as):
    talent = TalentFactory(employer=world.org, name="王芳")
    client = api_as(world.clerk)
    assert ids_of(client.get(URL, {"q": talent.id_number[:6]})) == {talent.pk}
    assert ids_of(client.get(URL, {"q": talent.id_number[-4:]})) == {talent.pk}
    assert ids_of(client.get(URL, {"q": "王芳"})) == {talent.pk}
    # A longer fragment would let a caller confirm the hidden digits one at a time.
    assert ids_of(client.get(URL, {"q": talent.id_number[:7]})) == set()
    assert ids_of(client.get(URL, {"q": talent.id_number[-5:]})) == set()
    assert ids_of(client.get(URL, {"q": talent.id_number})) == set()


def test_ordering_by_hidden_fields_is_ignored(world, api_as):
    TalentFactory.create_batch(2, employer=world.org)
    client = api_as(world.clerk)
    for field in ("id_number", "birth_date", "id_number_masked"):
        response = client.get(URL, {"ordering": field})
        assert response.status_code == 200, field


# Registering


def test_clerk_registers_a_talent_of_their_organisation(world, api_as):
    body = create_body()
    response = api_as(world.clerk).post(URL, body, format="json")
    assert response.status_code == 202, response.content
    talent = Talent.objects.get()
    assert talent.employer == world.org
    assert talent.id_number == body["id_number"]
    assert response.json()["id_number_masked"] == talent.masked_id_number
    assert body["id_number"] not in response.content.decode()
    assert audit_actions(talent) == ["create"]
    assert AuditLog.objects.get(action="create").actor == world.clerk


def test_lower_case_x_is_normalised(world, api_as):
    number = next(n for n in (fresh_id_number() for _ in range(200)) if n.endswith("X"))
    response = api_as(world.clerk).post(URL, create_body(id_number=number.lower()), format="json")
    assert response.status_code == 202, response.content
    assert Talent.objects.get().id_number == number


@pytest.mark.parametrize(
    "bad_number",
    [
        pytest.param(lambda: with_wrong_check_digit(fresh_id_number()), id="check-digit"),
        pytest.param(lambda: fresh_id_number()[:17], id="too-short"),
        pytest.param(lambda: "44010619851340" + fresh_id_number()[14:], id="no-such-date"),
        pytest.param(lambda: "", id="blank"),
    ],
)
def test_a_bad_id_number_is_a_field_error_and_nothing_is_saved(bad_number, world, api_as):
    number = bad_number()
    response = api_as(world.clerk).post(URL, create_body(id_number=number), format="json")
    assert response.status_code == 400
    assert response.json()["id_number"]
    assert not Talent.objects.exists()
    assert not AuditLog.objects.exists()


def test_a_number_of_the_own_organisation_cannot_be_registered_again(world, api_as):
    existing = TalentFactory(employer=world.org)
    response = api_as(world.clerk).post(URL, create_body(id_number=existing.id_number), format="json")
    assert response.status_code == 400
    assert response.json()["id_number"]
    assert existing.id_number not in response.content.decode()
    assert Talent.objects.count() == 1


def test_other_field_errors_are_reported_by_field(world, api_as):
    response = api_as(world.clerk).post(
        URL, create_body(name="", occupation="0-00-00-00", education="phd"), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "occupation", "education"}
    assert not Talent.objects.exists()


def test_a_clerk_cannot_choose_another_employer(world, api_as):
    response = api_as(world.clerk).post(URL, create_body(employer=world.org_same_city.pk), format="json")
    assert response.status_code == 400
    assert "employer" in response.json()
    assert not Talent.objects.exists()


@pytest.mark.parametrize("user", ["city_official", "provincial_official", "national_official", "expert", "admin"])
def test_only_clerks_register_talents_refused_before_validation(user, world, api_as):
    client = api_as(getattr(world, user))
    assert client.post(URL, create_body(), format="json").status_code == 403
    # Even an invalid body is refused for the role first.
    assert client.post(URL, {}, format="json").status_code == 403
    assert not Talent.objects.exists()


# Changing


def test_clerk_updates_their_talent_through_the_service(world, api_as):
    talent = TalentFactory(employer=world.org, years_of_work=3)
    response = api_as(world.clerk).patch(f"{URL}{talent.pk}/", {"years_of_work": 4}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["years_of_work"] == 4
    assert talent.id_number not in response.content.decode()
    talent.refresh_from_db()
    assert talent.years_of_work == 4
    assert audit_actions(talent) == ["update"]


def test_put_needs_the_whole_record(world, api_as):
    talent = TalentFactory(employer=world.org)
    client = api_as(world.clerk)
    assert client.put(f"{URL}{talent.pk}/", {"years_of_work": 4}, format="json").status_code == 400
    full = {"name": "新名字", "occupation": "6-18-01-01", "frontline": False, "years_of_work": 1, "education": ""}
    response = client.put(f"{URL}{talent.pk}/", full, format="json")
    assert response.status_code == 200, response.content
    talent.refresh_from_db()
    assert (talent.name, talent.frontline, talent.education) == ("新名字", False, "")


@pytest.mark.parametrize("field", ["id_number", "employer"])
def test_identity_fields_cannot_be_changed(field, world, api_as):
    talent = TalentFactory(employer=world.org)
    value = fresh_id_number() if field == "id_number" else world.org_same_city.pk
    response = api_as(world.clerk).patch(f"{URL}{talent.pk}/", {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    before = talent.id_number, talent.employer_id
    talent.refresh_from_db()
    assert (talent.id_number, talent.employer_id) == before


def test_a_clerk_of_another_organisation_gets_404(world, api_as):
    talent = TalentFactory(employer=world.org, years_of_work=3)
    response = api_as(world.clerk_other_org).patch(f"{URL}{talent.pk}/", {"years_of_work": 9}, format="json")
    assert response.status_code == 404
    talent.refresh_from_db()
    assert talent.years_of_work == 3


@pytest.mark.parametrize("user", ["city_official", "provincial_official", "national_official", "expert"])
def test_other_roles_may_not_change_talents(user, world, api_as):
    talent = TalentFactory(employer=world.org, years_of_work=3)
    client = api_as(getattr(world, user))
    assert client.patch(f"{URL}{talent.pk}/", {"years_of_work": 9}, format="json").status_code == 403
    assert client.put(f"{URL}{talent.pk}/", {}, format="json").status_code == 403
    talent.refresh_from_db()
    assert talent.years_of_work == 3


@pytest.mark.parametrize("user", ["clerk", "national_official", "admin"])
def test_talents_cannot_be_deleted(user, world, api_as):
    talent = TalentFactory(employer=world.org)
    assert api_as(getattr(world, user)).delete(f"{URL}{talent.pk}/").status_code == 405
    assert api_as(None).delete(f"{URL}{talent.pk}/").status_code == 401
    assert Talent.objects.filter(pk=talent.pk).exists()


# Revealing the full number


PASSWORD = "correct-horse-battery"  # tests.accounts.factories.UserFactory's


def reveal(client, talent, **body):
    return client.post(f"{URL}{talent.pk}/reveal-id/", {"confirmation": PASSWORD} | body, format="json")


@pytest.mark.parametrize("user", ["city_official", "provincial_official", "national_official", "admin"])
def test_an_official_with_scope_reveals_the_number_and_it_is_audited(user, world, api_as):
    talent = TalentFactory(employer=world.org)
    actor = getattr(world, user)
    response = reveal(api_as(actor), talent, reason="核对申报材料")
    assert response.status_code == 200
    assert response.json() == {"id_number": talent.id_number}
    assert "no-store" in response.headers["Cache-Control"]
    entry = AuditLog.objects.for_object(talent).get()
    assert (entry.action, entry.actor, entry.comment) == ("reveal_id_number", actor, "核对申报材料")


def test_the_reason_is_optional(world, api_as):
    talent = TalentFactory(employer=world.org)
    assert reveal(api_as(world.city_official), talent).status_code == 200
    assert audit_actions(talent) == ["reveal_id_number"]


@pytest.mark.parametrize("confirmation", [None, "", "wrong-password", "123456"])
def test_every_api_reveal_asks_for_a_fresh_password_or_code(confirmation, world, api_as):
    talent = TalentFactory(employer=world.org)
    body = {"reason": "核对"} if confirmation is None else {"reason": "核对", "confirmation": confirmation}
    response = api_as(world.city_official).post(f"{URL}{talent.pk}/reveal-id/", body, format="json")
    assert response.status_code == 400
    assert response.json()["confirmation"]
    assert talent.id_number not in response.content.decode()
    assert not AuditLog.objects.exists()


def test_a_current_one_time_code_confirms_an_api_reveal(world, api_as):
    device = TOTPDevice.objects.create(user=world.city_official, name="phone", confirmed=True)
    talent = TalentFactory(employer=world.org)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    response = reveal(api_as(world.city_official), talent, confirmation=code)
    assert response.status_code == 200
    assert response.json() == {"id_number": talent.id_number}
    # The same code does not confirm a second reveal (django-otp refuses a used code).
    assert reveal(api_as(world.city_official), talent, confirmation=code).status_code == 400
    assert audit_actions(talent) == ["reveal_id_number"]


@pytest.mark.parametrize(
    ("user", "status"),
    [("city_official_other_city", 404), ("provincial_official_other", 404), ("clerk", 403), ("expert", 403)],
)
def test_no_reveal_outside_scope_or_role(user, status, world, api_as):
    talent = TalentFactory(employer=world.org)
    response = reveal(api_as(getattr(world, user)), talent)
    assert response.status_code == status
    assert talent.id_number not in response.content.decode()
    assert not AuditLog.objects.exists()


def test_anonymous_reveal_is_401(world, api_as):
    talent = TalentFactory(employer=world.org)
    assert reveal(api_as(None), talent).status_code == 401
    assert not AuditLog.objects.exists()


def test_a_retired_occupation_is_refused_for_new_records_but_still_listed(world, api_as):
    from catalogues.models import Occupation

    Occupation.objects.filter(code="6-18-01-01").update(is_active=False)
    response = api_as(world.clerk).post(URL, create_body(occupation="6-18-01-01"), format="json")
    assert response.status_code == 400
    assert "occupation" in response.json()
    assert not Talent.objects.exists()
    listed = api_as(world.clerk).get("/api/v1/occupations/", {"search": "6-18-01-01"}).json()["results"]
    assert [row["code"] for row in listed] == ["6-18-01-01"]
