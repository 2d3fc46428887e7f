import datetime

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel
from talents.models import Credential, CredentialKind, Honour, Talent
from talents.services import (
    credential_create,
    credential_delete,
    honour_create,
    talent_create,
    talent_reveal_id_number,
    talent_update,
)
from tests.talents.factories import CredentialFactory, TalentFactory, fresh_id_number


@pytest.fixture
def lathe(db):
    return Occupation.objects.get(code="6-18-01-01")


def test_clerk_registers_a_talent_of_their_own_organisation_with_derived_facts(world, lathe):
    number = fresh_id_number(birth_date=datetime.date(1988, 5, 20), male=False)
    talent = talent_create(actor=world.clerk, name=" 李娜 ", id_number=number.lower(), occupation=lathe).talent
    assert (talent.name, talent.employer, talent.gender) == ("李娜", world.org, "female")
    assert talent.birth_date == datetime.date(1988, 5, 20)
    entry = AuditLog.objects.for_object(talent).get()
    assert (entry.actor, entry.action, entry.to_state) == (world.clerk, "create", "registered")


def test_a_number_of_the_own_organisation_is_refused_and_nothing_changes(world, lathe):
    existing = TalentFactory(employer=world.org)
    with pytest.raises(ApplicationError) as error:
        talent_create(actor=world.clerk, name="王五", id_number=existing.id_number, occupation=lathe)
    assert (error.value.field, error.value.code) == ("id_number", "duplicate")
    assert Talent.objects.count() == 1


def test_bad_id_number_names_the_field(world, lathe):
    with pytest.raises(ApplicationError) as error:
        talent_create(actor=world.clerk, name="王五", id_number="110105199002301234", occupation=lathe)
    assert error.value.field == "id_number"
    assert not Talent.objects.exists()


@pytest.mark.parametrize("role", ["city_official", "provincial_official", "national_official", "expert"])
def test_only_clerks_register_talents(world, lathe, role):
    with pytest.raises(PermissionDeniedError):
        talent_create(actor=world.users_by_role()[role], name="王五", id_number=fresh_id_number(), occupation=lathe)


def test_clerk_cannot_edit_another_organisations_talent(world):
    other = TalentFactory(employer=world.org_same_city)
    with pytest.raises(PermissionDeniedError):
        talent_update(actor=world.clerk, talent=other, name="改名")
    other.refresh_from_db()
    assert other.name != "改名"


def test_update_audits_the_changed_fields_only_when_something_changed(world):
    talent = TalentFactory(employer=world.org, years_of_work=3)
    talent_update(actor=world.clerk, talent=talent, years_of_work=3)
    assert not AuditLog.objects.for_object(talent).exists()
    talent_update(actor=world.clerk, talent=talent, years_of_work=4, frontline=False)
    entry = AuditLog.objects.for_object(talent).get()
    assert "years_of_work" in entry.comment and "frontline" in entry.comment


def test_reveal_is_for_officials_and_is_audited(world):
    talent = TalentFactory(employer=world.org)
    with pytest.raises(PermissionDeniedError):
        talent_reveal_id_number(actor=world.clerk, talent=talent)
    assert talent_reveal_id_number(actor=world.city_official, talent=talent, reason="核对") == talent.id_number
    entry = AuditLog.objects.get(action="reveal_id_number")
    assert (entry.actor, entry.comment, entry.object_id) == (world.city_official, "核对", str(talent.pk))


def test_skill_credential_needs_level_and_occupation(world):
    talent = TalentFactory(employer=world.org)
    with pytest.raises(ApplicationError) as error:
        credential_create(
            actor=world.clerk,
            talent=talent,
            kind=CredentialKind.SKILL_LEVEL,
            obtained_on=datetime.date(2020, 1, 1),
            certificate_number="A1",
            issuer="广州市人社局",
        )
    assert set(error.value.as_field_errors()) == {"skill_level", "occupation"}
    assert not Credential.objects.exists()


def test_title_credential_drops_a_stray_skill_level_and_is_audited(world):
    talent = TalentFactory(employer=world.org)
    credential = credential_create(
        actor=world.clerk,
        talent=talent,
        kind=CredentialKind.TITLE,
        title_level=TitleLevel.objects.get(code="intermediate"),
        title_series=world_series(),
        skill_level=SkillLevel.objects.get(code="technician"),
        obtained_on=datetime.date(2021, 1, 1),
        certificate_number="T1",
        issuer="广东省人社厅",
    )
    assert credential.skill_level is None
    assert AuditLog.objects.for_object(credential).filter(action="create").exists()


def world_series():
    from catalogues.models import TitleSeries

    return TitleSeries.objects.get(code="engineering")


def test_future_obtained_date_and_duplicate_certificate_are_refused(world):
    existing = CredentialFactory(talent__employer=world.org)
    common = dict(
        actor=world.clerk,
        talent=existing.talent,
        kind=CredentialKind.SKILL_LEVEL,
        skill_level=existing.skill_level,
        occupation=existing.occupation,
        issuer=existing.issuer,
    )
    with pytest.raises(ApplicationError) as error:
        credential_create(
            **common, obtained_on=datetime.date.today() + datetime.timedelta(days=1), certificate_number="NEW"
        )
    assert error.value.field == "obtained_on"
    with pytest.raises(ApplicationError) as error:
        credential_create(
            **common, obtained_on=datetime.date(2021, 1, 1), certificate_number=existing.certificate_number
        )
    assert error.value.field == "certificate_number"
    assert Credential.objects.count() == 1


def test_credential_delete_is_audited(world):
    credential = CredentialFactory(talent__employer=world.org)
    credential_delete(actor=world.clerk, credential=credential, reason="录入错误")
    assert not Credential.objects.exists()
    assert AuditLog.objects.filter(action="delete", comment="录入错误").exists()


def test_honours_are_entered_by_officials_with_evidence(world):
    talent = TalentFactory(employer=world.org)
    award = Award.objects.get(code="china_skills_award")
    args = dict(talent=talent, award=award, conferred_on=datetime.date(2023, 1, 1), conferring_body="人社部")
    with pytest.raises(PermissionDeniedError):
        honour_create(actor=world.clerk, evidence="文件", **args)
    with pytest.raises(ApplicationError) as error:
        honour_create(actor=world.provincial_official, evidence=" ", **args)
    assert error.value.field == "evidence"
    honour = honour_create(actor=world.provincial_official, evidence="人社部发〔2023〕1号", **args)
    assert honour.entered_by == world.provincial_official
    assert Honour.objects.count() == 1
    assert AuditLog.objects.for_object(honour).filter(to_state="china_skills_award").exists()
