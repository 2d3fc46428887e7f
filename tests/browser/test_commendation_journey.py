"""The whole commendation cycle in a browser, in zh-hans (issue 13): a clerk nominates a talent with an
attachment, the city and the province recommend, the province sends the nomination to expert review, the
experts score and vote, the official records the committee's decision and publishes the public notice, an
anonymous visitor objects on the public page and gets a receipt number, the official dismisses the
objection, the award is conferred after the notice period, and the talent's green-channel check is eligible
(docs/commendations.md).

Each user has their own browser context (their own cookies), as they would have their own browser. The
notice period passing is simulated by moving the notice's dates in the database (no sleeping).
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from playwright.sync_api import expect

from catalogues.models import Award
from commendations.models import Nomination, NominationAttachment, NominationScore, NominationStatus, NominationVote
from notices.models import Objection, PublicNotice
from talents.models import HonourSource
from tests.accounts.factories import OrganisationFactory, region
from tests.browser.journey import post, small_pdf, zh
from tests.commendations.factories import CampaignQuotaFactory, open_campaign, technician
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members
from tests.talents.factories import catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def status_of(page):
    return page.locator("h1 [data-status]")


def step(page, code: str, comment: str = "") -> None:
    form = page.locator(f"#nomination-steps form[data-step={code}]")
    if comment:
        form.locator("[name=comment]").fill(comment)
    post(page, form.locator("button[type=submit]"))


def test_nomination_goes_from_draft_to_a_conferred_green_channel_honour(
    live_server, users, world, rule_set, eager_celery
):
    today = timezone.localdate()
    base = live_server.url

    # A Guangdong campaign for a provincial green-channel award (R1(a)), criteria: technician or above;
    # the province has two places; a committee of three Shenzhen experts (none works for the nominee's employer).
    award = catalogue(Award, "provincial_high_skilled_recognition")
    campaign = open_campaign(award=award, created_by=world.provincial_official)
    CampaignQuotaFactory(campaign=campaign, region=region("440000"), quota=2)
    talent = technician(world.org, name="李建国")
    experts = [
        ExpertFactory(username=f"expert{n}", organisation=OrganisationFactory(region=region("440300")))
        for n in (1, 2, 3)
    ]
    committee = CommitteeFactory(created_by=world.provincial_official)
    add_members(committee, experts, chair=experts[0])

    # 1. The clerk drafts the nomination, attaches a PDF, sees the criteria met and submits.
    clerk = users.page_for("clerk")
    assert clerk.locator("html").get_attribute("lang") == "zh-hans"
    clerk.locator("nav a[href='/commendations/campaigns/']").click()  # "表彰评选" in the navigation
    clerk.locator("#campaign-table a", has_text=str(award)).click()
    clerk.wait_for_url(f"{base}/commendations/campaigns/{campaign.pk}/")
    clerk.locator("#campaign-nominate").click()
    clerk.wait_for_url(f"{base}/commendations/nominations/new/?campaign={campaign.pk}")
    form = clerk.locator("#nomination-form")
    form.locator("[name=campaign]").select_option(str(campaign.pk))
    form.locator("[name=talent]").select_option(str(talent.pk))
    form.locator("[name=achievements]").fill("主持数控车床夹具改进，加工效率提高30%，获省技术革新奖。")
    form.locator("[name=recommendation]").fill("该同志长期扎根生产一线，技艺精湛，推荐参评。")
    post(clerk, form.locator("button[type=submit]"))
    nomination = Nomination.objects.get(campaign=campaign, talent=talent)
    assert clerk.url == f"{base}/commendations/nominations/{nomination.pk}/"
    expect(status_of(clerk)).to_have_text(zh(NominationStatus.DRAFT.label))

    pdf = small_pdf()
    upload = clerk.locator("#nomination-attachment-form")
    upload.locator("[name=file]").set_input_files(
        files=[{"name": "先进事迹材料.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    post(clerk, upload.locator("button[type=submit]"))
    expect(clerk.locator("#nomination-attachments")).to_contain_text("先进事迹材料.pdf")
    assert NominationAttachment.objects.filter(nomination=nomination).count() == 1
    criteria = clerk.locator("#nomination-criteria")
    expect(criteria.locator(".badge").first).to_have_class("badge text-bg-success")
    expect(criteria.locator("[data-clause='R9.technician']")).to_be_visible()
    step(clerk, "submit")
    expect(status_of(clerk)).to_have_text(zh(NominationStatus.SUBMITTED.label))

    # 2. The city official finds it in the "to recommend" queue, downloads the attachment and recommends.
    city = users.page_for("city")
    city.locator("nav a[href='/commendations/campaigns/']").click()
    city.locator("#campaign-list-links [data-link=queue]").click()
    city.wait_for_url(f"{base}/commendations/nominations/queue/")
    city.locator(f"tr[data-nomination='{nomination.pk}'] a").first.click()
    city.wait_for_url(f"{base}/commendations/nominations/{nomination.pk}/")
    expect(city.locator("main")).to_contain_text(talent.masked_id_number)
    assert talent.id_number not in city.content()
    with city.expect_download() as download:  # the scoped download, byte for byte
        city.locator("#nomination-attachments a", has_text="先进事迹材料.pdf").click()
    assert Path(download.value.path()).read_bytes() == pdf
    step(city, "recommend", "同意推荐。")
    expect(status_of(city)).to_have_text(zh(NominationStatus.CITY_RECOMMENDED.label))

    # 3. The provincial official recommends it (one of the province's two places) ...
    province = users.page_for("province")
    province.goto(f"{base}/commendations/nominations/queue/")
    province.locator(f"tr[data-nomination='{nomination.pk}'] a").first.click()
    province.wait_for_url(f"{base}/commendations/nominations/{nomination.pk}/")
    step(province, "recommend", "同意推荐。")
    expect(status_of(province)).to_have_text(zh(NominationStatus.PROVINCE_RECOMMENDED.label))
    province.goto(f"{base}/commendations/campaigns/{campaign.pk}/")
    expect(province.locator("#campaign-quotas")).to_contain_text("广东省")

    # ... names the campaign's expert committee and sends the nomination to expert review.
    province.locator("#campaign-stages [data-stage=committee]").click()
    province.wait_for_url(f"{base}/commendations/campaigns/{campaign.pk}/committee/")
    province.locator("#campaign-committee-form [name=committee]").select_option(str(committee.pk))
    post(province, province.locator("#campaign-committee-form button[type=submit]"))
    province.goto(f"{base}/commendations/nominations/{nomination.pk}/")
    step(province, "start_review")
    expect(status_of(province)).to_have_text(zh(NominationStatus.IN_EXPERT_REVIEW.label))

    # 4. Each expert finds it in their review queue, scores it and votes in favour.
    for n, expert in enumerate(experts):
        page = users.page_for(expert.username)
        page.goto(f"{base}/commendations/reviews/")
        page.locator(f"tr[data-nomination='{nomination.pk}'] a").click()
        page.wait_for_url(f"{base}/commendations/reviews/{nomination.pk}/")
        page.locator("#review-score-form [name=value]").fill(str(88 + n))
        post(page, page.locator("#review-score-form button[type=submit]"))
        page.locator("#review-vote-form [name=choice][value=yes]").check()
        post(page, page.locator("#review-vote-form button[type=submit]"))
        expect(page.locator("#review-vote-form")).to_have_count(0)  # one vote each
    assert NominationScore.objects.filter(nomination=nomination).count() == 3
    assert NominationVote.objects.filter(nomination=nomination, choice="yes").count() == 3

    # 5. The official records the committee's decision: passed (3 in favour, mean 89).
    province.goto(f"{base}/commendations/reviews/{nomination.pk}/")
    expect(province.locator("#review-tally")).to_contain_text("3")
    post(province, province.locator("#review-decide"))
    expect(province.locator("#review-decision")).to_be_visible()
    nomination.refresh_from_db()
    assert nomination.review_passed is True and nomination.status == NominationStatus.IN_EXPERT_REVIEW

    # 6. The official publishes the public notice with the nomination.
    province.goto(f"{base}/commendations/campaigns/{campaign.pk}/")
    province.locator("#campaign-stages [data-stage=notice]").click()
    province.wait_for_url(f"{base}/commendations/campaigns/{campaign.pk}/notice/")
    notice_form = province.locator("#campaign-notice-form")
    notice_form.locator("[name=title]").fill("2026年广东省高技能人才表彰拟表彰人选公示")
    notice_form.locator("[name=issuing_authority]").fill("广东省人力资源和社会保障厅")
    notice_form.locator("[name=contact]").fill("020-83333333")
    notice_form.locator(f"[name=nominations][value='{nomination.pk}']").check()
    notice_form.locator("button[type=submit]").click()
    province.wait_for_url(f"{base}/notices/*/")
    notice = PublicNotice.objects.get()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_PUBLICITY

    # 7. An anonymous visitor reads the public notice (masked name and ID number), objects, gets a receipt.
    public = users.page_for(None)
    public.goto(f"{base}/notices/{notice.pk}/")
    assert public.locator("html").get_attribute("lang") == "zh-hans"
    entries = public.locator("#entries")
    expect(entries).to_contain_text("李*国")
    expect(entries).to_contain_text(talent.masked_id_number)
    expect(public.locator("#notice-authority")).to_contain_text("广东省人力资源和社会保障厅")
    assert "李建国" not in entries.inner_text() and talent.id_number not in public.content()
    entry = notice.entries.get()
    public.locator(f"#entry-{entry.pk} button[data-bs-target='#object-{entry.pk}']").click()
    objection_form = public.locator(f"#object-{entry.pk} form")
    expect(objection_form).to_be_visible()
    objection_form.locator("[name=name]").fill("张三")
    objection_form.locator("[name=contact]").fill("13800138000")
    objection_form.locator("[name=reason]").fill("该人选的技术革新成果系团队集体完成。")
    post(public, objection_form.locator("button[type=submit]"))
    receipt = public.locator("#receipt-number").inner_text().strip()
    objection = Objection.objects.get(entry=entry)
    assert receipt and objection.receipt_number == receipt and objection.status == "filed"

    # 8. The official finds the objection in the objections list and dismisses it with a reason.
    province.goto(f"{base}/notices/objections/")
    expect(province.locator("#objections")).to_contain_text(receipt)
    province.locator("#objections a[href$='/resolve/']").click()
    province.wait_for_url(f"{base}/notices/objections/{objection.pk}/resolve/")
    province.locator("[name=decision][value=dismissed]").check()
    province.locator("[name=resolution]").fill("经核实，该成果由其本人主持完成，异议不成立。")
    post(province, province.locator("main form button[type=submit]"))
    objection.refresh_from_db()
    assert objection.status == "dismissed" and objection.resolved_by == world.provincial_official
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_PUBLICITY

    # 9. The notice period ends (moved into the past in the database); the official confers the award.
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=today - datetime.timedelta(days=10), closes_on=today - datetime.timedelta(days=3)
    )
    province.goto(f"{base}/commendations/campaigns/{campaign.pk}/")
    province.locator("#campaign-stages [data-stage=conferral]").click()
    province.wait_for_url(f"{base}/commendations/campaigns/{campaign.pk}/conferral/")
    row = province.locator("#conferral tbody tr", has_text="李建国")
    post(province, row.locator("button[type=submit]"))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFERRED
    honour = nomination.honour
    assert honour is not None and honour.talent == talent and honour.source == HonourSource.CONFERRAL
    assert honour.award == award
    expect(province.locator("#conferral")).not_to_contain_text("李建国")  # no longer in notice

    # 10. The talent's green-channel check (deputy senior title) is now eligible: R1's honour is met.
    # The talent's page shows the honour and where it came from; its "Eligibility" button leads to the check.
    province.goto(f"{base}/talents/{talent.pk}/")
    honour_row = province.locator("tr", has_text=str(award))
    expect(honour_row).to_contain_text(zh(HonourSource.CONFERRAL.label))
    expect(honour_row).to_contain_text("广东省人力资源和社会保障厅")
    province.locator(f"a[href='/eligibility/talents/{talent.pk}/']").click()
    province.wait_for_url(f"{base}/eligibility/talents/{talent.pk}/")
    check_form = province.locator("main form").first
    check_form.locator("[name=track]").select_option("green_channel")
    check_form.locator("[name=target_level]").select_option("deputy_senior")
    post(province, check_form.locator("button[type=submit]"))
    outcome = province.locator("[data-outcome]").first
    expect(outcome).to_have_attribute("data-outcome", "eligible")
    expect(outcome).to_have_text("符合条件")
    reasons = province.locator("[id^=check-]").first.locator("li.list-group-item")
    expect(reasons).to_have_count(3)  # R1's high skill and honour, R3's "no academic barrier": every one met
    expect(reasons.locator(".badge.text-bg-success", has_text=zh(gettext_lazy("Met")))).to_have_count(3)
