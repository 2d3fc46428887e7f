"""The review's services: each decision the workflow lets an official take, its review record, the
refusals (403 not your step, 409 not possible now, 400 comment missing), bulk approval, comments and
the revision a reviewer has seen."""

import pytest
from django.utils import translation

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from eligibility.models import Track
from evaluations.models import (
    CommentVisibility,
    DossierReview,
    DossierStatus,
    ReviewLevel,
    RevisionSeen,
)
from evaluations.selectors.review import dossier_comments
from evaluations.services.comments import dossier_comment_add
from evaluations.services.review import dossier_bulk_approve, dossier_review, revision_seen_record
from tests.accounts.factories import OrganisationFactory, region
from tests.evaluations.factories import add_members, freeze_revision
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def test_city_approval_moves_a_city_dossier_on_and_records_the_city_level(world):
    dossier = submitted_dossier(world.org)
    updated = dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    assert updated.status == DossierStatus.CITY_APPROVED
    review = DossierReview.objects.get(dossier=dossier)
    assert (review.level, review.decision, review.reviewer, review.revision_id) == (
        ReviewLevel.CITY,
        "approve",
        world.city_official,
        dossier.current_revision_id,
    )
    entry = AuditLog.objects.for_object(dossier).get(action="dossier_approve")
    assert (entry.from_state, entry.to_state, entry.actor) == ("submitted", "city_approved", world.city_official)


