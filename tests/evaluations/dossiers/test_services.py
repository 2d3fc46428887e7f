"""Dossier drafting and submission services: every rule and bad input of issue 5 (window, duplicate,
editability, ineligible refusal, revision content, illegal transitions, high-skilled group)."""

import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from eligibility.models import EligibilityCheck, Outcome, Track
from evaluations.models import Dossier, DossierRevision, DossierStatus, EvidenceKind
from evaluations.selectors.dossiers import eligibility_preview
from evaluations.services.attachments import attachment_add, attachment_remove
from evaluations.services.dossiers import (
    IneligibleError,
    dossier_create,
    dossier_submit,
    dossier_update,
    dossier_withdraw,
    evidence_add,
    evidence_remove,
    evidence_set,
    evidence_update,
)
from tests.evaluations.dossiers.factories import PDF, PNG, eligible_talent, upload
from tests.evaluations.factories import DossierFactory, EvidenceItemFactory, RoundFactory, TitleRoundFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def create(world, **kwargs):
    round_ = kwargs.pop("round", None) or RoundFactory()
    talent = kwargs.pop("talent", None) or eligible_talent(world.org)
    return dossier_create(actor=world.clerk, round=round_, talent=talent, track=Track.PROMOTION, **kwargs)


# Creating


def test_create_makes_a_draft_with_the_rounds_level_and_audits(world):
    dossier = create(world)
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.target_level == "technician"
    assert dossier.organisation == world.org
    assert AuditLog.objects.for_object(dossier).filter(action="dossier_create").count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "code"), [(5, 20, "window_not_open"), (-30, -1, "window_closed")], ids=["early", "late"]
)
def test_create_outside_the_window_is_a_clear_400(world, opens, closes, code):
    round_ = RoundFactory(
        opens_on=TODAY() + datetime.timedelta(days=opens), closes_on=TODAY() + datetime.timedelta(days=closes)
    )
    with pytest.raises(ApplicationError) as caught:
        create(world, round=round_)
    assert caught.value.status == 400 and caught.value.code == code
    assert round_.opens_on.isoformat() in str(caught.value.message) or round_.closes_on.isoformat() in str(
        caught.value.message
    )
    assert not Dossier.objects.exists()


def test_window_includes_its_first_and_last_day(world):
    today = TODAY()
    assert create(world, round=RoundFactory(opens_on=today, closes_on=today)).pk


def test_one_dossier_per_round_and_talent(world):
    dossier = create(world)
    with pytest.raises(ApplicationError) as caught:
        create(world, round=dossier.round, talent=dossier.talent)
    assert caught.value.code == "duplicate" and caught.value.field == "talent"
    assert dossier.talent.name in str(caught.value.message)
    assert Dossier.objects.count() == 1


def test_only_the_employers_clerk_creates(world):
    talent = eligible_talent(world.org)
    with pytest.raises(PermissionDeniedError):
        dossier_create(actor=world.city_official, round=RoundFactory(), talent=talent, track=Track.PROMOTION)
    with pytest.raises(ApplicationError) as caught:
        dossier_create(actor=world.clerk_other_org, round=RoundFactory(), talent=talent, track=Track.PROMOTION)
    assert caught.value.field == "talent"


def test_level_must_fit_the_track_and_the_round(world):
    with pytest.raises(ApplicationError) as caught:
        create(world, target_level="intermediate")  # a title level in a skill evaluation
    assert caught.value.field == "target_level"
    with pytest.raises(ApplicationError) as caught:
        dossier_create(
            actor=world.clerk, round=TitleRoundFactory(), talent=eligible_talent(world.org), track="green_channel"
        )  # the green channel leads to deputy senior / senior only
    assert caught.value.field == "target_level"


# Editing


def test_evidence_add_edit_remove_while_draft(world):
    dossier = create(world)
    item = evidence_add(
        actor=world.clerk, dossier=dossier, kind=EvidenceKind.PATENT, description=" 实用新型专利 ", date=TODAY()
    )
    assert item.description == "实用新型专利" and item.position == 1
    evidence_update(actor=world.clerk, item=item, kind=EvidenceKind.PATENT, description="发明专利", date=TODAY())
    item.refresh_from_db()
    assert item.description == "发明专利"
    evidence_remove(actor=world.clerk, item=item)
    assert not dossier.evidence.exists()
    actions = set(AuditLog.objects.for_object(dossier).values_list("action", flat=True))
    assert {"evidence_add", "evidence_update", "evidence_remove"} <= actions


