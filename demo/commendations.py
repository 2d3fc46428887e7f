"""Demo data for commendations (docs/commendations.md), written through the services like the officials,
clerks and experts would: four Guangdong provincial campaigns, one in each state a newcomer should see.

- 省技术能手 (this year): open for nominations — a draft, a submitted nomination (with a PDF attachment)
  and one the city has recommended, waiting in the province's queue;
- 省首席技师 (this year): nominations closed, in expert review — the committee has scored and voted on
  one nomination and not yet on the other;
- 省级政府特殊津贴 (this year): in public notice, open now, with one objection waiting to be resolved;
- 省级政府认定的高技能人才 (last year): conferred — the honours are in the registry (a green-channel award,
  so the awardees are R1-eligible) and on the honours roll.

The campaigns of past windows are driven with the services' ``today`` argument; the one notice that
must already be over (the conferred campaign's) gets its dates moved back with the ORM, the one place
seed data writes directly (demo/seeding.py). Idempotent: a campaign found by award, year and region is
left as it is.
"""

import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from accounts.models import User
from catalogues.models import Award
from commendations.models import Campaign, Nomination, NomineeKind
from commendations.selectors.publicity import notice_entry_of
from commendations.services import (
    campaign_close,
    campaign_conclude,
    campaign_create,
    nomination_create,
    nomination_recommend,
    nomination_submit,
    quota_set,
)
from commendations.services.nominations import nomination_attachment_add
from commendations.services.publicity import campaign_notice_publish
from commendations.services.review import (
    campaign_committee_set,
    nomination_review_decide,
    nomination_review_start,
    nomination_score_enter,
    nomination_vote_cast,
)
from committees.selectors import member_rows
from demo.evaluations import COMMITTEE, DEMO_PDF
from eligibility.selectors.checks import rule_set_current
from eligibility.selectors.criteria import criteria_result
from evaluations.models import Committee
from notices.models import PublicNotice
from notices.services import notice_close, objection_file
from talents.models import Talent

OPEN_AWARD = "provincial_technical_expert"
REVIEW_AWARD = "provincial_chief_technician"
NOTICE_AWARD = "provincial_special_allowance"
CONFERRED_AWARD = "provincial_high_skilled_recognition"
CRITERIA = ["R9.technician"]  # skill level technician or above (docs/commendations.md#campaigns)

ACHIEVEMENTS = (
    "主持数控车床液压夹具改造，单件加工时间由12分钟降至8分钟，年节约成本约60万元。",
    "带徒12名，其中5人取得技师职业资格；获2025年广州市职业技能大赛车工项目一等奖。",
    "参与制定企业精密零件加工工艺规范3项，产品一次交验合格率提升至99.6%。",
)
RECOMMENDATION = "该同志长期扎根生产一线，技艺精湛，传帮带成效显著，经企业研究同意推荐。"
CONTACT = "广东省人力资源和社会保障厅职业能力建设处 020-83331234"


def _campaign(official, award, year, opens_on, closes_on, *, criteria: bool) -> Campaign:
    campaign = campaign_create(
        actor=official,
        award=award,
        year=year,
        nominee_kind=NomineeKind.INDIVIDUAL,
        opens_on=opens_on,
        closes_on=closes_on,
        criteria_rule_set=rule_set_current() if criteria else None,
        criteria_clauses=CRITERIA if criteria else (),
    )
    quota_set(actor=official, campaign=campaign, region=official.region, quota=5)
    return campaign


def _nominate(clerk, campaign, talent, day, *, submit: bool, text: int = 0, pdf: bool = False) -> Nomination:
    nomination = nomination_create(
        actor=clerk,
        campaign=campaign,
        talent=talent,
        achievements=ACHIEVEMENTS[text % len(ACHIEVEMENTS)],
        recommendation=RECOMMENDATION,
        today=day,
    )
    if pdf:
        upload = SimpleUploadedFile("获奖证书.pdf", DEMO_PDF, content_type="application/pdf")
        nomination_attachment_add(actor=clerk, nomination=nomination, upload=upload)
    if submit:
        nomination_submit(actor=clerk, nomination=nomination, today=day)
    return nomination


def _recommended(users, nominations, *, province: bool = True) -> None:
    for nomination in nominations:
        nomination_recommend(actor=users["city_gz"], nomination=nomination, comment="经审核，同意推荐。")
        if province:
            nomination_recommend(actor=users["prov_gd"], nomination=nomination, comment="同意推荐参加专家评审。")


def _reviewed(users, committee, campaign, nominations, *, decided: bool) -> None:
    official = users["prov_gd"]
    campaign_committee_set(actor=official, campaign=campaign, committee=committee)
    members = list(User.objects.filter(pk__in=[pk for pk, _organisation in member_rows(committee.pk)]).order_by("pk"))
    for nomination in nominations:
        nomination_review_start(actor=official, nomination=nomination)
    # Expert review under way: the first nomination scored and voted on by two experts, the rest not yet.
    scored = nominations if decided else nominations[:1]
    for nomination in scored:
        for expert, score in zip(
            members if decided else members[: max(1, len(members) - 1)], ("92.50", "88.00", "90.00"), strict=False
        ):
            nomination_score_enter(actor=expert, nomination=nomination, value=score)
            nomination_vote_cast(actor=expert, nomination=nomination, choice="yes")
        if decided:
            nomination_review_decide(actor=official, nomination=nomination)


