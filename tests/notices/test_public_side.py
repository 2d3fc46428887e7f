"""The visitor's side (issue 15): a menu with 公示公告 and 证书查验, a favicon, and a notice page that names
the issuing authority, the publicity period and a contact for objections."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notices.models import default_issuing_authority
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db


def zh_get(client, url) -> str:
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_a_visitor_has_a_menu_with_notices_certificate_verification_and_sign_in(client):
    body = zh_get(client, reverse("notices:notice-list"))
    nav = body[body.index("<nav") : body.index("</nav>")]
    assert f'href="{reverse("notices:notice-list")}">公示公告<' in nav
    assert f'href="{reverse("evaluations:certificate-verify")}">证书查验<' in nav
    assert f'href="{reverse("accounts:login")}"' in nav and "登录" in nav


def test_every_page_has_a_vendored_favicon(client):
    body = zh_get(client, reverse("accounts:login"))
    assert 'rel="icon" href="/static/favicon.svg"' in body and 'href="/static/favicon.ico"' in body
    static = Path(settings.BASE_DIR) / "static"
    assert (static / "favicon.svg").read_text().startswith("<svg")
    assert (static / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_a_notice_names_its_authority_period_and_contact_for_objections(client):
    notice = PublicNoticeFactory(issuing_authority="广东省人力资源和社会保障厅", contact="020-83000000")
    NoticeEntryFactory(notice=notice)
    body = zh_get(client, reverse("notices:notice-detail", args=[notice.pk]))
    assert "发文单位" in body and "广东省人力资源和社会保障厅" in body
    period = f"{notice.opens_on:%Y-%m-%d}至{notice.closes_on:%Y-%m-%d}（5个工作日）"
    assert "公示期" in body and period in body
    assert "异议联系方式" in body and "020-83000000" in body


def test_a_notice_without_them_names_the_regions_department_and_the_online_objection(client):
    notice = PublicNoticeFactory(issuing_authority="", contact="")
    NoticeEntryFactory(notice=notice)
    body = zh_get(client, reverse("notices:notice-detail", args=[notice.pk]))
    assert default_issuing_authority(notice.region) in body
    assert "提出异议" in body and "回执编号" in body


def test_the_default_authority_follows_the_regions_level():
    assert default_issuing_authority(region("440000")) == "广东省人力资源和社会保障厅"
    assert default_issuing_authority(region("440100")) == "广州市人力资源和社会保障局"
