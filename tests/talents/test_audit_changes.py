"""A registry change can be reconstructed from the audit trail (issue 19): each talent and credential
entry keeps the values it set, before and after (a foreign key as its id), never the ID number."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import AuditLog
from catalogues.models import Occupation, SkillLevel
from talents.models import CredentialKind
from talents.services import (
    TALENT_EDITABLE_FIELDS,
    credential_create,
    credential_delete,
    credential_update,
    talent_create,
    talent_update,
)
from tests.talents.factories import fresh_id_number

pytestmark = pytest.mark.django_db


def _occupations():
    return list(Occupation.objects.order_by("code")[:2])


def replay(obj, fields, pk=None) -> list[dict]:
    """Every state of ``fields`` the audit trail knows, oldest first, rebuilt from its changes alone."""
    state, states = {}, []
    entries = AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(pk or obj.pk)
    ).order_by("at", "id")
    for entry in entries:
        for field, (before, after) in entry.changes.items():
            assert state.get(field) == before, f"{entry.action} {field}: the trail has a gap"
            state[field] = after
        states.append({field: state.get(field) for field in fields})
    return states


def test_talent_update_keeps_the_old_and_new_value_of_each_changed_field(world):
    lathe, other = _occupations()
    talent = talent_create(actor=world.clerk, name="李娜", id_number=fresh_id_number(), occupation=lathe).talent
    talent_update(actor=world.clerk, talent=talent, name="李雅", years_of_work=4, occupation=other)
    entry = AuditLog.objects.for_object(talent).get(action="update")
    assert entry.changes == {
        "name": ["李娜", "李雅"],
        "occupation": [lathe.pk, other.pk],
        "years_of_work": [0, 4],
    }


def test_the_talent_record_is_reconstructible_from_its_trail(world):
    lathe, other = _occupations()
    talent = talent_create(
        actor=world.clerk, name="李娜", id_number=fresh_id_number(), occupation=lathe, years_of_work=2
    ).talent
    talent_update(actor=world.clerk, talent=talent, name="李雅", frontline=True)
    talent_update(actor=world.clerk, talent=talent, occupation=other, education="technician_college", frontline=False)
    talent.refresh_from_db()
    states = replay(talent, TALENT_EDITABLE_FIELDS)
    assert len(states) == 3
    assert states[1]["name"] == "李雅" and states[1]["frontline"] is True and states[1]["occupation"] == lathe.pk
    assert states[-1] == {
        "name": talent.name,
        "occupation": talent.occupation_id,
        "frontline": talent.frontline,
        "years_of_work": talent.years_of_work,
        "education": talent.education,
    }


def test_the_id_number_never_enters_the_trail(world):
    number = fresh_id_number()
    talent = talent_create(actor=world.clerk, name="李娜", id_number=number, occupation=_occupations()[0]).talent
    talent_update(actor=world.clerk, talent=talent, name="李雅")
    for entry in AuditLog.objects.for_object(talent):
        assert number not in str(entry.changes) and "id_number" not in entry.changes


def test_a_credential_is_reconstructible_from_its_trail(world):
    lathe = _occupations()[0]
    talent = talent_create(actor=world.clerk, name="李娜", id_number=fresh_id_number(), occupation=lathe).talent
    senior, technician = SkillLevel.objects.order_by("rank")[2:4]
    credential = credential_create(
        actor=world.clerk,
        talent=talent,
        kind=CredentialKind.SKILL_LEVEL,
        skill_level=senior,
        occupation=lathe,
        issuer="广州市职业技能鉴定中心",
        certificate_number="GZ-1",
        obtained_on=datetime.date(2020, 6, 1),
    )
    credential_update(actor=world.clerk, credential=credential, skill_level=technician)
    entry = AuditLog.objects.for_object(credential).get(action="update")
    assert entry.changes == {"skill_level": [senior.pk, technician.pk]}
    pk = credential.pk
    credential_delete(actor=world.clerk, credential=credential, reason="录入错误")
    states = replay(credential, ["skill_level", "certificate_number", "obtained_on"], pk=pk)
    assert states[0] == {"skill_level": senior.pk, "certificate_number": "GZ-1", "obtained_on": "2020-06-01"}
    assert states[1]["skill_level"] == technician.pk
    assert states[2] == {"skill_level": None, "certificate_number": None, "obtained_on": None}  # deleted


def test_the_talent_page_shows_each_change_with_its_old_and_new_value(world, client_for):
    from django.urls import reverse

    talent = talent_create(
        actor=world.clerk, name="李娜", id_number=fresh_id_number(), occupation=_occupations()[0]
    ).talent
    talent_update(actor=world.clerk, talent=talent, name="李雅", years_of_work=7)
    page = client_for(world.city_official).get(reverse("talents:detail", args=[talent.pk])).content.decode()
    trail = page[page.index('id="audit-trail"') :]
    assert "李娜 → 李雅" in trail and "0 → 7" in trail


def test_the_talent_page_shows_labels_and_names_in_the_trail_never_codes_or_ids(world, client_for):
    from django.urls import reverse
    from django.utils import translation

    first, second = _occupations()
    talent = talent_create(actor=world.clerk, name="李娜", id_number=fresh_id_number(), occupation=first).talent
    talent_update(actor=world.clerk, talent=talent, education="master", frontline=True, occupation=second)
    with translation.override("en"):
        client = client_for(world.city_official)
        client.cookies["django_language"] = "en"
        page = client.get(reverse("talents:detail", args=[talent.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        names = (str(first), str(second))
    trail = page[page.index('id="audit-trail"') :]
    assert "→ Master" in trail and "master" not in trail.replace("Master", "")
    assert "No → Yes" in trail
    assert f"{names[0]} → {names[1]}" in trail
    assert f"{first.pk} → {second.pk}" not in trail
