"""The clerk's pages: my dossiers (filters, pagination, query count), create (window and duplicate
errors), edit with the eligibility preview, evidence, upload errors, submit and withdraw redirects."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Attachment, Dossier, DossierStatus
from tests.evaluations.dossiers.conftest import stored_files
from tests.evaluations.dossiers.factories import ZIP, eligible_talent, upload
from tests.evaluations.factories import DossierFactory, EvidenceItemFactory, RoundFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db

# The round choices of the filter no longer prefetch each round's methods: one query fewer than before.
LIST_QUERIES = 7  # no COUNT (accounts.pagination.fast_page)


def test_my_dossiers_filters_and_is_scoped(world, client_for):
    first, second = RoundFactory(title="第一批"), RoundFactory(title="第二批")
    mine = DossierFactory(round=first, talent=TalentFactory(employer=world.org, name="张三"))
    DossierFactory(round=second, talent=TalentFactory(employer=world.org, name="李四"), status=DossierStatus.SUBMITTED)
    DossierFactory(round=first, talent=TalentFactory(employer=world.org_same_city, name="王五"))
    client = client_for(world.clerk)
    response = client.get(reverse("evaluations:dossier-list"))
    assert response.status_code == 200
    assert "张三" in response.text and "李四" in response.text and "王五" not in response.text
    response = client.get(reverse("evaluations:dossier-list"), {"round": first.pk})
    assert list(response.context["dossiers"]) == [mine]
    response = client.get(reverse("evaluations:dossier-list"), {"status": "submitted"})
    assert [d.talent.name for d in response.context["dossiers"]] == ["李四"]
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert client_for(world.city_official).get(reverse("evaluations:dossier-list")).status_code == 403


def test_my_dossiers_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.clerk)
    round_ = RoundFactory()
    EvidenceItemFactory(dossier=DossierFactory(round=round_, talent=TalentFactory(employer=world.org)))
    url = reverse("evaluations:dossier-list")
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    for _ in range(10):
        EvidenceItemFactory(dossier=DossierFactory(round=round_, talent=TalentFactory(employer=world.org)))
    with django_assert_num_queries(LIST_QUERIES):
        assert len(client.get(url).context["dossiers"]) == 11


def test_create_redirects_to_edit(world, client_for):
    round_ = RoundFactory()
    talent = eligible_talent(world.org)
    client = client_for(world.clerk)
    assert client.get(reverse("evaluations:dossier-create"), {"round": round_.pk}).status_code == 200
    response = client.post(
        reverse("evaluations:dossier-create"), {"round": round_.pk, "talent": talent.pk, "track": "promotion"}
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response.url == reverse("evaluations:dossier-edit", args=[dossier.pk])
    response = client.post(
        reverse("evaluations:dossier-create"), {"round": round_.pk, "talent": talent.pk, "track": "promotion"}
    )
    assert response.status_code == 200 and "talent" in response.context["form"].errors
    assert Dossier.objects.count() == 1


def test_create_outside_the_window_is_a_form_error(world, client_for):
    upcoming = RoundFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    response = client_for(world.clerk).post(
        reverse("evaluations:dossier-create"),
        {"round": upcoming.pk, "talent": eligible_talent(world.org).pk, "track": "promotion"},
    )
    # The form only offers open rounds: a round not open yet is not a valid choice.
    assert response.status_code == 200 and "round" in response.context["form"].errors
    assert not Dossier.objects.exists()


def test_edit_page_shows_the_preview_with_every_reason(world, client_for):
    dossier = DossierFactory(talent=TalentFactory(employer=world.org))
    response = client_for(world.clerk).get(reverse("evaluations:dossier-edit", args=[dossier.pk]))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.outcome == "ineligible" and len(preview.reasons) >= 1
    for reason in preview.reasons:
        assert reason["text"] in response.text
    assert 'data-outcome="ineligible"' in response.text
    assert (
        client_for(world.clerk_other_org).get(reverse("evaluations:dossier-edit", args=[dossier.pk])).status_code == 404
    )


def test_evidence_and_fields_forms(world, client_for):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    client = client_for(world.clerk)
    edit = reverse("evaluations:dossier-edit", args=[dossier.pk])
    response = client.post(
        reverse("evaluations:evidence-add", args=[dossier.pk]),
        {"kind": "patent", "description": "一种夹具", "date": "2024-03-01"},
    )
    assert response.status_code == 302 and response.url == edit
    item = dossier.evidence.get()
    response = client.post(
        reverse("evaluations:evidence-edit", args=[dossier.pk, item.pk]),
        {"kind": "patent", "description": "两种夹具", "date": "2024-03-01"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "两种夹具"
    response = client.post(
        reverse("evaluations:evidence-add", args=[dossier.pk]), {"kind": "patent", "description": "", "date": ""}
    )
    assert response.status_code == 400 and response.context["evidence_form"].errors
    response = client.post(edit, {"track": "standard", "target_level": "senior"})
    assert response.status_code == 200 and "target_level" in response.context["fields_form"].errors
    response = client.post(reverse("evaluations:evidence-remove", args=[dossier.pk, item.pk]))
    assert response.status_code == 302 and not dossier.evidence.exists()


def test_upload_errors_leave_nothing(world, client_for, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    client = client_for(world.clerk)
    response = client.post(reverse("evaluations:attachment-upload", args=[dossier.pk]), {"file": upload(ZIP, "a.pdf")})
    assert response.status_code == 400 and "file" in response.context["attachment_form"].errors
    assert not Attachment.objects.exists() and stored_files(private_media) == []
    response = client.post(reverse("evaluations:attachment-upload", args=[dossier.pk]), {"file": upload()})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    response = client.post(reverse("evaluations:attachment-remove", args=[attachment.pk]))
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.removed_at is not None


def test_submit_redirects_to_the_dossier_page_and_withdraw_back_to_edit(world, client_for):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    client = client_for(world.clerk)
    response = client.post(reverse("evaluations:dossier-submit", args=[dossier.pk]))
    assert response.status_code == 302 and response.url == reverse(
        "evaluations:dossier-detail", kwargs={"pk": dossier.pk}
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    response = client.post(reverse("evaluations:dossier-submit", args=[dossier.pk]), follow=True)
    assert "“" in response.text  # the workflow's 409 message, shown on the edit page
    response = client.post(reverse("evaluations:dossier-withdraw", args=[dossier.pk]))
    assert response.status_code == 302 and response.url == reverse("evaluations:dossier-edit", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN


def test_ineligible_submit_shows_the_reasons(world, client_for):
    dossier = DossierFactory(talent=TalentFactory(employer=world.org))
    response = client_for(world.clerk).post(reverse("evaluations:dossier-submit", args=[dossier.pk]), follow=True)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    messages = [str(m) for m in response.context["messages"]]
    assert any("R5" in m for m in messages)
