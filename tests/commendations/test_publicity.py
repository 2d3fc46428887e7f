"""A campaign's public notice: publication, masking on the public page, working days across the
holiday calendar, objections (throttled, with receipts) and their resolution (docs/commendations.md)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from commendations.models import Nomination, NominationStatus
from commendations.services import nomination_create, nomination_withdraw
from commendations.services.publicity import campaign_authority, campaign_notice_publish
from notices.models import EntryOutcome, Objection, ObjectionStatus
from notices.services import objection_resolve
from notifications.models import Notification
from tests.commendations.factories import green_channel_campaign, nomination_in_review
from tests.dates import frozen, shanghai
from tests.notices.factories import ObjectionFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def publish(world, campaign, **kwargs):
    kwargs.setdefault("contact", "020-83333333")
    return campaign_notice_publish(actor=world.provincial_official, campaign=campaign, **kwargs)


def test_publication_lists_the_reviewed_nominations_and_puts_them_in_notice(world, django_capture_on_commit_callbacks):
    campaign = green_channel_campaign()
    first, second = nomination_in_review(world, campaign), nomination_in_review(world, campaign)
    other_campaign = nomination_in_review(world)
    with django_capture_on_commit_callbacks(execute=True):
        notice = publish(world, campaign)
    assert notice.source == "commendations" and notice.working_days == campaign.publicity_working_days
    # "广东省人力资源和社会保障厅" once the coordinator merged the translations.
    assert notice.issuing_authority == campaign_authority(campaign) and "广东省" in notice.issuing_authority
    assert notice.contact == "020-83333333"
    assert {e.subject_id for e in notice.entries.all()} == {first.pk, second.pk}
    for nomination in (first, second):
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.IN_PUBLICITY
    other_campaign.refresh_from_db()
    assert other_campaign.status == NominationStatus.IN_EXPERT_REVIEW
    assert AuditLog.objects.filter(action="nomination_publish").count() == 2
    # The nominator is told, with the notice's last day.
    told = Notification.objects.filter(kind="nomination_in_publicity", recipient=world.clerk)
    assert {n.params["nominee"] for n in told} == {first.talent.name, second.talent.name}
    assert {n.params["until"] for n in told} == {notice.closes_on.isoformat()}


def test_only_the_campaigns_officials_publish(world):
    campaign = green_channel_campaign()
    nomination_in_review(world, campaign)
    for outsider in (world.provincial_official_other, world.city_official, world.clerk, world.national_official):
        with pytest.raises(PermissionDeniedError):
            campaign_notice_publish(actor=outsider, campaign=campaign, contact="020-1")


def test_a_nomination_not_in_expert_review_is_refused(world):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign, status=NominationStatus.PROVINCE_RECOMMENDED)
    with pytest.raises(ApplicationError) as refused:
        publish(world, campaign, nominations=[nomination])
    assert refused.value.code == "not_publishable" and refused.value.status == 409
    with pytest.raises(ApplicationError) as refused:
        publish(world, campaign)
    assert refused.value.code == "nothing_to_publish"


def test_a_contact_is_required(world):
    campaign = green_channel_campaign()
    nomination_in_review(world, campaign)
    with pytest.raises(ApplicationError) as refused:
        publish(world, campaign, contact=" ")
    assert refused.value.field == "contact"


def test_the_period_counts_working_days_across_a_holiday_and_an_adjusted_workday(world):
    # Published Thursday 30 April 2026: 1–5 May are the Labour Day holiday, Saturday 9 May is worked.
    campaign = green_channel_campaign(opens_on=datetime.date(2026, 3, 1), closes_on=datetime.date(2026, 4, 15))
    nomination_in_review(world, campaign)
    with frozen(shanghai(2026, 4, 30)):
        notice = publish(world, campaign)
    # 6, 7, 8 May, the adjusted Saturday 9 May, then Monday 11 May (a plain week would end on 7 May).
    assert notice.opens_on == datetime.date(2026, 4, 30)
    assert notice.closes_on == datetime.date(2026, 5, 11)


def test_the_public_page_shows_masked_names_and_id_numbers_only(world, client):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign, talent__name="欧阳娜娜")
    notice = publish(world, campaign)
    body = client.get(reverse("notices:notice-detail", args=[notice.pk])).content.decode()
    talent = nomination.talent
    assert "欧**娜" in body and talent.masked_id_number in body
    assert "欧阳娜娜" not in body and talent.id_number not in body
    assert world.org.name in body and campaign.award.name in body and nomination.achievements in body
    assert campaign_authority(campaign) in body and "020-83333333" in body
    api = client.get(f"/api/v1/notices/{notice.pk}/").json()
    assert api["entries"][0]["masked_id_number"] == talent.masked_id_number
    assert talent.id_number not in str(api) and "欧阳娜娜" not in str(api)


def test_objections_are_throttled_per_client_and_get_receipts(world, client, settings):
    settings.NOTICES_OBJECTION_PAGE_RATE = (2, 3600)
    cache.clear()
    campaign = green_channel_campaign()
    nomination_in_review(world, campaign)
    notice = publish(world, campaign)
    entry = notice.entries.get()
    url = reverse("notices:notice-detail", args=[notice.pk])
    data = {"entry": entry.pk, "name": "李四", "contact": "13800138000", "reason": "业绩材料不实"}
    receipts = []
    for _ in range(2):
        response = client.post(url, data, follow=True)
        receipts.append(response.context["receipt_number"])
    assert len(set(receipts)) == 2
    assert set(Objection.objects.values_list("receipt_number", flat=True)) == set(receipts)
    refused = client.post(url, data, REMOTE_ADDR="127.0.0.1")
    assert refused.status_code == 400 and Objection.objects.count() == 2
    # Another client address still may.
    other = client.post(url, data, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302 and Objection.objects.count() == 3


def test_an_upheld_objection_withdraws_the_nomination_and_tells_the_nominator(
    world, django_capture_on_commit_callbacks
):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    notice = publish(world, campaign)
    objection = ObjectionFactory(entry=notice.entries.get())
    with django_capture_on_commit_callbacks(execute=True):
        objection_resolve(actor=world.provincial_official, objection=objection, upheld=True, resolution="业绩不实")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert notice.entries.get().outcome == EntryOutcome.WITHDRAWN
    log = AuditLog.objects.get(action="nomination_withdraw_after_objection")
    assert log.comment == "业绩不实" and log.to_state == NominationStatus.WITHDRAWN
    told = Notification.objects.get(recipient=world.clerk, kind="nomination_objection_upheld")
    assert told.params["resolution"] == "业绩不实"


def test_a_dismissed_objection_records_the_reason_and_keeps_the_nomination(world, django_capture_on_commit_callbacks):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    notice = publish(world, campaign)
    objection = ObjectionFactory(entry=notice.entries.get())
    with django_capture_on_commit_callbacks(execute=True):
        objection_resolve(actor=world.provincial_official, objection=objection, upheld=False, resolution="经核实不属实")
    objection.refresh_from_db()
    nomination.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED and objection.resolution == "经核实不属实"
    assert nomination.status == NominationStatus.IN_PUBLICITY
    assert AuditLog.objects.filter(action="objection_resolve", to_state="dismissed").exists()
    assert Notification.objects.filter(recipient=world.clerk, kind="nomination_objection_dismissed").exists()


def test_a_nominee_withdrawn_after_an_upheld_objection_is_not_nominated_again_in_the_campaign(world):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    notice = publish(world, campaign)
    objection = ObjectionFactory(entry=notice.entries.get())
    objection_resolve(actor=world.provincial_official, objection=objection, upheld=True, resolution="业绩不实")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    within_window = campaign.opens_on
    with pytest.raises(ApplicationError) as refused:
        nomination_create(actor=world.clerk, campaign=campaign, talent=nomination.talent, today=within_window)
    assert refused.value.status == 409 and refused.value.code == "withdrawn_after_objection"
    assert Nomination.objects.filter(talent=nomination.talent).count() == 1
    # Another campaign takes them; a nominee their nominator withdrew is nominated again.
    other = green_channel_campaign(year=2027)
    assert nomination_create(actor=world.clerk, campaign=other, talent=nomination.talent, today=within_window)
    talent = TalentFactory(employer=world.org)
    first = nomination_create(actor=world.clerk, campaign=campaign, talent=talent, today=within_window)
    nomination_withdraw(actor=world.clerk, nomination=first)
    assert nomination_create(actor=world.clerk, campaign=campaign, talent=talent, today=within_window).pk != first.pk
