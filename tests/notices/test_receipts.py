"""Objection receipts (a random number the objector quotes), the notice's authority and contact, and
the owner's hook told of every resolution (docs/notices.md)."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from notices import registry
from notices.models import Objection
from notices.services import NoticeSubject, new_receipt_number, notice_publish, objection_file, objection_resolve
from talents.models import Talent
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r"^\d{4}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")


def test_each_objection_gets_its_own_unguessable_receipt(handlers):
    entry = NoticeEntryFactory()
    numbers = [
        objection_file(entry=entry, name="李四", contact="13800138000", reason="岗位不符").receipt_number
        for _ in range(5)
    ]
    assert all(RECEIPT.match(number) for number in numbers), numbers
    assert len(set(numbers)) == 5
    # Not a sequence: the random parts of consecutive receipts share no common prefix pattern.
    tails = [number.split("-", 1)[1] for number in numbers]
    assert len({tail[:3] for tail in tails}) > 1


def test_receipt_numbers_avoid_misreadable_characters():
    letters = "".join(new_receipt_number()[5:] for _ in range(200))
    assert not set(letters) & set("01OIL")


def test_officials_find_an_objection_by_its_receipt(world, client_for):
    wanted = ObjectionFactory(name="甲")
    ObjectionFactory(name="乙", entry__notice=wanted.entry.notice)
    response = client_for(world.provincial_official).get(
        reverse("notices:objection-list"), {"receipt": f" {wanted.receipt_number.lower()} "}
    )
    assert [o.pk for o in response.context["objections"]] == [wanted.pk]


def test_the_api_searches_by_receipt(world):
    wanted = ObjectionFactory()
    ObjectionFactory(entry__notice=wanted.entry.notice)
    api = APIClient()
    api.force_authenticate(world.provincial_official)
    response = api.get("/api/v1/objections/", {"receipt": wanted.receipt_number})
    assert [row["receipt_number"] for row in response.json()["results"]] == [wanted.receipt_number]


def test_the_notice_prints_its_authority_contact_and_masked_id_numbers(world, handlers, client):
    talent = TalentFactory(employer=world.org)
    notice = notice_publish(
        actor=world.provincial_official,
        title="拟表彰对象公示",
        body="",
        region=region("440000"),
        source="commendations",
        subjects=[
            NoticeSubject(
                talent, "张*", "广州精工", "全国技术能手", masked_id_number=talent.masked_id_number, details="攻关成果"
            )
        ],
        issuing_authority="广东省人力资源和社会保障厅",
        contact="020-12345678",
    )
    body = client.get(reverse("notices:notice-detail", args=[notice.pk])).content.decode()
    for text in ("广东省人力资源和社会保障厅", "020-12345678", talent.masked_id_number, "攻关成果"):
        assert text in body
    assert talent.id_number not in body and talent.name not in body


def test_the_owner_is_told_of_every_resolution(world):
    told = []
    registry.register_subject_handlers(
        Talent,
        on_confirmed=lambda *a: None,
        on_withdrawn=lambda *a: told.append("withdrawn"),
        on_objection_resolved=lambda subject, objection, actor: told.append((subject.pk, objection.status)),
    )
    try:
        dismissed, upheld = ObjectionFactory(), ObjectionFactory()
        objection_resolve(actor=world.provincial_official, objection=dismissed, upheld=False, resolution="不属实")
        objection_resolve(actor=world.provincial_official, objection=upheld, upheld=True, resolution="属实")
    finally:
        registry.unregister_subject_handlers(Talent)
    assert told == [
        (dismissed.entry.subject_id, "dismissed"),
        "withdrawn",
        (upheld.entry.subject_id, "upheld"),
    ]
    assert Objection.objects.filter(status="filed").count() == 0
