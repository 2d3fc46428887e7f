"""No stable code (docs/codes.md, the design's §10) is shown as text: each role's main pages, rendered in
zh-hans with a dossier, a round and its audit trail, read their labels (issue 15). Tags, attributes,
scripts and styles are stripped first: codes may sit in attributes and URLs."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.models import Attachment
from evaluations.services.dossiers import dossier_update
from evaluations.services.review import dossier_review
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db

CODES = (
    "junior_worker intermediate_worker senior_worker technician senior_technician principal_technician "
    "chief_technician junior assistant intermediate deputy_senior senior skill_level title vocational_qualification "
    "graduation standard green_channel skills_to_titles titles_to_skills promotion exceptional_promotion eligible "
    "ineligible needs_review china_skills_award national_technical_expert state_council_special_allowance "
    "provincial_special_allowance provincial_high_skilled_recognition national_master_studio_leader "
    "provincial_master_studio_leader enterprise_clerk city_official provincial_official national_official expert "
    "admin draft submitted returned withdrawn city_approved in_assessment in_committee passed failed rejected "
    "in_publicity certified"
).split()
CODE = re.compile(r"(?<![\w./-])(" + "|".join(sorted(CODES, key=len, reverse=True)) + r")(?![\w./-])")
# Also what the issue saw: a MIME type and a checksum.
RAW = re.compile(r"application/pdf|image/(?:jpeg|png)|sha256|\b[0-9a-f]{12,}\b")
INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->|<[^>]*>", re.S)


def visible_text(body: str) -> str:
    return html.unescape(INVISIBLE.sub(" ", body))


def main_pages(dossier) -> dict[str, list[str]]:
    common = [reverse("dashboard"), reverse("evaluations:round-list"), reverse("notices:notice-list")]
    round_pages = [reverse("evaluations:round-detail", args=[dossier.round_id])]
    dossier_page = [reverse("evaluations:dossier-detail", args=[dossier.pk])]
    officials = [reverse("talents:list"), reverse("evaluations:review-queue"), reverse("eligibility:run-list")]
    return {
        "enterprise_clerk": common
        + round_pages
        + dossier_page
        + [reverse("talents:list"), reverse("evaluations:dossier-list")],
        "city_official": common + round_pages + dossier_page + officials,
        "provincial_official": common + round_pages + dossier_page + officials,
        "national_official": common + round_pages + officials,
        "expert": common + [reverse("evaluations:expert-queue")],
        "admin": common + round_pages + dossier_page + officials,
    }


@pytest.fixture
def dossier(world):
    dossier = submitted_dossier(world.org, status="draft", created_by=world.clerk)
    dossier_update(actor=world.clerk, dossier=dossier, track="standard", target_level="technician")  # audited
    Attachment.objects.create(
        dossier=dossier,
        file=f"dossiers/{dossier.pk}/aa/key",
        storage_key=f"key-{dossier.pk}",
        original_name="专利证书.pdf",
        content_type="application/pdf",
        size=2048,
        sha256="a" * 64,
        uploaded_by=world.clerk,
    )
    dossier.status = "submitted"
    dossier.save(update_fields=["status"])
    dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充材料")
    return dossier


def test_no_role_sees_a_raw_code_on_its_main_pages(world, client, dossier):
    found, read = [], {}
    for role, urls in main_pages(dossier).items():
        client.force_login(world.users_by_role()[role])
        client.cookies["django_language"] = "zh-hans"
        for url in urls:
            with translation.override("zh-hans"):
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            if response.status_code != 200:
                continue  # a page a role may not open is the permission matrix's business
            text = read[(role, url)] = visible_text(response.content.decode())
            found += [f"{role} {url}: {match}" for match in CODE.findall(text) + RAW.findall(text)]
    assert not found, "\n".join(found)
    assert len(read) >= 30  # the pages were read, not refused
    trail = read[("city_official", reverse("evaluations:dossier-detail", args=[dossier.pk]))]
    assert "常规 → 二级/技师" in trail  # the audit trail's changed track and level
    assert "PDF 文件" in trail
    assert "技师" in read[("enterprise_clerk", reverse("evaluations:dossier-list"))]


def test_the_checker_finds_a_code_in_text_but_not_in_attributes():
    assert CODE.findall(visible_text('<td class="technician" data-x="draft">technician</td>')) == ["technician"]
    assert not CODE.findall(visible_text('<a href="/x/senior_worker/">高级工</a>'))
