"""Attachments: bad inputs leave the dossier and the disk unchanged; downloads are scoped.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from evaluations.models import Attachment, DossierStatus
from evaluations.services import attachments as attachment_service
from evaluations.services.attachments import attachment_add
from tests.evaluations.dossiers.factories import JPEG, PDF, PNG, eligible_talent, upload
from tests.evaluations.factories import DossierFactory
from tests.evaluations.scenarios import api_client as _api

pytestmark = pytest.mark.django_db

S = DossierStatus


# Attachments: bad inputs leave the dossier and the disk unchanged


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def draft(world):
    return DossierFactory(talent=eligible_talent(world.org))


def _assert_unchanged(dossier, private_media):
    before = dossier.updated_at
    dossier.refresh_from_db()
    assert dossier.updated_at == before
    assert not Attachment.objects.filter(dossier=dossier).exists()
    assert _files(private_media) == []
    assert not AuditLog.objects.for_object(dossier).filter(action="attachment_add").exists()


def test_a_pdf_renamed_png_is_taken_for_what_it_is_and_served_as_pdf(world, draft, private_media, client):
    attachment = attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF, "扫描件.png", "image/png"))
    assert attachment.content_type == "application/pdf"
    client.force_login(world.clerk)
    response = client.get(reverse("evaluations:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (PNG[:24], "photo.png"),  # the PNG signature and a cut-off header: not a decodable image
        (JPEG[:12], "scan.jpg"),  # the JPEG start marker and nothing else
        (b"%PDF", "a.pdf"),  # the magic bytes and nothing else
        (PDF[:60], "cut.pdf"),  # a PDF cut off before its end-of-file marker
        (b"%PDF" + b"\x00" * 600 + b"%%EOF", "noversion.pdf"),  # no "%PDF-x.y" header
        (b"\x00" * 4096, "zeros.pdf"),
    ],
    ids=["truncated-png", "truncated-jpeg", "pdf-magic-only", "truncated-pdf", "pdf-without-version", "zeros"],
)
def test_broken_files_with_a_right_extension_are_refused_and_nothing_is_left(
    world, draft, private_media, content, name
):
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(content, name, "application/octet-stream"))
    assert (refused.value.status, refused.value.field, refused.value.code) == (400, "file", "file_type")
    _assert_unchanged(draft, private_media)


def test_empty_and_too_large_files_leave_the_dossier_unchanged(world, draft, private_media, monkeypatch):
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(b"", "空.pdf"))
    assert (refused.value.code, refused.value.field) == ("empty", "file")
    _assert_unchanged(draft, private_media)
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF))
    assert (refused.value.code, refused.value.field) == ("too_large", "file")
    _assert_unchanged(draft, private_media)


def test_a_pdf_with_trailing_bytes_after_its_end_marker_is_accepted(world, draft, private_media):
    # Scanners and incremental saves leave bytes after "%%EOF"; readers accept them within 1024 bytes.
    content = PDF + b"\r\n" + b" " * 900
    assert attachment_add(actor=world.clerk, dossier=draft, upload=upload(content)).content_type == "application/pdf"


def test_a_file_of_exactly_the_limit_is_accepted(world, draft, private_media, monkeypatch):
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF))
    assert attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF)).size == len(PDF)


def test_a_real_file_over_ten_megabytes_is_refused_before_its_type_is_read(world, draft, private_media):
    big = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(big))
    assert refused.value.code == "too_large" and "10 MB" in str(refused.value.message)
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_a_too_large_file_on_the_file_field_and_leaves_nothing(
    world, draft, private_media, monkeypatch
):
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload(PDF)}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_an_empty_file(world, draft, private_media):
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload(b"", "空.pdf")}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()
    _assert_unchanged(draft, private_media)


def test_another_organisations_clerk_cannot_upload_and_nothing_is_written(world, draft, private_media):
    with pytest.raises(PermissionDeniedError):
        attachment_add(actor=world.clerk_other_org, dossier=draft, upload=upload())
    _assert_unchanged(draft, private_media)
    response = _api(world.clerk_other_org).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload()}, format="multipart"
    )
    assert response.status_code == 404
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_an_upload_to_a_submitted_dossier_with_409(world, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.SUBMITTED)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": dossier.pk, "file": upload()}, format="multipart"
    )
    assert response.status_code == 409 and response.json()["code"] == "not_editable"
    assert _files(private_media) == [] and not Attachment.objects.exists()


# Scoped download


def test_anonymous_download_goes_to_the_login_and_the_api_answers_401(world, draft, private_media, client):
    attachment = attachment_add(actor=world.clerk, dossier=draft, upload=upload())
    client.logout()
    response = client.get(reverse("evaluations:attachment-download", args=[attachment.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert _api(None).get(reverse("api:attachment-download", args=[attachment.pk])).status_code == 401


def test_other_organisations_get_404_from_the_api_download(world, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.SUBMITTED)
    attachment = attachment_add(
        actor=world.clerk, dossier=DossierFactory(talent=eligible_talent(world.org)), upload=upload()
    )
    Attachment.objects.filter(pk=attachment.pk).update(dossier=dossier)
    url = reverse("api:attachment-download", args=[attachment.pk])
    for user in (world.clerk_other_org, world.city_official_other_city, world.provincial_official_other, world.expert):
        assert _api(user).get(url).status_code == 404, user.username
    assert _api(world.city_official).get(url).status_code == 200


def test_an_attachment_cannot_hang_on_another_dossiers_evidence(world, draft, private_media):
    from tests.evaluations.factories import EvidenceItemFactory

    foreign_item = EvidenceItemFactory(dossier=DossierFactory(talent=eligible_talent(world.org)))
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(), evidence_item=foreign_item)
    assert (refused.value.status, refused.value.field) == (400, "evidence_item")
    _assert_unchanged(draft, private_media)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"),
        {"dossier": draft.pk, "file": upload(), "evidence_item": foreign_item.pk},
        format="multipart",
    )
    assert response.status_code == 400 and "evidence_item" in response.json()
    _assert_unchanged(draft, private_media)