def test_province_approval_after_the_city_sends_the_dossier_to_assessment(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    updated = dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve", comment="同意")
    assert updated.status == DossierStatus.IN_ASSESSMENT
    assert DossierReview.objects.get(dossier=dossier).level == ReviewLevel.PROVINCE


def test_the_province_cannot_skip_the_city_on_a_city_dossier(world):
    dossier = submitted_dossier(world.org)
    with pytest.raises(PermissionDeniedError):
        dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert not DossierReview.objects.exists()


def test_a_green_channel_dossier_is_reviewed_by_the_province_only(world):
    dossier = submitted_dossier(world.org, track=Track.GREEN_CHANNEL)
    with pytest.raises(PermissionDeniedError):
        dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    updated = dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve")
    assert updated.status == DossierStatus.IN_ASSESSMENT
    assert DossierReview.objects.get(dossier=dossier).level == ReviewLevel.PROVINCE


@pytest.mark.parametrize(("decision", "target"), [("return", "returned"), ("reject", "rejected")])
def test_when_the_city_is_skipped_the_province_returns_or_rejects_a_submitted_dossier(world, decision, target):
    dossier = submitted_dossier(world.org, track=Track.GREEN_CHANNEL)
    with pytest.raises(PermissionDeniedError):
        dossier_review(actor=world.city_official, dossier=dossier, decision=decision, comment="不符合")
    updated = dossier_review(actor=world.provincial_official, dossier=dossier, decision=decision, comment="不符合")
    assert updated.status == target
    assert DossierReview.objects.get(dossier=dossier).level == ReviewLevel.PROVINCE


def test_a_city_less_organisation_goes_straight_to_the_province(world):
    provincial_org = OrganisationFactory(region=region("440000"))
    dossier = submitted_dossier(provincial_org)
    updated = dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve")
    assert updated.status == DossierStatus.IN_ASSESSMENT


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_return_and_reject_need_a_comment(world, decision):
    dossier = submitted_dossier(world.org)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(actor=world.city_official, dossier=dossier, decision=decision, comment="   ")
    assert (refused.value.status, refused.value.field) == (400, "comment")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert not DossierReview.objects.exists()


def test_the_city_returns_with_a_comment(world):
    dossier = submitted_dossier(world.org)
    updated = dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充专利证书")
    assert updated.status == DossierStatus.RETURNED
    review = DossierReview.objects.get(dossier=dossier)
    assert (review.level, review.decision, review.comment) == (ReviewLevel.CITY, "return", "请补充专利证书")
    assert AuditLog.objects.for_object(dossier).get(action="dossier_return").comment == "请补充专利证书"


def test_the_city_rejects_and_the_decision_time_is_set(world):
    dossier = submitted_dossier(world.org)
    updated = dossier_review(actor=world.city_official, dossier=dossier, decision="reject", comment="不符合条件")
    assert updated.status == DossierStatus.REJECTED
    assert updated.decided_at is not None


@pytest.mark.parametrize(("decision", "target"), [("return", "returned"), ("reject", "rejected")])
def test_the_province_returns_or_rejects_a_city_approved_dossier(world, decision, target):
    dossier = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    updated = dossier_review(actor=world.provincial_official, dossier=dossier, decision=decision, comment="材料不全")
    assert updated.status == target
    assert DossierReview.objects.get(dossier=dossier).level == ReviewLevel.PROVINCE


@pytest.mark.parametrize("status", [DossierStatus.IN_ASSESSMENT, DossierStatus.RETURNED, DossierStatus.REJECTED])
def test_a_decision_in_a_state_past_review_is_a_conflict(world, status):
    dossier = submitted_dossier(world.org, status=status)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(actor=world.provincial_official, dossier=dossier, decision="approve")
    assert (refused.value.status, refused.value.code) == (409, "illegal_transition")


def test_a_second_approval_from_a_stale_page_is_a_conflict(world):
    dossier = submitted_dossier(world.org)
    dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    with pytest.raises(ApplicationError) as refused:
        dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    assert (refused.value.status, refused.value.code) == (409, "decided_meanwhile")
    assert DossierReview.objects.filter(dossier=dossier).count() == 1


def test_a_step_that_was_never_this_officials_stays_forbidden(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    with pytest.raises(PermissionDeniedError):
        dossier_review(actor=world.city_official, dossier=dossier, decision="approve")


def test_an_official_of_another_city_may_not_decide(world):
    dossier = submitted_dossier(world.org)
    with pytest.raises(PermissionDeniedError):
        dossier_review(actor=world.city_official_other_city, dossier=dossier, decision="approve")


def test_an_unknown_decision_is_bad_input(world):
    dossier = submitted_dossier(world.org)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(actor=world.city_official, dossier=dossier, decision="maybe")
    assert (refused.value.status, refused.value.field) == (400, "decision")


def test_a_dossier_without_a_frozen_revision_cannot_be_reviewed(world):
    dossier = submitted_dossier(world.org, with_revision=False)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    assert (refused.value.status, refused.value.code) == (409, "no_revision")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_bulk_approval_approves_each_and_skips_with_reasons(world):
    mine = submitted_dossier(world.org)
    also_mine = submitted_dossier(world.org_same_city)
    already = submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    elsewhere = submitted_dossier(world.org_other_city)
    with translation.override("en"):
        result = dossier_bulk_approve(
            actor=world.city_official, dossier_ids=[mine.pk, also_mine.pk, already.pk, elsewhere.pk, mine.pk]
        )
    assert result.approved == [mine.pk, also_mine.pk]
    skipped = dict(result.skipped)
    assert set(skipped) == {already.pk, elsewhere.pk}
    assert skipped[elsewhere.pk] == "Not found."
    already.refresh_from_db()
    assert already.status == DossierStatus.CITY_APPROVED
    assert DossierReview.objects.filter(decision="approve").count() == 2


# Comments


def test_a_clerks_comment_is_always_visible_to_the_enterprise(world):
    dossier = submitted_dossier(world.org)
    comment = dossier_comment_add(actor=world.clerk, dossier=dossier, body="已补充材料")
    assert comment.visibility == CommentVisibility.ENTERPRISE
    assert comment.revision_id == dossier.current_revision_id
    with pytest.raises(ApplicationError) as refused:
        dossier_comment_add(actor=world.clerk, dossier=dossier, body="内部", visibility="internal")
    assert refused.value.field == "visibility"


def test_an_official_chooses_the_visibility(world):
    dossier = submitted_dossier(world.org)
    with pytest.raises(ApplicationError) as refused:
        dossier_comment_add(actor=world.city_official, dossier=dossier, body="内部意见")
    assert refused.value.field == "visibility"
    internal = dossier_comment_add(actor=world.city_official, dossier=dossier, body="内部意见", visibility="internal")
    assert internal.visibility == CommentVisibility.INTERNAL


def test_an_empty_comment_is_refused(world):
    dossier = submitted_dossier(world.org)
    with pytest.raises(ApplicationError) as refused:
        dossier_comment_add(actor=world.clerk, dossier=dossier, body="  ")
    assert refused.value.field == "body"


def test_experts_add_internal_comments_only_as_members(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.IN_ASSESSMENT)
    with pytest.raises(PermissionDeniedError):
        dossier_comment_add(actor=world.expert, dossier=dossier, body="评审意见")
    add_members(dossier.round.committee, [world.expert])
    del dossier.round.committee._committee_members  # the rules cache the membership on the loaded committee
    comment = dossier_comment_add(actor=world.expert, dossier=dossier, body="评审意见")
    assert comment.visibility == CommentVisibility.INTERNAL
    with pytest.raises(ApplicationError) as refused:
        dossier_comment_add(actor=world.expert, dossier=dossier, body="给企业", visibility="enterprise")
    assert (refused.value.code, refused.value.status, refused.value.field) == ("invalid", 400, "visibility")


def test_who_reads_which_comments(world):
    dossier = submitted_dossier(world.org, status=DossierStatus.IN_ASSESSMENT)
    add_members(dossier.round.committee, [world.expert])
    public = dossier_comment_add(
        actor=world.provincial_official, dossier=dossier, body="请说明", visibility="enterprise"
    )
    internal = dossier_comment_add(actor=world.provincial_official, dossier=dossier, body="内部", visibility="internal")
    deliberation = dossier_comment_add(actor=world.expert, dossier=dossier, body="评审意见")
    everything = [public, internal, deliberation]
    assert list(dossier_comments(actor=world.clerk, dossier=dossier)) == [public]
    assert list(dossier_comments(actor=world.city_official, dossier=dossier)) == everything
    # Officials' internal remarks stay with officials; the committee reads its own and the enterprise's.
    assert list(dossier_comments(actor=world.expert, dossier=dossier)) == [public, deliberation]
    assert list(dossier_comments(actor=world.national_official, dossier=dossier)) == everything
    assert list(dossier_comments(actor=world.admin, dossier=dossier)) == everything


# Revisions seen


def test_the_seen_mark_moves_with_the_revision_and_returns_the_previous_one(world):
    dossier = submitted_dossier(world.org)
    first = dossier.current_revision
    assert revision_seen_record(actor=world.city_official, dossier=dossier) is None
    assert RevisionSeen.objects.get(dossier=dossier, user=world.city_official).revision == first
    assert revision_seen_record(actor=world.city_official, dossier=dossier).revision == first
    second = freeze_revision(dossier)
    previous = revision_seen_record(actor=world.city_official, dossier=dossier)
    assert previous.revision == first
    assert RevisionSeen.objects.get(dossier=dossier, user=world.city_official).revision == second


def test_the_returned_dossier_carries_its_review_record(world):
    dossier = submitted_dossier(world.org)
    updated = dossier_review(actor=world.city_official, dossier=dossier, decision="approve", comment="同意")
    assert updated.recorded_review == DossierReview.objects.get(dossier=dossier)
    assert updated.recorded_review.comment == "同意"
