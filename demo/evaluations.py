"""Demo data for evaluations (docs/evaluations.md), written through the services like a user would: a
Guangdong committee of three experts, an open skill-evaluation round for lathe operators (车工) at
technician level and an open engineering title review, and dossiers of 广州明珠数控机床 in several
states (draft, submitted with a PDF, withdrawn, and an ineligible draft showing its reasons).

Idempotent: the committee and rounds are found by name, and a round that already has dossiers gets
no more. The services write their own audit entries (actor: the official or clerk who acts).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role, User
from catalogues.models import Occupation, TitleSeries
from committees.selectors import member_rows
from eligibility.engine import evaluate
from eligibility.models import Outcome, Track
from eligibility.selectors.checks import rule_set_current
from eligibility.snapshots import load_snapshot
from evaluations.models import (
    Certificate,
    Committee,
    Dossier,
    DossierStatus,
    EvidenceKind,
    Method,
    ReviewDecision,
    Round,
    RoundKind,
)
from evaluations.services.assessment import (
    assessment_complete,
    assessment_prepare,
    committee_decide,
    current_exemptions,
    score_enter,
    vote_cast,
)
from evaluations.services.attachments import attachment_add
from evaluations.services.certificates import round_notice_publish
from evaluations.services.dossiers import dossier_create, dossier_submit, dossier_withdraw, evidence_add
from evaluations.services.review import dossier_review
from evaluations.services.rounds import committee_create, expert_province_id, round_create
from notices.models import PublicNotice
from notices.services import notice_close
from talents.models import Talent

COMMITTEE = "广东省机械制造技能评价专家委员会"
SKILL_ROUND = "2026年广东省车工技师评价（第一批）"
TITLE_ROUND = "2026年广东省工程系列中级职称评审（技能人才贯通）"

# A one-page PDF (the attachment check reads the content, not the name).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

EVIDENCE = (
    (EvidenceKind.PROCESS_IMPROVEMENT, "改进数控车床液压夹具，单件加工时间由12分钟降至8分钟。"),
    (EvidenceKind.APPRENTICES_TRAINED, "带徒5名，其中3人取得高级工职业资格。"),
    (EvidenceKind.COMPETITION_RESULT, "2025年广州市职业技能大赛车工项目二等奖。"),
)


def _committee(users) -> tuple[Committee | None, bool]:
    existing = Committee.objects.filter(name=COMMITTEE).first()
    if existing is not None:
        return existing, False
    official = users["prov_gd"]
    # An account with a demo username that seed_demo did not create may be anything: only experts of
    # Guangdong join.
    experts = [
        users[name]
        for name in ("expert1", "expert3", "expert4")
        if users[name].role == Role.EXPERT and expert_province_id(users[name]) == official.region_id
    ]
    if not experts:
        return None, False
    committee = committee_create(actor=official, name=COMMITTEE, members=experts, chair=experts[0])
    return committee, True


def _rounds(users, committee, today) -> tuple[Round, list[Round]]:
    created = []
    skill = Round.objects.filter(title=SKILL_ROUND).first()
    if skill is None:
        skill = round_create(
            actor=users["prov_gd"],
            kind=RoundKind.SKILL_EVALUATION,
            title=SKILL_ROUND,
            occupation=Occupation.objects.get(code="6-18-01-01"),
            target_level="technician",
            opens_on=today - datetime.timedelta(days=10),
            closes_on=today + datetime.timedelta(days=50),
            methods=[Method.THEORY_EXAM, Method.SKILL_OPERATION, (Method.PERFORMANCE_REVIEW, 70)],
            separate_group_for_high_skilled=True,
            committee=committee,
        )
        created.append(skill)
    if not Round.objects.filter(title=TITLE_ROUND).exists():
        created.append(
            round_create(
                actor=users["prov_gd"],
                kind=RoundKind.TITLE_REVIEW,
                title=TITLE_ROUND,
                title_series=TitleSeries.objects.get(code="engineering"),
                target_level="intermediate",
                opens_on=today - datetime.timedelta(days=5),
                closes_on=today + datetime.timedelta(days=60),
                methods=[Method.PERFORMANCE_REVIEW, Method.INTERVIEW_DEFENCE],
                committee=committee,
            )
        )
    return skill, created


def _talents_by_outcome(organisation, today) -> tuple[list, list]:
    """The employer's talents split by their promotion-to-technician outcome (the pure engine)."""
    rule_set = rule_set_current()
    eligible, ineligible = [], []
    for talent in Talent.objects.filter(employer=organisation).order_by("pk"):
        outcome = evaluate(load_snapshot(talent), Track.PROMOTION, "technician", rule_set, today).outcome
        (eligible if outcome == Outcome.ELIGIBLE else ineligible).append(talent)
    return eligible, ineligible