@pytest.mark.parametrize(
    ("kind", "description", "days", "field"),
    [("nonsense", "x", 0, "kind"), ("patent", "  ", 0, "description"), ("patent", "x", 3, "date")],
)
def test_evidence_bad_input(world, kind, description, days, field):
    dossier = create(world)
    with pytest.raises(ApplicationError) as caught:
        evidence_add(
            actor=world.clerk,
            dossier=dossier,
            kind=kind,
            description=description,
            date=TODAY() + datetime.timedelta(days=days),
        )
    assert caught.value.field == field
    assert not dossier.evidence.exists()


def test_evidence_set_changes_adds_and_removes(world):
    dossier = create(world)
    keep = EvidenceItemFactory(dossier=dossier, position=1)
    drop = EvidenceItemFactory(dossier=dossier, position=2)
    items = evidence_set(
        actor=world.clerk,
        dossier=dossier,
        items=[
            {"kind": "other", "description": "新增", "date": datetime.date(2024, 1, 1)},
            {"id": keep.pk, "kind": "patent", "description": "改", "date": datetime.date(2024, 2, 1)},
        ],
    )
    assert [item.description for item in items] == ["新增", "改"]
    assert not dossier.evidence.filter(pk=drop.pk).exists()
    keep.refresh_from_db()
    assert (keep.kind, keep.position) == ("patent", 2)


def test_a_submitted_dossier_cannot_be_edited(world):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=DossierStatus.SUBMITTED)
    with pytest.raises(ApplicationError) as caught:
        evidence_add(actor=world.clerk, dossier=dossier, kind="patent", description="x", date=TODAY())
    assert caught.value.status == 409 and caught.value.code == "not_editable"
    with pytest.raises(ApplicationError) as refused:
        dossier_update(actor=world.clerk, dossier=dossier, track="standard", target_level="technician")
    assert (refused.value.code, refused.value.status) == ("not_editable", 409)
    with pytest.raises(PermissionDeniedError):
        evidence_add(actor=world.clerk_other_org, dossier=dossier, kind="patent", description="x", date=TODAY())


# Submitting


def test_submit_freezes_a_revision_and_stores_the_check(world):
    dossier = create(world)
    item = EvidenceItemFactory(dossier=dossier)
    kept = attachment_add(actor=world.clerk, dossier=dossier, upload=upload(), evidence_item=item)
    gone = attachment_add(actor=world.clerk, dossier=dossier, upload=upload(PNG, "x.png", "image/png"))
    attachment_remove(actor=world.clerk, attachment=gone)

    dossier = dossier_submit(actor=world.clerk, dossier=dossier)

    assert dossier.status == DossierStatus.SUBMITTED and dossier.submitted_at is not None
    revision = dossier.current_revision
    assert revision.number == 1 and revision.submitted_by == world.clerk
    content = revision.content
    assert content["fields"]["track"] == "promotion" and content["fields"]["target_level"] == "technician"
    assert [e["id"] for e in content["evidence"]] == [item.pk]
    assert content["attachments"] == [
        {
            "id": kept.pk,
            "name": "证明材料.pdf",
            "sha256": kept.sha256,
            "size": len(PDF),
            "content_type": "application/pdf",
            "evidence_item": item.pk,
        }
    ]
    check = dossier.eligibility_check
    assert check.outcome == Outcome.ELIGIBLE and dossier.eligibility_outcome == Outcome.ELIGIBLE
    assert check.rule_set == dossier.round.rule_set
    assert AuditLog.objects.for_object(dossier).filter(action="dossier_submit", to_state="submitted").exists()


def test_an_ineligible_talent_is_refused_with_the_reasons_and_nothing_is_stored(world):
    dossier = create(world, talent=TalentFactory(employer=world.org))  # no credential: nothing to promote from
    with pytest.raises(IneligibleError) as caught:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert caught.value.reasons and all(not reason["passed"] for reason in caught.value.reasons)
    assert caught.value.reasons[0]["rule"] in str(caught.value.message)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT and dossier.current_revision is None
    assert not DossierRevision.objects.exists() and not EligibilityCheck.objects.exists()


