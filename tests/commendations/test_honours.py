"""The pages and API of public notice, conferral and honours: the honours roll (filters, constant query
count, xlsx export), the awardees' PDF in Chinese, the publish and conferral pages, the API."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from commendations.models import NominationStatus
from commendations.services.conferral import nomination_confer
from commendations.services.publicity import campaign_notice_publish
from talents.models import HonourSource
from tests.commendations.factories import green_channel_campaign, nomination_in_review
from tests.dates import frozen, shanghai
from tests.pdfs import pdf_text
from tests.talents.factories import HonourFactory, TalentFactory

pytestmark = pytest.mark.django_db
ROLL = reverse("commendations:honours-roll")
AFTER = shanghai(2026, 11, 10)


def conferred(world, campaign=None, **kwargs):
    campaign = campaign or green_channel_campaign()
    nomination = nomination_in_review(world, campaign, **kwargs)
    with frozen(shanghai(2026, 11, 2)):
        campaign_notice_publish(
            actor=world.provincial_official, campaign=campaign, nominations=[nomination], contact="020-8"
        )
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    nomination.refresh_from_db()
    return nomination


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The honours roll


def test_the_roll_lists_conferred_and_entered_honours_in_scope(world, client_for):
    nomination = conferred(world)
    entered = HonourFactory(talent=TalentFactory(employer=world.org_other_city))
    elsewhere = HonourFactory(talent=TalentFactory(employer=world.org_other_province))
    response = client_for(world.provincial_official).get(ROLL)
    shown = [h.pk for h in response.context["honours"]]
    assert shown == [nomination.honour_id, entered.pk]  # newest first; Jiangsu's not in scope
    body = response.content.decode()
    assert str(nomination.campaign) in body and nomination.talent.id_number not in body
    assert elsewhere.pk not in shown


def test_the_roll_filters_by_region_year_and_source(world, client_for):
    nomination = conferred(world)
    old = HonourFactory(talent=TalentFactory(employer=world.org_other_city), conferred_on=datetime.date(2022, 9, 1))
    client = client_for(world.national_official)
    by_year = client.get(ROLL, {"year": 2022}).context["honours"]
    assert [h.pk for h in by_year] == [old.pk]
    by_source = client.get(ROLL, {"source": HonourSource.CONFERRAL}).context["honours"]
    assert [h.pk for h in by_source] == [nomination.honour_id]
    by_region = client.get(ROLL, {"region": "440300"}).context["honours"]  # Shenzhen
    assert [h.pk for h in by_region] == [old.pk]
    by_province = client.get(ROLL, {"region": "440000"}).context["honours"]
    assert {h.pk for h in by_province} == {old.pk, nomination.honour_id}


def test_the_roll_takes_a_constant_number_of_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.provincial_official)
    conferred(world)
    HonourFactory(talent=TalentFactory(employer=world.org))
    one = count_queries(client, ROLL)
    campaign = green_channel_campaign()
    for _ in range(3):
        conferred(world, campaign)
    for _ in range(3):
        HonourFactory(talent=TalentFactory(employer=world.org_other_city))
    with django_assert_num_queries(one):
        response = client.get(ROLL)
    assert len(response.context["honours"]) == 8


def test_the_roll_api_pages_without_count_in_constant_queries(world, django_assert_num_queries):
    api = APIClient()
    api.force_authenticate(world.provincial_official)
    nomination = conferred(world)
    with CaptureQueriesContext(connection) as queries:
        first = api.get("/api/v1/honours-roll/")
    for _ in range(4):
        HonourFactory(talent=TalentFactory(employer=world.org))
    with django_assert_num_queries(len(queries)):
        response = api.get("/api/v1/honours-roll/")
    body = response.json()
    assert "count" not in body or body["count"] is None
    assert len(body["results"]) == 5
    row = first.json()["results"][0]
    assert row["campaign"] == nomination.campaign_id and row["source"] == "conferral"
    assert row["masked_id_number"] == nomination.talent.masked_id_number
    assert nomination.talent.id_number not in str(body)


def test_the_roll_exports_to_xlsx_with_the_pages_filters(world, client_for):
    nomination = conferred(world)
    HonourFactory(talent=TalentFactory(employer=world.org_other_city), conferred_on=datetime.date(2022, 9, 1))
    client = client_for(world.provincial_official)
    response = client.post(reverse("exports:start", args=["commendations.honours_roll"]) + "?source=conferral")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == nomination.talent.name and rows[1][1] == nomination.talent.masked_id_number
    assert str(nomination.campaign) in rows[1]
    assert nomination.talent.id_number not in str(rows)


# The awardees' PDF


def test_the_awardees_pdf_lists_the_conferred_in_chinese(world, client_for):
    campaign = green_channel_campaign()
    awardee = conferred(world, campaign, talent__name="王小明")
    nomination_in_review(world, campaign, talent__name="李未授")  # not conferred: not listed
    response = client_for(world.provincial_official).get(
        reverse("commendations:campaign-awardees-pdf", args=[campaign.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    content = response.content
    assert content.startswith(b"%PDF") and b"STSong-Light" in content
    assert _drawn("王小明") in content and _drawn(str(world.org.name)) in content
    assert _drawn("李未授") not in content
    text = pdf_text(content)  # the CID font's codes decoded: the bytes never hold the digits
    assert "王小明" in text and awardee.talent.id_number not in text


def _drawn(text: str) -> bytes:
    """``text`` as the uncompressed page stream holds it in the CID font (escaped UTF-16)."""
    from reportlab.pdfbase import pdfmetrics

    from commendations.pdf import CJK_FONT, _register_font

    _register_font()
    return f"({pdfmetrics.getFont(CJK_FONT).formatForPdf(text)}) Tj".encode("latin-1")


# Publish and confer pages


def test_the_publish_page_puts_the_chosen_nominations_in_notice(world, client_for):
    campaign = green_channel_campaign()
    chosen, left = nomination_in_review(world, campaign), nomination_in_review(world, campaign)
    client = client_for(world.provincial_official)
    url = reverse("commendations:campaign-notice-publish", args=[campaign.pk])
    page = client.get(url)
    assert page.status_code == 200 and chosen.talent.name not in page.content.decode()  # masked choices
    response = client.post(
        url,
        {
            "title": "拟表彰对象公示",
            "issuing_authority": "广东省人力资源和社会保障厅",
            "contact": "020-8",
            "nominations": [chosen.pk],
        },
    )
    assert response.status_code == 302
    chosen.refresh_from_db()
    left.refresh_from_db()
    assert (chosen.status, left.status) == (NominationStatus.IN_PUBLICITY, NominationStatus.IN_EXPERT_REVIEW)


def test_the_publish_page_shows_errors_and_changes_nothing(world, client_for):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    url = reverse("commendations:campaign-notice-publish", args=[campaign.pk])
    response = client_for(world.provincial_official).post(url, {"title": "", "contact": "", "nominations": ["x"]})
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_EXPERT_REVIEW


def test_the_conferral_page_says_why_not_yet_and_confers_after_the_period(world, client_for):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    with frozen(shanghai(2026, 11, 2)):
        campaign_notice_publish(actor=world.provincial_official, campaign=campaign, contact="020-8")
    client = client_for(world.provincial_official)
    page_url = reverse("commendations:campaign-conferral", args=[campaign.pk])
    confer_url = reverse("commendations:nomination-confer", args=[campaign.pk, nomination.pk])
    with frozen(shanghai(2026, 11, 9)):
        assert "2026-11-09" in client.get(page_url).content.decode()
        client.post(confer_url)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_PUBLICITY
    with frozen(AFTER):
        assert client.post(confer_url).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFERRED and nomination.honour_id


# API


def test_the_api_publishes_and_confers(world):
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign)
    api = APIClient()
    api.force_authenticate(world.provincial_official)
    with frozen(shanghai(2026, 11, 2)):
        published = api.post(
            "/api/v1/commendation-notices/", {"campaign": campaign.pk, "contact": "020-8"}, format="json"
        )
    assert published.status_code == 201, published.json()
    assert published.json()["closes_on"] == "2026-11-09" and published.json()["entry_count"] == 1
    with frozen(shanghai(2026, 11, 9)):
        early = api.post("/api/v1/conferrals/", {"nomination": nomination.pk}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "notice_period_running"
    with frozen(AFTER):
        done = api.post("/api/v1/conferrals/", {"nomination": nomination.pk}, format="json")
    assert done.status_code == 200, done.json()
    nomination.refresh_from_db()
    assert done.json() == {
        "nomination": nomination.pk,
        "status": "conferred",
        "honour": nomination.honour_id,
        "organisation_award": None,
    }


def test_the_api_answers_404_for_a_nomination_out_of_scope(world):
    nomination = nomination_in_review(world, organisation=world.org_other_province)
    api = APIClient()
    api.force_authenticate(world.provincial_official)
    assert api.post("/api/v1/conferrals/", {"nomination": nomination.pk}, format="json").status_code == 404
    assert api.post("/api/v1/conferrals/", {"nomination": "x"}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("who", "linked"),
    [
        ("city_official", True),
        ("provincial_official", True),
        ("national_official", True),
        ("clerk", False),
        ("expert", False),
    ],
)
def test_the_navigation_links_the_roll_for_those_who_may_read_it(world, client_for, who, linked):
    page = client_for(getattr(world, who)).get(reverse("dashboard"))
    assert page.status_code == 200
    assert (f'href="{reverse("commendations:honours-roll")}"' in page.content.decode()) is linked