def _candidates(organisation, campaign_rule_set, today) -> list[Talent]:
    """Talents of the organisation meeting the criteria (technician or above), first by primary key."""
    talents = Talent.objects.filter(employer=organisation).order_by("pk")
    return [t for t in talents if criteria_result(t, campaign_rule_set, CRITERIA, as_of=today).passed]


def seed_commendations(report, organisations, users) -> None:
    """Four campaigns of Guangdong, one per state; counts go to the report (the services audit every row).
    Texts the services write (the notices' titles) are in the portal's language, not the shell's."""
    with translation.override(settings.LANGUAGE_CODE):
        _seed(report, organisations, users)


def _seed(report, organisations, users) -> None:
    today = timezone.localdate()
    committee = Committee.objects.filter(name=COMMITTEE).first()
    official, clerk = users["prov_gd"], users["clerk_gz"]
    awards = {
        a.code: a for a in Award.objects.filter(code__in=[OPEN_AWARD, REVIEW_AWARD, NOTICE_AWARD, CONFERRED_AWARD])
    }
    region = official.region
    existing = set(Campaign.objects.filter(region=region).values_list("award__code", "year"))
    talents = _candidates(organisations["mingzhu"], rule_set_current(), today)
    created = 0
    nominations_before = Nomination.objects.filter(campaign__region=region).count()
    # Distinct talents per campaign so each page shows different people.
    if (OPEN_AWARD, today.year) not in existing and len(talents) >= 3:
        campaign = _campaign(
            official,
            awards[OPEN_AWARD],
            today.year,
            today - datetime.timedelta(days=10),
            today + datetime.timedelta(days=40),
            criteria=True,
        )
        _nominate(clerk, campaign, talents[0], today, submit=False, text=0)
        _nominate(clerk, campaign, talents[1], today, submit=True, text=1, pdf=True)
        _recommended(
            users, [_nominate(clerk, campaign, talents[2], today, submit=True, text=2, pdf=True)], province=False
        )
        created += 1
    if committee is None or len(talents) < 9:
        _report(report, region, created, nominations_before)
        return
    if (REVIEW_AWARD, today.year) not in existing:
        day = today - datetime.timedelta(days=40)
        campaign = _campaign(
            official,
            awards[REVIEW_AWARD],
            today.year,
            day - datetime.timedelta(days=20),
            day + datetime.timedelta(days=10),
            criteria=False,
        )
        nominations = [
            _nominate(clerk, campaign, t, day, submit=True, text=i, pdf=True) for i, t in enumerate(talents[3:5])
        ]
        campaign_close(actor=official, campaign=campaign, comment="推荐期已结束。")
        _recommended(users, nominations)
        _reviewed(users, committee, campaign, nominations, decided=False)
        created += 1
    if (NOTICE_AWARD, today.year) not in existing:
        day = today - datetime.timedelta(days=60)
        campaign = _campaign(
            official,
            awards[NOTICE_AWARD],
            today.year,
            day - datetime.timedelta(days=20),
            day + datetime.timedelta(days=10),
            criteria=False,
        )
        nominations = [
            _nominate(clerk, campaign, t, day, submit=True, text=i, pdf=True) for i, t in enumerate(talents[5:7])
        ]
        campaign_close(actor=official, campaign=campaign, comment="推荐期已结束。")
        _recommended(users, nominations)
        _reviewed(users, committee, campaign, nominations, decided=True)
        campaign_notice_publish(actor=official, campaign=campaign, contact=CONTACT)
        objection_file(
            entry=notice_entry_of(nominations[0]),
            name="张三",
            contact="13800138000",
            reason="据了解，被推荐人所报技术革新成果系班组集体完成，请予核实。",
        )
        created += 1
    if (CONFERRED_AWARD, today.year - 1) not in existing:
        day = datetime.date(today.year - 1, 4, 15)
        campaign = _campaign(
            official,
            awards[CONFERRED_AWARD],
            today.year - 1,
            day - datetime.timedelta(days=30),
            day + datetime.timedelta(days=30),
            criteria=False,
        )
        nominations = [_nominate(clerk, campaign, t, day, submit=True, text=i) for i, t in enumerate(talents[7:9])]
        campaign_close(actor=official, campaign=campaign, comment="推荐期已结束。")
        _recommended(users, nominations)
        _reviewed(users, committee, campaign, nominations, decided=True)
        notice = campaign_notice_publish(actor=official, campaign=campaign, contact=CONTACT)
        # The notice ran last summer: its dates move back so the conferral may follow now.
        PublicNotice.objects.filter(pk=notice.pk).update(
            opens_on=datetime.date(today.year - 1, 6, 2), closes_on=datetime.date(today.year - 1, 6, 9)
        )
        notice_close(notice=PublicNotice.objects.get(pk=notice.pk), actor=official)  # confers each entry
        # Every nomination decided: concluded now (the after-commit hook would do it once the seed commits).
        campaign_conclude(actor=official, campaign=Campaign.objects.get(pk=campaign.pk), comment="表彰工作已完成。")
        created += 1
    _report(report, region, created, nominations_before)


def _report(report, region, created: int, nominations_before: int) -> None:
    nominations = Nomination.objects.filter(campaign__region=region).count()
    report.created |= {"campaigns": created, "nominations": nominations - nominations_before}
    report.present |= {"campaigns": Campaign.objects.filter(region=region).count(), "nominations": nominations}
