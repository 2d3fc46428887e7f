"""Credentials: catalogue codes in and out, written only by the clerk of the talent's employer."""

import pytest

from accounts.models import AuditLog
from talents.models import Credential, CredentialKind
from tests.api.scope import ids_of
from tests.talents.factories import CredentialFactory, TalentFactory, TitleCredentialFactory

URL = "/api/v1/credentials/"


def skill_body(talent, **overrides) -> dict:
    body = {
        "talent": talent.pk,
        "kind": "skill_level",
        "skill_level": "senior_technician",
        "occupation": "6-18-01-01",
        "obtained_on": "2021-05-10",
        "certificate_number": "GD2021000123",
        "issuer": "广东省职业技能鉴定指导中心",
    }
    return body | overrides


def title_body(talent, **overrides) -> dict:
    body = {
        "talent": talent.pk,
        "kind": "title",
        "title_level": "deputy_senior",
        "title_series": "engineering",
        "obtained_on": "2019-12-01",
        "certificate_number": "GCZ-2019-88",
        "issuer": "广东省人力资源和社会保障厅",
    }
    return body | overrides


@pytest.fixture
def talent(world):
    return TalentFactory(employer=world.org)


def test_codes_are_shown(world, api_as):
    skill = CredentialFactory(talent__employer=world.org)
    title = TitleCredentialFactory(talent=skill.talent)
    client = api_as(world.clerk)
    rows = {row["id"]: row for row in client.get(URL).json()["results"]}
    assert (rows[skill.pk]["skill_level"], rows[skill.pk]["title_level"], rows[skill.pk]["occupation"]) == (
        "technician",
        None,
        "6-18-01-01",
    )
    assert (rows[title.pk]["title_level"], rows[title.pk]["title_series"]) == ("intermediate", "engineering")
    assert rows[title.pk]["talent"] == skill.talent_id
    assert skill.talent.id_number not in client.get(URL).content.decode()


def test_filters_take_codes(world, api_as):
    skill = CredentialFactory(talent__employer=world.org)
    title = TitleCredentialFactory(talent=skill.talent)
    client = api_as(world.clerk)
    assert ids_of(client.get(URL, {"skill_level": "technician"})) == {skill.pk}
    assert ids_of(client.get(URL, {"title_series": "engineering"})) == {title.pk}
    assert ids_of(client.get(URL, {"kind": "title"})) == {title.pk}
    assert ids_of(client.get(URL, {"talent": skill.talent_id})) == {skill.pk, title.pk}
    assert ids_of(client.get(URL, {"search": skill.certificate_number})) == {skill.pk}


