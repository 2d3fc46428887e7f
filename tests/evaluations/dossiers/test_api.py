"""The dossiers and attachments API: create, edit while editable (nested evidence), submit with the
ineligible refusal and its reasons, withdraw, 409 on illegal transitions, scoping, uploads, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eligibility.models import Outcome
from evaluations.models import Attachment, Dossier, DossierStatus
from tests.evaluations.dossiers.conftest import stored_files
from tests.evaluations.dossiers.factories import PDF, ZIP, eligible_talent, upload
from tests.evaluations.factories import DossierFactory, EvidenceItemFactory, RoundFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def post(client, name, data=None, **kwargs):
    return client.post(reverse(name, kwargs=kwargs or None), data or {}, content_type="application/json")


def test_create_edit_submit_withdraw(world, client_for):
    client = client_for(world.clerk)
    round_ = RoundFactory()
    talent = eligible_talent(world.org)
    response = post(client, "api:dossier-list", {"round": round_.pk, "talent": talent.pk, "track": "promotion"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["target_level"] == "technician" and body["actions"] == ["submit"]
    assert body["talent_id_number_masked"] != talent.id_number and "*" in body["talent_id_number_masked"]
    pk = body["id"]

    evidence = [{"kind": "patent", "description": "一种夹具", "date": "2024-05-01"}]
    response = client.patch(
        reverse("api:dossier-detail", args=[pk]), {"evidence": evidence}, content_type="application/json"
    )
    assert response.status_code == 200 and [e["description"] for e in response.json()["evidence"]] == ["一种夹具"]

    response = post(client, "api:dossier-submit", pk=pk)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted" and response.json()["current_revision"] == 1
    assert response.json()["eligibility_outcome"] == Outcome.ELIGIBLE

    response = client.patch(
        reverse("api:dossier-detail", args=[pk]), {"track": "standard"}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "not_editable"

    response = post(client, "api:dossier-submit", pk=pk)
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"
    assert "“" in response.json()["detail"]

    response = post(client, "api:dossier-withdraw", {"comment": "补材料"}, pk=pk)
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_create_errors(world, client_for):
    client = client_for(world.clerk)
    closed = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=30),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    talent = eligible_talent(world.org)
    response = post(client, "api:dossier-list", {"round": closed.pk, "talent": talent.pk, "track": "promotion"})
    assert response.status_code == 400 and response.json()["code"] == "window_closed" and "round" in response.json()
    other = eligible_talent(world.org_same_city)
    response = post(client, "api:dossier-list", {"round": RoundFactory().pk, "talent": other.pk, "track": "promotion"})
    assert response.status_code == 400 and "talent" in response.json()
    dossier = DossierFactory(talent=talent)
    response = post(client, "api:dossier-list", {"round": dossier.round_id, "talent": talent.pk, "track": "promotion"})
    assert response.status_code == 400 and response.json()["code"] == "duplicate"
    response = post(
        client_for(world.city_official), "api:dossier-list", {"round": dossier.round_id, "talent": talent.pk}
    )
    assert response.status_code == 403


def test_ineligible_submission_answers_the_reasons(world, client_for):
    dossier = DossierFactory(talent=TalentFactory(employer=world.org))
    response = post(client_for(world.clerk), "api:dossier-submit", pk=dossier.pk)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "ineligible" and body["reasons"]
    assert all(set(r) == {"rule", "passed", "explanation", "source"} and not r["passed"] for r in body["reasons"])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_scoping(world, client_for):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    assert client_for(world.clerk_other_org).get(reverse("api:dossier-detail", args=[dossier.pk])).status_code == 404
    assert post(client_for(world.clerk_other_org), "api:dossier-submit", pk=dossier.pk).status_code == 404
    assert client_for(world.city_official).get(reverse("api:dossier-detail", args=[dossier.pk])).status_code == 404
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    assert client_for(world.city_official).get(reverse("api:dossier-detail", args=[dossier.pk])).status_code == 200
    assert post(client_for(world.city_official), "api:dossier-withdraw", pk=dossier.pk).status_code == 403


def test_dossier_list_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.clerk)
    url = reverse("api:dossier-list")
    round_ = RoundFactory()
    first = DossierFactory(round=round_, talent=TalentFactory(employer=world.org))
    EvidenceItemFactory(dossier=first)
    with django_assert_num_queries(5):
        assert len(client.get(url).json()["results"]) == 1
    for _ in range(9):
        EvidenceItemFactory(dossier=DossierFactory(round=round_, talent=TalentFactory(employer=world.org)))
    with django_assert_num_queries(5) as captured:
        body = client.get(url).json()
    assert len(body["results"]) == 10 and "count" not in body
    listing = [query["sql"] for query in captured.captured_queries if 'FROM "evaluations_dossier"' in query["sql"]]
    assert listing and not any("GROUP BY" in sql or "COUNT(" in sql for sql in listing)
    # The exact total on demand (one COUNT, cached for a minute).
    with django_assert_num_queries(6):
        assert client.get(url, {"count": "1"}).json()["count"] == 10


def test_attachment_upload_list_download_delete(world, client_for, private_media):
    client = client_for(world.clerk)
    dossier = DossierFactory(talent=eligible_talent(world.org))
    item = EvidenceItemFactory(dossier=dossier)
    response = client.post(
        reverse("api:attachment-list"), {"dossier": dossier.pk, "file": upload(), "evidence_item": item.pk}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content_type"] == "application/pdf" and body["size"] == len(PDF) and body["evidence_item"] == item.pk
    listing = client.get(reverse("api:attachment-list"), {"dossier": dossier.pk}).json()
    assert [a["id"] for a in listing["results"]] == [body["id"]]
    download = client.get(reverse("api:attachment-download", args=[body["id"]]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert (
        client_for(world.clerk_other_org).get(reverse("api:attachment-download", args=[body["id"]])).status_code == 404
    )

    client = client_for(world.clerk)
    assert client.delete(reverse("api:attachment-detail", args=[body["id"]])).status_code == 204
    assert len(client.get(reverse("api:attachment-list"), {"dossier": dossier.pk}).json()["results"]) == 0
    assert (
        len(client.get(reverse("api:attachment-list"), {"dossier": dossier.pk, "removed": "true"}).json()["results"])
        == 1
    )
    assert len(stored_files(private_media)) == 1


def test_attachment_refused_by_content(world, client_for, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    response = client_for(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": dossier.pk, "file": upload(ZIP, "证书.pdf")}
    )
    assert response.status_code == 400 and response.json()["code"] == "file_type" and "file" in response.json()
    assert not Attachment.objects.exists() and stored_files(private_media) == []


def test_attachment_delete_after_submission_is_409(world, client_for):
    from evaluations.services.attachments import attachment_add

    dossier = DossierFactory(talent=eligible_talent(world.org))
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    response = client_for(world.clerk).delete(reverse("api:attachment-detail", args=[attachment.pk]))
    assert response.status_code == 409


def test_attachment_list_query_count(world, client_for, django_assert_num_queries):
    from evaluations.services.attachments import attachment_add

    client = client_for(world.clerk)
    dossier = DossierFactory(talent=eligible_talent(world.org))
    attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    url = reverse("api:attachment-list")
    with django_assert_num_queries(3):  # no COUNT
        assert len(client.get(url).json()["results"]) == 1
    for _ in range(9):
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    with django_assert_num_queries(3):  # no COUNT
        assert len(client.get(url).json()["results"]) == 10
