"""Attachments: type by content (never by name), ≤ 10 MB, stored privately under a random key with
their SHA-256; a refused file leaves the dossier and the disk unchanged; downloads are scoped."""

import hashlib

import pytest
from django.urls import Resolver404, resolve, reverse

from accounts import private_files
from accounts.errors import ApplicationError
from accounts.models import AuditLog
from evaluations.models import Attachment, DossierStatus
from evaluations.services import attachments as service
from evaluations.services.attachments import attachment_add, attachment_remove
from tests.evaluations.dossiers.conftest import stored_files
from tests.evaluations.dossiers.factories import JPEG, PDF, PNG, ZIP, eligible_talent, upload
from tests.evaluations.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(world):
    return DossierFactory(talent=eligible_talent(world.org))


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [(PDF, "a.pdf", "application/pdf"), (PNG, "photo.png", "image/png"), (JPEG, "scan.jpg", "image/jpeg")],
)
def test_accepted_types_are_detected_by_content(world, dossier, private_media, content, name, expected):
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload(content, name, "text/plain"))
    assert attachment.content_type == expected
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content) and attachment.original_name == name
    [path] = stored_files(private_media)
    assert path.read_bytes() == content
    assert attachment.storage_key in path.name and name not in str(path)  # random key, not the client's name
    assert AuditLog.objects.for_object(dossier).filter(action="attachment_add").exists()


def test_a_png_named_pdf_is_stored_as_png(world, dossier):
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload(PNG, "伪装.pdf"))
    assert attachment.content_type == "image/png"


@pytest.mark.parametrize(
    "content",
    [ZIP, b"just text pretending to be a PDF", b"<html><script>alert(1)</script></html>", b"GIF89a" + b"\x00" * 30],
    ids=["zip", "text", "html", "gif"],
)
def test_a_file_named_pdf_that_is_not_one_is_refused_and_nothing_is_written(world, dossier, private_media, content):
    before = dossier.updated_at
    with pytest.raises(ApplicationError) as caught:
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload(content, "证书.pdf", "application/pdf"))
    assert caught.value.field == "file" and caught.value.code == "file_type"
    assert "PDF" in str(caught.value.message)
    assert not Attachment.objects.exists()
    assert stored_files(private_media) == []
    dossier.refresh_from_db()
    assert dossier.updated_at == before
    assert not AuditLog.objects.filter(action="attachment_add").exists()


def test_too_large_and_empty_files_are_refused(world, dossier, private_media, monkeypatch):
    monkeypatch.setattr(service, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    with pytest.raises(ApplicationError) as caught:
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload(PDF))
    assert caught.value.code == "too_large" and "10 MB" in str(caught.value.message)
    with pytest.raises(ApplicationError) as caught:
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload(b""))
    assert caught.value.code == "empty"
    assert not Attachment.objects.exists() and stored_files(private_media) == []


def test_the_limit_is_ten_megabytes():
    assert service.MAX_ATTACHMENT_BYTES == 10 * 1024 * 1024


def test_a_failure_after_storing_removes_the_file(world, dossier, private_media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(private_files, "audit_record", broken)
    with pytest.raises(RuntimeError):
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    assert stored_files(private_media) == [] and not Attachment.objects.exists()


def test_no_upload_to_a_submitted_dossier(world, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=DossierStatus.SUBMITTED)
    with pytest.raises(ApplicationError) as caught:
        attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    assert caught.value.status == 409
    assert stored_files(private_media) == []


def test_remove_is_soft_and_keeps_the_file(world, dossier, private_media):
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    attachment_remove(actor=world.clerk, attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    assert len(stored_files(private_media)) == 1


def test_storage_is_outside_any_public_url(settings):
    storage = service.private_storage()
    assert storage.location == str(settings.PRIVATE_MEDIA_ROOT)
    with pytest.raises(Resolver404):  # no URL of the site serves the stored files
        resolve(storage.url("dossiers/1/ab/0123456789abcdef"))


# The scoped download page


def test_download_is_an_attachment_with_the_detected_type(world, dossier, client):
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload(PNG, "证书 1.pdf"))
    client.force_login(world.clerk)
    response = client.get(reverse("evaluations:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E8%AF%81%E4%B9%A6%201.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_download_outside_scope_is_404(world, dossier, client):
    attachment = attachment_add(actor=world.clerk, dossier=dossier, upload=upload())
    for user in (world.clerk_other_org, world.city_official, world.expert, world.provincial_official_other):
        client.force_login(user)  # the draft is the clerk's own: officials do not see drafts either
        assert client.get(reverse("evaluations:attachment-download", args=[attachment.pk])).status_code == 404
    dossier.status = DossierStatus.SUBMITTED
    dossier.save(update_fields=["status"])
    client.force_login(world.city_official)
    assert client.get(reverse("evaluations:attachment-download", args=[attachment.pk])).status_code == 200
