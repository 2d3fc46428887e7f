"""Registry forms: registration and changes by the employer's clerk, credentials, honours entered by officials."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AuditLog
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from talents.models import Credential, CredentialKind, Honour, Talent
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory, fresh_id_number

NOT_CLERKS = ["city_official", "provincial_official", "national_official", "expert", "admin"]
NOT_OFFICIALS = ["enterprise_clerk", "expert"]
OFFICIALS = ["city_official", "provincial_official", "national_official", "admin"]
OUT_OF_SCOPE_OFFICIALS = ["city_official_other_city", "provincial_official_other"]


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(client_for, world, role):
    return client_for(world.users_by_role()[role])


@pytest.fixture
def lathe(db):
    return Occupation.objects.get(code="6-18-01-01")


def talent_data(occupation, **overrides) -> dict:
    return {
        "name": "李娜",
        "id_number": fresh_id_number(birth_date=datetime.date(1990, 4, 12), male=False),
        "occupation": occupation.pk,
        "frontline": "on",
        "years_of_work": 8,
        "education": "bachelor",
    } | overrides


def skill_credential_data(**overrides) -> dict:
    return {
        "kind": CredentialKind.SKILL_LEVEL,
        "skill_level": SkillLevel.objects.get(code="senior_worker").pk,
        "occupation": Occupation.objects.get(code="6-18-01-01").pk,
        "obtained_on": "2019-07-01",
        "certificate_number": "S0000001234",
        "issuer": "广东省职业技能鉴定指导中心",
    } | overrides


# Registration


def test_clerk_opens_the_registration_form_with_inline_id_check(client_for, world):
    response = client_for(world.clerk).get(reverse("talents:create"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'hx-post="{reverse("talents:validate-id")}"' in page
    assert 'id="id-number-feedback"' in page


@pytest.mark.parametrize("role", NOT_CLERKS)
def test_only_clerks_register(client_for, world, lathe, role):
    client = as_user(client_for, world, role)
    assert client.get(reverse("talents:create")).status_code == 403
    assert client.post(reverse("talents:create"), talent_data(lathe)).status_code == 403
    assert not Talent.objects.exists()


def test_clerk_registers_a_talent_with_an_audit_entry(client_for, world, lathe):
    data = talent_data(lathe)
    response = client_for(world.clerk).post(reverse("talents:create"), data)
    talent = Talent.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("talents:list")
    assert (talent.name, talent.id_number, talent.employer) == ("李娜", data["id_number"], world.org)
    assert talent.gender == "female"
    assert (talent.frontline, talent.years_of_work, talent.education) == (True, 8, "bachelor")
    entry = AuditLog.objects.for_object(talent).get()
    assert (entry.action, entry.actor) == ("create", world.clerk)


def test_bad_check_digit_is_a_form_error_and_nothing_is_saved(client_for, world, lathe):
    good = fresh_id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = client_for(world.clerk).post(reverse("talents:create"), talent_data(lathe, id_number=bad))
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    assert 'class="errorlist' in response.content.decode()
    assert not Talent.objects.exists()
    assert not AuditLog.objects.exists()


def test_a_number_of_the_own_organisation_lands_on_the_field(client_for, world, lathe):
    existing = TalentFactory(employer=world.org)
    response = client_for(world.clerk).post(reverse("talents:create"), talent_data(lathe, id_number=existing.id_number))
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    assert Talent.objects.count() == 1


def test_missing_fields_are_reported_next_to_them(client_for, world):
    response = client_for(world.clerk).post(reverse("talents:create"), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "id_number", "occupation"}
    assert not Talent.objects.exists()


# Inline ID number check


def test_inline_check_reports_the_reason(client_for, world):
    client = in_english(client_for(world.clerk))
    good = fresh_id_number(birth_date=datetime.date(1985, 3, 7))
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    wrong = client.post(reverse("talents:validate-id"), {"id_number": bad}).content.decode()
    assert 'data-valid="false"' in wrong and "check digit" in wrong
    right = client.post(reverse("talents:validate-id"), {"id_number": good}).content.decode()
    assert 'data-valid="true"' in right and "1985-03-07" in right
    assert client.post(reverse("talents:validate-id"), {"id_number": ""}).content.decode().strip() == ""


@pytest.mark.parametrize("role", NOT_CLERKS)
def test_inline_check_is_for_clerks(client_for, world, role):
    response = as_user(client_for, world, role).post(reverse("talents:validate-id"), {"id_number": fresh_id_number()})
    assert response.status_code == 403


# Changes


def test_clerk_edits_the_record_without_the_id_number(client_for, world, lathe):
    talent = TalentFactory(employer=world.org, name="旧名", frontline=True)
    client = client_for(world.clerk)
    form = client.get(reverse("talents:edit", args=[talent.pk]))
    assert form.status_code == 200
    assert "id_number" not in form.context["form"].fields
    assert talent.id_number not in form.content.decode()
    data = talent_data(lathe, name="新名", id_number=fresh_id_number())
    del data["frontline"]
    response = client.post(reverse("talents:edit", args=[talent.pk]), data)
    assert response.status_code == 302
    before = talent.id_number
    talent.refresh_from_db()
    assert (talent.name, talent.frontline, talent.education, talent.id_number) == ("新名", False, "bachelor", before)
    entry = AuditLog.objects.for_object(talent).get()
    assert (entry.action, entry.actor) == ("update", world.clerk)
    assert "name" in entry.comment


def test_saving_an_unchanged_form_writes_no_audit_entry(client_for, world, lathe):
    talent = TalentFactory(employer=world.org, occupation=lathe, name="张三", years_of_work=10, education="secondary")
    data = {"name": "张三", "occupation": lathe.pk, "frontline": "on", "years_of_work": 10, "education": "secondary"}
    assert client_for(world.clerk).post(reverse("talents:edit", args=[talent.pk]), data).status_code == 302
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("role", NOT_CLERKS)
def test_only_the_employer_clerk_edits(client_for, world, lathe, role):
    talent = TalentFactory(employer=world.org, name="原名")
    client = as_user(client_for, world, role)
    assert client.get(reverse("talents:edit", args=[talent.pk])).status_code == 403
    assert client.post(reverse("talents:edit", args=[talent.pk]), talent_data(lathe)).status_code == 403
    talent.refresh_from_db()
    assert talent.name == "原名"


def test_another_organisations_clerk_does_not_find_the_talent(client_for, world, lathe):
    talent = TalentFactory(employer=world.org)
    client = client_for(world.clerk_other_org)
    assert client.get(reverse("talents:edit", args=[talent.pk])).status_code == 404
    assert client.post(reverse("talents:edit", args=[talent.pk]), talent_data(lathe)).status_code == 404


# Credentials


def test_clerk_records_a_skill_level_credential(client_for, world):
    talent = TalentFactory(employer=world.org)
    client = client_for(world.clerk)
    assert client.get(reverse("talents:credential-create", args=[talent.pk])).status_code == 200
    response = client.post(reverse("talents:credential-create", args=[talent.pk]), skill_credential_data())
    assert response.status_code == 302
    credential = Credential.objects.get()
    assert (credential.talent, credential.skill_level.code) == (talent, "senior_worker")
    assert AuditLog.objects.for_object(credential).get().action == "create"


def test_a_skill_level_certificate_without_its_level_is_refused_on_the_field(client_for, world):
    talent = TalentFactory(employer=world.org)
    response = client_for(world.clerk).post(
        reverse("talents:credential-create", args=[talent.pk]), skill_credential_data(skill_level="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["skill_level"]
    assert not Credential.objects.exists()


def test_a_title_drops_a_skill_level_left_in_the_hidden_field(client_for, world):
    talent = TalentFactory(employer=world.org)
    data = skill_credential_data(
        kind=CredentialKind.TITLE,
        title_level=TitleLevel.objects.get(code="intermediate").pk,
        title_series=TitleSeries.objects.get(code="engineering").pk,
    )
    response = client_for(world.clerk).post(reverse("talents:credential-create", args=[talent.pk]), data)
    assert response.status_code == 302
    credential = Credential.objects.get()
    assert (credential.kind, credential.skill_level, credential.occupation) == (CredentialKind.TITLE, None, None)
    assert credential.title_level.code == "intermediate"


def test_a_title_needs_its_series(client_for, world):
    talent = TalentFactory(employer=world.org)
    data = skill_credential_data(kind=CredentialKind.TITLE, title_level=TitleLevel.objects.get(code="junior").pk)
    response = client_for(world.clerk).post(reverse("talents:credential-create", args=[talent.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["title_series"]


def test_credential_form_marks_the_kind_dependent_fields(client_for, world):
    talent = TalentFactory(employer=world.org)
    page = client_for(world.clerk).get(reverse("talents:credential-create", args=[talent.pk])).content.decode()
    assert 'data-credential-kinds="skill_level"' in page
    assert 'data-credential-kinds="title"' in page


def test_clerk_edits_a_credential(client_for, world):
    credential = CredentialFactory(talent=TalentFactory(employer=world.org))
    url = reverse("talents:credential-edit", args=[credential.talent_id, credential.pk])
    client = client_for(world.clerk)
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["certificate_number"] == credential.certificate_number
    data = skill_credential_data(certificate_number="S-NEW-1")
    assert client.post(url, data).status_code == 302
    credential.refresh_from_db()
    assert credential.certificate_number == "S-NEW-1"
    assert AuditLog.objects.for_object(credential).get().action == "update"


def test_a_credential_is_reached_only_through_its_own_talent(client_for, world):
    mine = TalentFactory(employer=world.org)
    other = CredentialFactory(talent=TalentFactory(employer=world.org))
    url = reverse("talents:credential-edit", args=[mine.pk, other.pk])
    assert client_for(world.clerk).get(url).status_code == 404


def test_clerk_deletes_a_credential_with_a_reason(client_for, world):
    credential = CredentialFactory(talent=TalentFactory(employer=world.org))
    url = reverse("talents:credential-delete", args=[credential.talent_id, credential.pk])
    client = client_for(world.clerk)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert credential.certificate_number in confirm.content.decode()
    refused = client.post(url, {})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    assert Credential.objects.filter(pk=credential.pk).exists()
    assert client.post(url, {"reason": "证书录入错误"}).status_code == 302
    assert not Credential.objects.filter(pk=credential.pk).exists()
    entry = AuditLog.objects.get(action="delete")
    assert (entry.object_id, entry.comment) == (str(credential.pk), "证书录入错误")


@pytest.mark.parametrize("name", ["credential-create", "credential-edit", "credential-delete"])
@pytest.mark.parametrize("role", NOT_CLERKS)
def test_only_the_employer_clerk_changes_credentials(client_for, world, role, name):
    credential = CredentialFactory(talent=TalentFactory(employer=world.org))
    args = [credential.talent_id] if name == "credential-create" else [credential.talent_id, credential.pk]
    client = as_user(client_for, world, role)
    assert client.get(reverse(f"talents:{name}", args=args)).status_code == 403
    assert client.post(reverse(f"talents:{name}", args=args), {"reason": "x"}).status_code == 403
    assert Credential.objects.filter(pk=credential.pk).exists()


@pytest.mark.parametrize("name", ["credential-create", "credential-edit", "credential-delete"])
def test_another_organisations_clerk_does_not_find_the_credentials(client_for, world, name):
    credential = CredentialFactory(talent=TalentFactory(employer=world.org))
    args = [credential.talent_id] if name == "credential-create" else [credential.talent_id, credential.pk]
    client = client_for(world.clerk_other_org)
    assert client.get(reverse(f"talents:{name}", args=args)).status_code == 404
    assert client.post(reverse(f"talents:{name}", args=args), {"reason": "x"}).status_code == 404


# Honours


def honour_data(**overrides) -> dict:
    return {
        "award": Award.objects.get(code="provincial_high_skilled_recognition").pk,
        "conferred_on": "2023-05-01",
        "conferring_body": "广东省人民政府",
        "evidence": "粤府〔2023〕12号",
    } | overrides


@pytest.mark.parametrize("role", OFFICIALS)
def test_officials_enter_honours_with_evidence(client_for, world, role):
    talent = TalentFactory(employer=world.org)
    client = as_user(client_for, world, role)
    assert client.get(reverse("talents:honour-create", args=[talent.pk])).status_code == 200
    response = client.post(reverse("talents:honour-create", args=[talent.pk]), honour_data())
    assert response.status_code == 302
    honour = Honour.objects.get()
    assert (honour.talent, honour.entered_by, honour.award.code) == (
        talent,
        world.users_by_role()[role],
        "provincial_high_skilled_recognition",
    )
    assert AuditLog.objects.for_object(honour).get().action == "create"


def test_an_honour_without_evidence_is_refused(client_for, world):
    talent = TalentFactory(employer=world.org)
    response = client_for(world.city_official).post(
        reverse("talents:honour-create", args=[talent.pk]), honour_data(evidence="  ")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert not Honour.objects.exists()


def test_a_duplicate_honour_is_refused_on_the_award(client_for, world):
    honour = HonourFactory(talent=TalentFactory(employer=world.org))
    data = honour_data(award=honour.award.pk, conferred_on=honour.conferred_on.isoformat())
    response = client_for(world.city_official).post(reverse("talents:honour-create", args=[honour.talent_id]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["award"]
    assert Honour.objects.count() == 1


@pytest.mark.parametrize("role", NOT_OFFICIALS)
def test_clerks_and_experts_do_not_enter_honours(client_for, world, role):
    talent = TalentFactory(employer=world.org)
    client = as_user(client_for, world, role)
    assert client.get(reverse("talents:honour-create", args=[talent.pk])).status_code == 403
    assert client.post(reverse("talents:honour-create", args=[talent.pk]), honour_data()).status_code == 403
    assert not Honour.objects.exists()


@pytest.mark.parametrize("user", OUT_OF_SCOPE_OFFICIALS)
def test_officials_do_not_find_talents_out_of_scope(client_for, world, user):
    talent = TalentFactory(employer=world.org)
    client = client_for(getattr(world, user))
    assert client.get(reverse("talents:honour-create", args=[talent.pk])).status_code == 404
    assert client.post(reverse("talents:honour-create", args=[talent.pk]), honour_data()).status_code == 404
    assert not Honour.objects.exists()
