"""Factories for public notices. Subjects are talents here (a stand-in for dossiers and nominations):
``recording_handlers`` registers handlers on Talent that record their calls."""

import datetime
from dataclasses import dataclass, field

import factory
from django.utils import timezone

from accounts.models import Role
from notices import registry
from notices.models import NoticeEntry, NoticeStatus, Objection, PublicNotice
from notices.services import new_receipt_number
from talents.models import Talent
from tests.accounts.factories import UserFactory, region
from tests.talents.factories import TalentFactory


class PublicNoticeFactory(factory.django.DjangoModelFactory):
    """An open Guangdong notice, published today for five working days."""

    class Meta:
        model = PublicNotice

    title = factory.Sequence(lambda n: f"2026年广东省技能人才评价结果公示（第{n}批）")
    body = "公示期间，任何单位和个人均可实名提出异议。"
    region = factory.LazyFunction(lambda: region("440000"))
    source = "evaluations"
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda o: o.opens_on + datetime.timedelta(days=7))
    working_days = 5
    status = NoticeStatus.OPEN
    published_by = factory.SubFactory(
        UserFactory, role=Role.PROVINCIAL_OFFICIAL, region=factory.SelfAttribute("..region")
    )


def past_notice(**kwargs) -> PublicNotice:
    """A notice whose last day was yesterday (still open: nobody closed it yet)."""
    today = timezone.localdate()
    return PublicNoticeFactory(
        opens_on=today - datetime.timedelta(days=8), closes_on=today - datetime.timedelta(days=1), **kwargs
    )


class NoticeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeEntry

    notice = factory.SubFactory(PublicNoticeFactory)
    subject = factory.SubFactory(TalentFactory)
    masked_name = factory.Sequence(lambda n: f"张*{n}")
    organisation_name = "广州精工机械有限公司"
    description = "车工 技师"
    position = factory.Sequence(lambda n: n + 1)


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    entry = factory.SubFactory(NoticeEntryFactory)
    receipt_number = factory.LazyFunction(new_receipt_number)
    name = "李四"
    contact = "13800138000"
    reason = "该人员实际从事岗位与申报职业不符。"


@dataclass
class Recorder:
    confirmed: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)


def register_recording_handlers() -> Recorder:
    recorder = Recorder()
    registry.register_subject_handlers(
        Talent,
        on_confirmed=lambda subject, entry, actor: recorder.confirmed.append((subject, entry, actor)),
        on_withdrawn=lambda subject, entry, actor: recorder.withdrawn.append((subject, entry, actor)),
    )
    return recorder