@pytest.mark.parametrize("make_body", [skill_body, title_body])
def test_clerk_records_a_credential(make_body, talent, world, api_as):
    body = make_body(talent)
    response = api_as(world.clerk).post(URL, body, format="json")
    assert response.status_code == 201, response.content
    shown = response.json()
    for field in ("kind", "skill_level", "title_level", "title_series", "occupation", "certificate_number"):
        if field in body:
            assert shown[field] == body[field]
    credential = Credential.objects.get(pk=shown["id"])
    assert credential.talent == talent
    assert list(AuditLog.objects.for_object(credential).values_list("action", flat=True)) == ["create"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(lambda t: skill_body(t, title_level="intermediate"), "title_level", id="skill-with-title-level"),
        pytest.param(lambda t: title_body(t, skill_level="technician"), "skill_level", id="title-with-skill-level"),
        pytest.param(
            lambda t: skill_body(t, kind="graduation", speciality="数控技术"), "skill_level", id="graduation-with-level"
        ),
        pytest.param(lambda t: skill_body(t, skill_level=None), "skill_level", id="skill-without-level"),
        pytest.param(lambda t: title_body(t, title_level=None), "title_level", id="title-without-level"),
        pytest.param(lambda t: title_body(t, title_series=None), "title_series", id="title-without-series"),
        pytest.param(lambda t: skill_body(t, skill_level="deputy_senior"), "skill_level", id="title-code-as-skill"),
        pytest.param(lambda t: skill_body(t, obtained_on="2999-01-01"), "obtained_on", id="future-date"),
        pytest.param(lambda t: skill_body(t, kind="diploma"), "kind", id="unknown-kind"),
    ],
)
def test_a_wrong_kind_and_level_combination_is_a_400(body, field, talent, world, api_as):
    response = api_as(world.clerk).post(URL, body(talent), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Credential.objects.exists()


def test_a_duplicate_certificate_is_a_400(talent, world, api_as):
    client = api_as(world.clerk)
    assert client.post(URL, skill_body(talent), format="json").status_code == 201
    response = client.post(URL, skill_body(talent), format="json")
    assert response.status_code == 400
    assert "certificate_number" in response.json()


def test_a_talent_out_of_scope_looks_like_a_missing_one(talent, world, api_as):
    client = api_as(world.clerk_other_org)
    foreign = client.post(URL, skill_body(talent), format="json")
    missing = client.post(URL, skill_body(talent) | {"talent": 999999999}, format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert "talent" in foreign.json()
    assert not Credential.objects.exists()


@pytest.mark.parametrize("user", ["city_official", "provincial_official", "national_official", "expert", "admin"])
def test_only_the_employer_clerk_records_credentials(user, talent, world, api_as):
    client = api_as(getattr(world, user))
    assert client.post(URL, skill_body(talent), format="json").status_code == 403
    assert client.post(URL, {}, format="json").status_code == 403
    assert not Credential.objects.exists()


def test_clerk_changes_a_credential(world, api_as):
    credential = CredentialFactory(talent__employer=world.org)
    response = api_as(world.clerk).patch(f"{URL}{credential.pk}/", {"skill_level": "senior_technician"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["skill_level"] == "senior_technician"
    credential.refresh_from_db()
    assert credential.skill_level.code == "senior_technician"
    assert AuditLog.objects.for_object(credential).get().action == "update"


def test_changing_the_kind_needs_the_matching_level(world, api_as):
    credential = CredentialFactory(talent__employer=world.org)
    client = api_as(world.clerk)
    assert client.patch(f"{URL}{credential.pk}/", {"title_level": "senior"}, format="json").status_code == 400
    response = client.patch(f"{URL}{credential.pk}/", {"kind": "title"}, format="json")
    assert response.status_code == 400
    assert "title_level" in response.json()
    response = client.patch(
        f"{URL}{credential.pk}/",
        {"kind": "title", "title_level": "senior", "title_series": "engineering"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["skill_level"], response.json()["title_level"]) == (None, "senior")
    credential.refresh_from_db()
    assert (credential.kind, credential.skill_level) == (CredentialKind.TITLE, None)


def test_the_talent_of_a_credential_cannot_be_changed(world, api_as):
    credential = CredentialFactory(talent__employer=world.org)
    other = TalentFactory(employer=world.org)
    response = api_as(world.clerk).patch(f"{URL}{credential.pk}/", {"talent": other.pk}, format="json")
    assert response.status_code == 400
    assert "talent" in response.json()


def test_clerk_deletes_a_credential_with_a_reason(world, api_as):
    credential = CredentialFactory(talent__employer=world.org)
    pk = credential.pk
    response = api_as(world.clerk).delete(f"{URL}{pk}/?reason=录入错误")
    assert response.status_code == 204
    assert not Credential.objects.filter(pk=pk).exists()
    entry = AuditLog.objects.get(action="delete")
    assert (entry.object_id, entry.comment) == (str(pk), "录入错误")


def test_another_clerk_gets_404_and_officials_403(world, api_as):
    credential = CredentialFactory(talent__employer=world.org)
    url = f"{URL}{credential.pk}/"
    other_clerk = api_as(world.clerk_other_org)
    assert other_clerk.patch(url, {"issuer": "x"}, format="json").status_code == 404
    assert other_clerk.delete(url).status_code == 404
    official = api_as(world.city_official)
    assert official.patch(url, {"issuer": "x"}, format="json").status_code == 403
    assert official.delete(url).status_code == 403
    assert Credential.objects.filter(pk=credential.pk, issuer=credential.issuer).exists()
    assert not AuditLog.objects.exists()