def _draft(clerk, round_, talent, *, evidence: int, pdf: bool):
    dossier = dossier_create(actor=clerk, round=round_, talent=talent, track=Track.PROMOTION)
    for kind, description in EVIDENCE[:evidence]:
        evidence_add(actor=clerk, dossier=dossier, kind=kind, description=description, date=datetime.date(2025, 6, 1))
    if pdf:
        upload = SimpleUploadedFile("技能等级证书.pdf", DEMO_PDF, content_type="application/pdf")
        attachment_add(actor=clerk, dossier=dossier, upload=upload)
    return dossier


def _dossiers(users, organisations, round_, today) -> list[Dossier]:
    if Dossier.objects.filter(round=round_).exists():
        return []
    clerk = users["clerk_gz"]
    eligible, ineligible = _talents_by_outcome(organisations["mingzhu"], today)
    created = []
    if len(eligible) >= 3:
        submitted = [_draft(clerk, round_, talent, evidence=3, pdf=True) for talent in eligible[:2]]
        for dossier in submitted:
            dossier_submit(actor=clerk, dossier=dossier)
        withdrawn = _draft(clerk, round_, eligible[2], evidence=1, pdf=False)
        dossier_submit(actor=clerk, dossier=withdrawn)
        dossier_withdraw(actor=clerk, dossier=withdrawn, comment="补充竞赛获奖证书后重新提交。")
        created += [*submitted, withdrawn]
    if len(eligible) >= 4:
        created.append(_draft(clerk, round_, eligible[3], evidence=2, pdf=True))
    if ineligible:
        created.append(_draft(clerk, round_, ineligible[0], evidence=1, pdf=False))
    return created


def _certified(users, round_, today) -> int:
    """One submitted dossier taken through review, assessment, the committee's vote and a public notice
    already over (its dates moved back, as seed data may) to its certificate, and so to the talent's
    credential (docs/evaluations.md). Returns the number of certificates issued now."""
    if Certificate.objects.filter(dossier__round=round_).exists():
        return 0
    dossier = Dossier.objects.filter(round=round_, status=DossierStatus.SUBMITTED).order_by("pk").first()
    if dossier is None:
        return 0
    official = users["prov_gd"]
    experts = list(User.objects.filter(pk__in=[pk for pk, _organisation in member_rows(round_.committee_id)]))
    dossier_review(actor=users["city_gz"], dossier=dossier, decision=ReviewDecision.APPROVE, comment="材料齐全。")
    dossier_review(actor=official, dossier=dossier, decision=ReviewDecision.APPROVE, comment="同意进入评价。")
    dossier = assessment_prepare(dossier=dossier)
    methods = [m.method for m in round_.methods.all() if m.method not in current_exemptions(dossier)]
    for expert in experts:
        for method in methods:
            score_enter(actor=expert, dossier=dossier, method=method, value=86)
    assessment_complete(actor=official, dossier=dossier)
    for expert in experts:
        vote_cast(actor=expert, dossier=dossier, choice="yes")
    committee_decide(actor=official, dossier=dossier)
    notice = round_notice_publish(
        actor=official, round_=round_, dossiers=[dossier], title=f"{round_.title}拟认定人员公示"
    )
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=13)
    )
    notice_close(notice=PublicNotice.objects.get(pk=notice.pk), actor=official)  # certifies the dossier
    return Certificate.objects.filter(dossier=dossier).count()


def seed_evaluations(report, organisations, users) -> None:
    """Committee, rounds and dossiers; counts go to the report (the services audit every row)."""
    today = timezone.localdate()
    committee, committee_created = _committee(users)
    skill_round, new_rounds = _rounds(users, committee, today)
    new_dossiers = _dossiers(users, organisations, skill_round, today)
    certificates = _certified(users, skill_round, today) if committee is not None else 0
    report.created |= {
        "committees": int(committee_created),
        "rounds": len(new_rounds),
        "dossiers": len(new_dossiers),
        "certificates": certificates,
    }
    report.present |= {
        "committees": Committee.objects.filter(name=COMMITTEE).count(),
        "rounds": Round.objects.filter(title__in=[SKILL_ROUND, TITLE_ROUND]).count(),
        "dossiers": Dossier.objects.filter(round=skill_round).count(),
        "certificates": Certificate.objects.filter(dossier__round=skill_round).count(),
    }
