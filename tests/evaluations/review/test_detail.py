"""The dossier page: what each party sees (masked ID, evidence, attachments, eligibility reasons and
overrides, reviews, comments by visibility, the audit trail), the decision and comment forms, and
what changed since the revision a reviewer last saw."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from eligibility.models import EligibilityOverride
from evaluations.models import Attachment, CommentVisibility, DossierComment, DossierStatus, RevisionSeen
from evaluations.services.review import dossier_review
from tests.accounts.factories import UserFactory, region
from tests.eligibility.factories import EligibilityCheckFactory
from tests.evaluations.factories import EvidenceItemFactory, add_members, freeze_revision
from tests.evaluations.review.factories import attachment, content, evidence, submitted_dossier
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def detail(dossier) -> str:
    return reverse("evaluations:dossier-detail", args=[dossier.pk])


def make_attachment(dossier, name="专利证书.pdf", removed=False):
    n = Attachment.objects.count()
    return Attachment.objects.create(
        dossier=dossier,
        file=f"dossiers/{dossier.pk}/aa/key{n}",
        storage_key=f"key-{dossier.pk}-{n}",
        original_name=name,
        content_type="application/pdf",
        size=2048,
        sha256="a" * 64,
        uploaded_by=dossier.created_by,
        removed_at=datetime.datetime(2026, 5, 2, tzinfo=datetime.UTC) if removed else None,
    )


def test_the_page_shows_the_dossier_with_masked_id_evidence_and_current_attachments(world, client_for):
    talent = TalentFactory(employer=world.org, name="李明", id_number="440106198503070011")
    dossier = submitted_dossier(world.org, talent=talent)
    EvidenceItemFactory(dossier=dossier, description="改进数控车床夹具")
    make_attachment(dossier, "专利证书.pdf")
    make_attachment(dossier, "旧文件.pdf", removed=True)
    body = client_for(world.city_official).get(detail(dossier)).content.decode()
    assert "李明" in body and "440106********0011" in body
    assert "440106198503070011" not in body
    assert "改进数控车床夹具" in body
    assert "专利证书.pdf" in body and "旧文件.pdf" not in body
    assert dossier.round.title in body


def test_the_eligibility_reasons_and_an_officials_override_are_shown(world, client_for):
    dossier = submitted_dossier(world.org)
    check = EligibilityCheckFactory(
        talent=dossier.talent,
        track=dossier.track,
        target_level=dossier.target_level,
        outcome="needs_review",
        reasons=[
            {
                "rule": "R2",
                "clause": "R2.level",
                "passed": False,
                "explanation": {"zh-hans": "未取得技师证书满规定年限", "en": "Not a technician long enough"},
                "source": "技能人才评价政策 第三条",
            }
        ],
    )
    dossier.eligibility_check, dossier.eligibility_outcome = check, "needs_review"
    dossier.save(update_fields=["eligibility_check", "eligibility_outcome"])
    EligibilityOverride.objects.create(
        talent=dossier.talent,
        track=dossier.track,
        target_level=dossier.target_level,
        check_overridden=check,
        outcome="eligible",
        reason="业绩突出，破格认定",
        decided_by=world.provincial_official,
    )
    with translation.override("zh-hans"):
        body = client_for(world.city_official).get(detail(dossier)).content.decode()
    assert "未取得技师证书满规定年限" in body
    # The citation comes from the clause catalogue in the page's language, whatever the check stored.
    assert "《关于进一步加强高技能人才与专业技术人才职业发展贯通的实施意见》主要措施（二）" in body
    assert "技能人才评价政策 第三条" not in body and "skills-title-integration-opinions" not in body
    assert "业绩突出，破格认定" in body


def test_the_audit_trail_and_the_reviews_are_shown(world, client_for):
    dossier = submitted_dossier(world.org)
    dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充专利证书")
    response = client_for(world.clerk).get(detail(dossier))
    body = response.content.decode()
    assert [row["entry"].action for row in response.context["audit_trail"]] == ["dossier_return"]
    assert "请补充专利证书" in body
    assert 'data-decision="return"' in body


def test_officials_see_the_decision_buttons_the_workflow_allows(world, client_for):
    dossier = submitted_dossier(world.org)
    city = client_for(world.city_official).get(detail(dossier))
    assert city.context["review_actions"] == ["approve", "return", "reject"]
    assert 'value="approve"' in city.content.decode()
    province = client_for(world.provincial_official).get(detail(dossier))
    assert province.context["review_actions"] == []  # the city's step first
    assert province.context["review_form"] is None
    assert 'id="review-form"' not in province.content.decode()


def test_the_clerk_sees_no_decision_form_and_only_enterprise_comments(world, client_for):
    dossier = submitted_dossier(world.org)
    DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.INTERNAL, body="内部意见：存疑"
    )
    DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.ENTERPRISE, body="请补充材料"
    )
    response = client_for(world.clerk).get(detail(dossier))
    body = response.content.decode()
    assert response.context["review_form"] is None
    assert "请补充材料" in body and "内部意见：存疑" not in body
    assert 'name="visibility"' in body and 'type="hidden"' in body  # a clerk does not choose
    official = client_for(world.city_official).get(detail(dossier)).content.decode()
    assert "内部意见：存疑" in official


def test_an_expert_of_the_committee_sees_a_dossier_in_assessment(world, client_for):
    dossier = submitted_dossier(world.org, status=DossierStatus.IN_ASSESSMENT)
    client = client_for(world.expert)
    assert client.get(detail(dossier)).status_code == 404
    add_members(dossier.round.committee, [world.expert])
    response = client.get(detail(dossier))
    assert response.status_code == 200
    assert RevisionSeen.objects.filter(user=world.expert, dossier=dossier).exists()


def test_out_of_scope_dossiers_are_not_found(world, client_for):
    dossier = submitted_dossier(world.org_other_city)
    assert client_for(world.city_official).get(detail(dossier)).status_code == 404
    assert client_for(world.clerk).get(detail(dossier)).status_code == 404
    assert client_for(world.provincial_official_other).get(detail(dossier)).status_code == 404


# What changed since the revision the reviewer saw


def test_after_a_resubmission_the_reviewer_sees_what_changed_since_their_revision(world, client_for):
    dossier = submitted_dossier(world.org)
    dossier.current_revision.content = content(evidence=[evidence(1)], attachments=[attachment(5, "旧证书.pdf")])
    dossier.current_revision.save(update_fields=["content"])
    client = client_for(world.city_official)
    first_visit = client.get(detail(dossier))
    assert first_visit.context["changes"] is None
    assert RevisionSeen.objects.get(user=world.city_official, dossier=dossier).revision.number == 1
    freeze_revision(
        dossier,
        content=content(
            evidence=[evidence(1, description="改进夹具，效率提高40%"), evidence(2, description="带徒5名")],
            attachments=[attachment(6, "新证书.pdf")],
        ),
    )
    second_visit = client.get(detail(dossier))
    body = second_visit.content.decode()
    assert second_visit.context["changes_since"] == 1
    assert 'id="revision-changes"' in body
    for text in ("改进夹具，效率提高40%", "带徒5名", "新证书.pdf", "旧证书.pdf"):
        assert text in body
    assert RevisionSeen.objects.get(user=world.city_official, dossier=dossier).revision.number == 2
    # Seen now: the next visit shows no changes, unless the comparison is asked for.
    assert client.get(detail(dossier)).context["changes"] is None
    kept = client.get(detail(dossier), {"compare": 1})
    assert kept.context["changes_since"] == 1 and kept.context["changes"].changed


def test_a_clerks_visit_marks_nothing(world, client_for):
    dossier = submitted_dossier(world.org)
    client_for(world.clerk).get(detail(dossier))
    assert not RevisionSeen.objects.exists()


def test_the_page_keeps_a_constant_number_of_queries(world, client_for, django_assert_num_queries):
    dossier = submitted_dossier(world.org)
    client = client_for(world.city_official)

    def grow():
        EvidenceItemFactory(dossier=dossier)
        make_attachment(dossier)
        DossierComment.objects.create(
            dossier=dossier, author=world.city_official, visibility=CommentVisibility.INTERNAL, body="意见"
        )

    grow()
    client.get(detail(dossier))
    with CaptureQueriesContext(connection) as one:
        client.get(detail(dossier))
    for _ in range(5):
        grow()
    with django_assert_num_queries(len(one)):
        response = client.get(detail(dossier))
    assert len(response.context["comments"]) == 6


# Deciding on the page


def review(dossier) -> str:
    return reverse("evaluations:dossier-review", args=[dossier.pk])


def test_approving_on_the_page(world, client_for):
    dossier = submitted_dossier(world.org)
    response = client_for(world.city_official).post(review(dossier), {"decision": "approve"})
    assert response.status_code == 302 and response.url == detail(dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CITY_APPROVED


def test_returning_without_a_comment_shows_the_error_next_to_the_field(world, client_for):
    dossier = submitted_dossier(world.org)
    response = client_for(world.city_official).post(review(dossier), {"decision": "return", "comment": ""})
    assert response.status_code == 200
    assert "comment" in response.context["review_form"].errors
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_decision_from_a_stale_page_is_a_conflict(world, client_for):
    dossier = submitted_dossier(world.org, status=DossierStatus.IN_ASSESSMENT)
    response = client_for(world.provincial_official).post(review(dossier), {"decision": "approve"})
    assert response.status_code == 409
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_step_that_is_not_yours_is_forbidden_and_out_of_scope_is_not_found(world, client_for):
    dossier = submitted_dossier(world.org)
    assert client_for(world.provincial_official).post(review(dossier), {"decision": "approve"}).status_code == 403
    assert client_for(world.city_official_other_city).post(review(dossier), {"decision": "approve"}).status_code == 404
    assert client_for(world.clerk).post(review(dossier), {"decision": "approve"}).status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


# Comments on the page


def comment_url(dossier) -> str:
    return reverse("evaluations:dossier-comment-add", args=[dossier.pk])


def test_a_clerk_comments_for_the_enterprise_whatever_is_posted(world, client_for):
    dossier = submitted_dossier(world.org)
    response = client_for(world.clerk).post(comment_url(dossier), {"body": "已补充", "visibility": "enterprise"})
    assert response.status_code == 302
    assert DossierComment.objects.get().visibility == CommentVisibility.ENTERPRISE
    refused = client_for(world.clerk).post(comment_url(dossier), {"body": "内部", "visibility": "internal"})
    assert refused.status_code == 200
    assert "visibility" in refused.context["comment_form"].errors
    assert DossierComment.objects.count() == 1


def test_an_official_adds_an_internal_comment(world, client_for):
    dossier = submitted_dossier(world.org)
    client_for(world.provincial_official).post(comment_url(dossier), {"body": "注意核实", "visibility": "internal"})
    comment = DossierComment.objects.get()
    assert (comment.visibility, comment.author) == (CommentVisibility.INTERNAL, world.provincial_official)


def test_an_empty_comment_is_refused_on_the_form(world, client_for):
    dossier = submitted_dossier(world.org)
    response = client_for(world.city_official).post(comment_url(dossier), {"body": "", "visibility": "internal"})
    assert response.status_code == 200
    assert "body" in response.context["comment_form"].errors
    assert not DossierComment.objects.exists()


def test_an_official_of_another_province_cannot_comment(world, client_for):
    dossier = submitted_dossier(world.org)
    other = UserFactory(role="provincial_official", region=region("320000"))
    assert client_for(other).post(comment_url(dossier), {"body": "x", "visibility": "internal"}).status_code == 404


def test_only_the_clerk_gets_the_edit_link_of_a_returned_dossier(world, client_for):
    dossier = submitted_dossier(world.org)
    dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充")
    edit = reverse("evaluations:dossier-edit", args=[dossier.pk])
    assert edit in client_for(world.clerk).get(detail(dossier)).content.decode()
    assert edit not in client_for(world.city_official).get(detail(dossier)).content.decode()
