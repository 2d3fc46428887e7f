"""The whole evaluation journey in a browser, in zh-hans: a clerk drafts and submits a
dossier with evidence and a PDF, the city and the province approve it, the committee scores and votes,
the province publishes the notice and closes it after its period, a certificate is issued, and the
public verifies it (masked name, level, occupation, issuer, date, status, never the ID number).

Each user has their own browser context (their own cookies), as they would have their own browser.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from playwright.sync_api import expect

from catalogues.models import SkillLevel
from evaluations.models import (
    Attachment,
    Certificate,
    CertificateStatus,
    Dossier,
    DossierStatus,
    Method,
    Score,
    Vote,
    VoteChoice,
)
from notices.models import PublicNotice
from tests.accounts.factories import OrganisationFactory, region
from tests.browser.journey import post, small_pdf, zh
from tests.dates import years_before
from tests.evaluations.factories import CommitteeFactory, ExpertFactory, RoundFactory, add_members
from tests.talents.factories import CredentialFactory, TalentFactory, catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def status_badge(page):
    return page.locator("#dossier-status")


def test_dossier_goes_from_draft_to_a_publicly_verifiable_certificate(
    live_server, users, world, rule_set, eager_celery, tmp_path
):
    today = timezone.localdate()
    base = live_server.url

    # The talent: a senior worker (高级工) in lathe operation for five years, so promotion to
    # technician (技师) in the round's occupation 6-18-01-01 is eligible under R5.
    talent = TalentFactory(employer=world.org, name="王小明")
    CredentialFactory(
        talent=talent,
        skill_level=catalogue(SkillLevel, "senior_worker"),
        obtained_on=years_before(today, 5),
    )
    # A committee of three experts of the province, none employed by the clerk's organisation.
    experts = [
        ExpertFactory(username=f"expert{n}", organisation=OrganisationFactory(region=region("440300")))
        for n in (1, 2, 3)
    ]
    committee = CommitteeFactory(created_by=world.provincial_official)
    add_members(committee, experts, chair=experts[0])
    round_ = RoundFactory(committee=committee, created_by=world.provincial_official)

    # 1. The clerk creates the dossier, adds evidence and a PDF, sees the eligibility result, submits.
    clerk = users.page_for("clerk")
    assert clerk.locator("html").get_attribute("lang") == "zh-hans"
    clerk.goto(f"{base}/evaluations/dossiers/new/")
    form = clerk.locator("#dossier-create-form")
    form.locator("[name=round]").select_option(str(round_.pk))
    form.locator("[name=talent]").select_option(str(talent.pk))
    form.locator("[name=track]").select_option("promotion")
    form.locator("button[type=submit]").click()
    clerk.wait_for_url(f"{base}/evaluations/dossiers/*/edit/")
    dossier = Dossier.objects.get(round=round_, talent=talent)
    assert (dossier.status, dossier.organisation, dossier.target_level) == ("draft", world.org, "technician")
    expect(clerk.locator("h1 [data-status=draft]")).to_have_text("草稿")  # draft

    evidence = clerk.locator("#evidence-add-form")
    evidence.locator("[name=kind]").select_option("process_improvement")
    evidence.locator("[name=date]").fill("2025-05-01")
    evidence.locator("[name=description]").fill("改进数控车床夹具，加工效率提高30%")
    post(clerk, evidence.locator("button[type=submit]"))
    expect(clerk.locator("#evidence-list")).to_contain_text("改进数控车床夹具")

    pdf = small_pdf()
    attachment_form = clerk.locator("#attachment-form")
    attachment_form.locator("[name=file]").set_input_files(
        files=[{"name": "工艺改进报告.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    post(clerk, attachment_form.locator("button[type=submit]"))
    expect(clerk.locator("#attachment-list")).to_contain_text("工艺改进报告.pdf")
    attachment = Attachment.objects.get(dossier=dossier, removed_at__isnull=True)
    assert attachment.content_type == "application/pdf"

    preview = clerk.locator("#eligibility-preview")
    expect(preview.locator("[data-outcome]")).to_have_attribute("data-outcome", "eligible")
    expect(preview.locator("[data-outcome]")).to_have_text("符合条件")
    reasons = preview.locator(".list-group-item")
    expect(reasons.first).to_be_visible()
    # Every reason is listed with its verdict; all of them are met (符合).
    assert reasons.count() == preview.locator(".list-group-item .text-bg-success").count() >= 2
    expect(reasons.first).to_contain_text("符合")

    post(clerk, clerk.locator(f"form[action$='/dossiers/{dossier.pk}/submit/'] button"))
    assert clerk.url == f"{base}/evaluations/dossiers/{dossier.pk}/"
    expect(status_badge(clerk)).to_have_text(zh(DossierStatus.SUBMITTED.label))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED and dossier.current_revision is not None

    # 2. The city official finds it in the review queue and approves it.
    city = users.page_for("city")
    city.goto(f"{base}/evaluations/review/")
    city.locator(f"tr[data-dossier='{dossier.pk}'] a").first.click()
    city.wait_for_url(f"{base}/evaluations/dossiers/{dossier.pk}/")
    expect(city.locator("#masked-id")).to_have_text(talent.masked_id_number)
    expect(city.locator("#evidence")).to_contain_text("改进数控车床夹具")
    with city.expect_download() as download:  # through the scoped download view, byte for byte
        city.locator("#attachments a", has_text="工艺改进报告.pdf").click()
    assert Path(download.value.path()).read_bytes() == pdf
    post(city, city.locator("#review-form button[value=approve]"))
    expect(status_badge(city)).to_have_text(zh(DossierStatus.CITY_APPROVED.label))

    # 3. The provincial official approves it into assessment.
    province = users.page_for("province")
    province.goto(f"{base}/evaluations/review/")
    province.locator(f"tr[data-dossier='{dossier.pk}'] a").first.click()
    province.wait_for_url(f"{base}/evaluations/dossiers/{dossier.pk}/")
    post(province, province.locator("#review-form button[value=approve]"))
    expect(status_badge(province)).to_have_text(zh(DossierStatus.IN_ASSESSMENT.label))

    # 4. Each expert scores every method of the round from their assessment queue.
    expert_pages = []
    for n, expert in enumerate(experts):
        page = users.page_for(expert.username)
        expert_pages.append(page)
        page.goto(f"{base}/evaluations/assessment/")
        page.locator("#assessment-queue a", has_text="王小明").click()
        page.wait_for_url(f"{base}/evaluations/dossiers/{dossier.pk}/")
        # Every method's score in the panel's one form, saved once (issue 15).
        for method, value in ((Method.THEORY_EXAM, 80 + n), (Method.SKILL_OPERATION, 85 + n)):
            page.locator(f"input[name=value_{method.value}]").fill(str(value))
        post(page, page.locator("#scores-form button[type=submit]"))
    assert Score.objects.filter(dossier=dossier).count() == 6

    # The chair closes scoring; then every member votes in favour and the chair records the decision.
    chair = expert_pages[0]
    chair.reload()
    post(chair, chair.locator("#assessment-complete"))
    expect(status_badge(chair)).to_have_text(zh(DossierStatus.IN_COMMITTEE.label))
    for page in expert_pages:
        page.reload()
        page.locator("#vote-yes").check()
        post(page, page.locator("#vote-form button[type=submit]"))
        expect(page.locator("#my-vote")).to_contain_text(zh(VoteChoice.YES.label))
    assert Vote.objects.filter(dossier=dossier, choice="yes").count() == 3
    chair.reload()
    post(chair, chair.locator("#committee-decide"))
    expect(status_badge(chair)).to_have_text(zh(DossierStatus.PASSED.label))

    # 5. The provincial official publishes the round's public notice with the passed dossier.
    province.goto(f"{base}/evaluations/dossiers/{dossier.pk}/")
    province.locator("#notice-publish-link").click()
    province.wait_for_url(f"{base}/evaluations/rounds/{round_.pk}/notice/")
    notice_form = province.locator("#notice-publish-form")
    notice_form.locator(f"[name=dossiers][value='{dossier.pk}']").check()
    notice_form.locator("[name=contact]").fill("020-83330000")  # where objections go (the form requires it)
    notice_form.locator("button[type=submit]").click()
    province.wait_for_url(f"{base}/notices/*/")
    notice = PublicNotice.objects.get()
    expect(province.locator("#entries")).to_contain_text("王*明")
    assert "王小明" not in province.locator("#entries").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.IN_PUBLICITY

    # 6. The notice period ends. Time passing is simulated in the database: the notice's period is
    # moved into the past (the page refuses to close a notice before its last day has gone by).
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=today - datetime.timedelta(days=10), closes_on=today - datetime.timedelta(days=3)
    )
    province.reload()
    post(province, province.locator(f"form[action$='/notices/{notice.pk}/close/'] button"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CERTIFIED

    # 7. The certificate exists; the clerk sees it on the dossier page.
    certificate = Certificate.objects.get(dossier=dossier)
    clerk.goto(f"{base}/evaluations/dossiers/{dossier.pk}/")
    expect(status_badge(clerk)).to_have_text(zh(DossierStatus.CERTIFIED.label))
    expect(clerk.locator("#certificate-link")).to_contain_text(certificate.number)
    with clerk.expect_download() as download:
        clerk.locator("#certificate-link a").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # 8. The public, in a fresh anonymous browser, verifies it by number and code.
    public = users.page_for(None)
    public.goto(f"{base}/evaluations/certificates/verify/")
    assert public.locator("html").get_attribute("lang") == "zh-hans"
    expect(public.locator("h1")).to_have_text(zh(gettext_lazy("Verify a certificate")))
    verify = public.locator("#verify-form")
    verify.locator("[name=number]").fill(certificate.number)
    verify.locator("[name=code]").fill(certificate.verification_code.lower())  # typed as read, any case
    verify.locator("button[type=submit]").click()
    result = public.locator("#verify-result")
    expect(result).to_be_visible()
    expect(result.locator(".card-header")).to_have_text(zh(gettext_lazy("Certificate found")))
    text = result.inner_text()
    assert "王*明" in text and "王小明" not in text
    assert "技师" in text and "车工" in text  # level and occupation
    assert certificate.number in text
    assert certificate.issuer in text and "广东省" in certificate.issuer
    assert certificate.issued_on.isoformat() in text
    assert zh(CertificateStatus.VALID.label) in text  # status: valid
    page_text = public.content()
    assert talent.id_number not in page_text
    # The API answers the same, and a wrong code finds nothing.
    answer = public.request.get(
        f"{base}/api/v1/certificates/verify?number={certificate.number}&code={certificate.verification_code}"
    )
    assert answer.status == 200, answer.text()
    assert answer.json()["name"] == "王*明" and talent.id_number not in answer.text()
    wrong = public.request.get(f"{base}/api/v1/certificates/verify?number={certificate.number}&code=WRONGCODE")
    assert wrong.status == 404
    # JOURNEY_SCREENSHOT=/some/file.png keeps a picture of the verification page to look at.
    public.screenshot(path=os.environ.get("JOURNEY_SCREENSHOT") or tmp_path / "verification.png", full_page=True)