def test_submit_outside_the_window_is_refused(world):
    dossier = create(world)
    later = dossier.round.closes_on + datetime.timedelta(days=1)
    with pytest.raises(ApplicationError) as caught:
        dossier_submit(actor=world.clerk, dossier=dossier, today=later)
    assert caught.value.code == "window_closed" and caught.value.status == 400
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_submitting_twice_is_an_illegal_transition(world):
    dossier = dossier_submit(actor=world.clerk, dossier=create(world))
    with pytest.raises(ApplicationError) as caught:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert caught.value.status == 409 and caught.value.code == "illegal_transition"
    assert DossierRevision.objects.filter(dossier=dossier).count() == 1


def test_another_clerk_may_not_submit(world):
    dossier = create(world)
    with pytest.raises(PermissionDeniedError):
        dossier_submit(actor=world.clerk_other_org, dossier=dossier)


def test_withdraw_then_resubmit_makes_revision_two(world):
    dossier = dossier_submit(actor=world.clerk, dossier=create(world))
    dossier = dossier_withdraw(actor=world.clerk, dossier=dossier, comment="补充材料")
    assert dossier.status == DossierStatus.WITHDRAWN and dossier.is_editable
    evidence_add(actor=world.clerk, dossier=dossier, kind="patent", description="新专利", date=TODAY())
    dossier = dossier_submit(actor=world.clerk, dossier=dossier)
    assert dossier.current_revision.number == 2
    assert [e["description"] for e in dossier.current_revision.content["evidence"]] == ["新专利"]
    with pytest.raises(ApplicationError) as caught:
        dossier_withdraw(actor=world.clerk, dossier=DossierFactory(talent=eligible_talent(world.org)))
    assert caught.value.status == 409  # a draft cannot be withdrawn


def test_resubmit_after_return(world):
    dossier = dossier_submit(actor=world.clerk, dossier=create(world))
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.RETURNED)
    dossier.refresh_from_db()
    dossier = dossier_submit(actor=world.clerk, dossier=dossier)
    assert dossier.status == DossierStatus.SUBMITTED and dossier.current_revision.number == 2


@pytest.mark.parametrize(("separate", "expected"), [(True, True), (False, False)])
def test_high_skilled_group_needs_the_flag_and_senior_worker(world, separate, expected):
    round_ = RoundFactory(separate_group_for_high_skilled=separate)
    dossier = dossier_submit(actor=world.clerk, dossier=create(world, round=round_))
    assert dossier.high_skilled_group is expected


def test_below_senior_worker_is_not_high_skilled(world):
    from catalogues.models import SkillLevel
    from tests.talents.factories import CredentialFactory, catalogue

    talent = TalentFactory(employer=world.org)
    CredentialFactory(
        talent=talent, skill_level=catalogue(SkillLevel, "intermediate_worker"), obtained_on=datetime.date(2020, 1, 1)
    )
    round_ = RoundFactory(separate_group_for_high_skilled=True, target_level="senior_worker")
    dossier = dossier_submit(actor=world.clerk, dossier=create(world, round=round_, talent=talent))
    assert dossier.high_skilled_group is False


def test_preview_shows_every_reason_and_stores_nothing(world):
    dossier = create(world, talent=TalentFactory(employer=world.org))
    preview = eligibility_preview(dossier=dossier)
    assert preview.outcome == Outcome.INELIGIBLE and preview.refuses_submission
    assert preview.reasons and all({"rule", "passed", "text", "source"} <= set(r) for r in preview.reasons)
    assert not EligibilityCheck.objects.exists()


def test_needs_review_may_submit(world):
    # R1(b): high-skilled, long in a frontline post, no listed honour → an official decides later.
    round_ = TitleRoundFactory(target_level="deputy_senior")
    talent = eligible_talent(world.org, frontline=True, years_of_work=20)
    dossier = dossier_create(actor=world.clerk, round=round_, talent=talent, track=Track.GREEN_CHANNEL)
    dossier = dossier_submit(actor=world.clerk, dossier=dossier)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.eligibility_outcome == Outcome.NEEDS_REVIEW
