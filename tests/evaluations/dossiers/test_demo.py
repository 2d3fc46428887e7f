"""The evaluations part of seed_demo: made through the services, coherent, and idempotent."""

import io

import pytest
from django.core.management import call_command

from accounts.models import AuditLog
from eligibility.models import Outcome
from evaluations.models import Attachment, Committee, Dossier, DossierStatus, Round
from evaluations.selectors.dossiers import eligibility_preview


@pytest.fixture
def seeded(demo_seeded, db):
    return demo_seeded


def test_demo_committee_rounds_and_dossiers(seeded):
    committee = Committee.objects.get()
    members = committee.committeemember_set.select_related("expert")
    assert sorted(m.expert.username for m in members) == ["expert1", "expert3", "expert4"]
    assert [m.expert.username for m in members if m.is_chair] == ["expert1"]
    assert Round.objects.count() == 2
    skill = Round.objects.get(kind="skill_evaluation")
    assert skill.committee == committee and skill.region.code == "440000" and skill.methods.count() == 3
    statuses = sorted(Dossier.objects.values_list("status", flat=True))
    # One submitted dossier is taken on to its certificate (the public verification has something to verify).
    assert statuses.count(DossierStatus.SUBMITTED) == 1 and statuses.count(DossierStatus.CERTIFIED) == 1
    assert DossierStatus.WITHDRAWN in statuses and DossierStatus.DRAFT in statuses
    for dossier in Dossier.objects.filter(status=DossierStatus.SUBMITTED):
        assert dossier.current_revision.number == 1 and dossier.eligibility_outcome == Outcome.ELIGIBLE
        assert dossier.current_revision.content["attachments"][0]["name"] == "技能等级证书.pdf"
    assert Attachment.objects.filter(content_type="application/pdf").count() >= 2
    drafts = Dossier.objects.filter(status=DossierStatus.DRAFT)
    assert any(eligibility_preview(dossier=d).outcome == Outcome.INELIGIBLE for d in drafts)
    assert AuditLog.objects.filter(action="dossier_submit").count() == 3  # submitted, certified, withdrawn
    assert "committees" in seeded and "dossiers" in seeded


def test_second_run_adds_nothing(seeded):
    before = (Committee.objects.count(), Round.objects.count(), Dossier.objects.count(), AuditLog.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    after = (Committee.objects.count(), Round.objects.count(), Dossier.objects.count(), AuditLog.objects.count())
    assert after == before
