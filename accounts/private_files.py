"""Privately stored uploads, one mechanism for every app that takes attachments (dossiers, nominations):
PDF, JPEG or PNG by content (never by name), at most 10 MB, stored under a random key in
PRIVATE_MEDIA_ROOT (no public URL) and served only through a scoped view as a download
(docs/architecture.md: a mechanism two domain apps need lives below both).

An app keeps its own attachment model (a ``PrivateFile``: its owner's foreign key and its ``file`` field with
its folder; its audit) and calls ``validate_upload``
before writing anything, ``store_upload`` to put the bytes away (``discard`` when its transaction fails)
and ``download_response`` to serve them.
"""

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.db.models import Q
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.errors import ApplicationError
from accounts.services import audit_record, full_clean_or_raise

MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# filetype reads at most this many bytes to recognise a file.
HEADER_BYTES = 8192

NOT_ALLOWED_TYPE = gettext_lazy(
    "Only PDF, JPEG and PNG files are accepted, recognised by their content; this file is not one of them."
)


def private_storage() -> FileSystemStorage:
    """Attachments live under PRIVATE_MEDIA_ROOT, which no URL of the site serves."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def _read_header(upload) -> bytes:
    upload.seek(0)
    header = upload.read(HEADER_BYTES)
    upload.seek(0)
    return header


def detect_content_type(upload) -> str:
    """The type the bytes say (magic numbers), one of ALLOWED_TYPES, or a 400 naming the rule."""
    header = _read_header(upload)
    kind = filetype.guess(header) if header else None
    mime = kind.mime if kind is not None else None
    if mime not in ALLOWED_TYPES:
        raise ApplicationError(NOT_ALLOWED_TYPE, code="file_type", field="file")
    if mime == "application/pdf":
        _verify_pdf(upload, header)
    else:
        _verify_image(upload)
    return mime


# A PDF starts with "%PDF-x.y" and ends with "%%EOF" (readers look for it in the last 1024 bytes).
PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
PDF_TAIL_BYTES = 1024


def _verify_pdf(upload, header: bytes) -> None:
    """Magic bytes alone would take the four bytes "%PDF" for a document: the header must name a
    version and the end-of-file marker must be there (a truncated or fake file is refused)."""
    size = upload.size or len(header)
    try:
        upload.seek(max(0, size - PDF_TAIL_BYTES))
        tail = upload.read(PDF_TAIL_BYTES)
    finally:
        upload.seek(0)
    if not PDF_HEADER.match(header) or b"%%EOF" not in tail:
        raise ApplicationError(NOT_ALLOWED_TYPE, code="file_type", field="file")


def _verify_image(upload) -> None:
    """With Pillow installed, an image must also decode; without it the magic bytes decide."""
    try:
        from PIL import Image
    except ImportError:
        return
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    except Exception as error:  # Pillow raises many kinds for a broken image
        raise ApplicationError(NOT_ALLOWED_TYPE, code="file_type", field="file") from error
    finally:
        upload.seek(0)


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def clean_name(name: str) -> str:
    """The client's file name without any path, at most 200 characters (shown, never used to store)."""
    name = os.path.basename((name or "").replace("\\", "/")).strip() or "attachment"
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[: 200 - len(ext[:20])] + ext[:20]
    return name


def validate_upload(upload, *, max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """(content type, size) of an acceptable file, or a 400 on the ``file`` field."""
    if upload is None:
        raise ApplicationError(_("Choose a file to upload."), code="required", field="file")
    size = upload.size
    if size is None or size == 0:
        raise ApplicationError(_("The file is empty."), code="empty", field="file")
    if size > max_bytes:
        raise ApplicationError(
            _("The file is larger than 10 MB; upload a smaller scan or split it."), code="too_large", field="file"
        )
    return detect_content_type(upload), size


def new_storage_key() -> str:
    return secrets.token_hex(24)


@dataclass(frozen=True)
class StoredUpload:
    name: str  # the storage name (a random key under the owner's folder)
    original_name: str
    content_type: str
    size: int
    sha256: str
    storage_key: str


def store_upload(upload, *, folder: str, content_type: str, size: int) -> StoredUpload:
    """Put an already validated upload under ``folder``/<sha prefix>/<random key>; the caller saves
    its row and calls ``discard(stored.name)`` if that fails."""
    digest = sha256_of(upload)
    key = new_storage_key()
    upload.seek(0)
    name = private_storage().save(f"{folder}/{digest[:2]}/{key}", upload)
    return StoredUpload(
        name=name,
        original_name=clean_name(getattr(upload, "name", "")),
        content_type=content_type,
        size=size,
        sha256=digest,
        storage_key=key,
    )


def attach(attachment: "PrivateFile", upload, *, folder: str, owner, actor, audit_action: str, request=None):
    """Store an already validated upload and save ``attachment`` (its owner set, its checks passed) with
    an audit row on ``owner``, in one transaction; whatever fails removes the stored file again, so a
    refused file leaves nothing behind."""
    stored = store_upload(upload, folder=folder, content_type=attachment.content_type, size=attachment.size)
    try:
        for field in ("storage_key", "original_name", "sha256"):
            setattr(attachment, field, getattr(stored, field))
        attachment.uploaded_by = actor
        attachment.file.name = stored.name
        full_clean_or_raise(
            attachment, exclude=[field.name for field in attachment._meta.fields if field.is_relation] + ["file"]
        )
        with transaction.atomic():
            attachment.save()
            audit_record(
                actor=actor,
                obj=owner,
                action=audit_action,
                comment=attachment.original_name,  # the checksum stays on the attachment row (admin, API)
                request=request,
            )
    except BaseException:
        discard(stored.name)
        raise
    return attachment


def discard(name: str) -> None:
    private_storage().delete(name)


def open_private(name: str):
    """The stored file, opened for reading (the caller checked scope)."""
    return private_storage().open(name, "rb")


def download_response(attachment: "PrivateFile") -> FileResponse:
    """An attachment model's file as a download (the caller checked scope)."""
    return serve_file(
        name=attachment.file.name, content_type=attachment.content_type, original_name=attachment.original_name
    )


def serve_file(*, name: str, content_type: str, original_name: str) -> FileResponse:
    """A stored file as a download: its detected type, never sniffed, never cached."""
    response = FileResponse(open_private(name), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class PrivateFile(models.Model):
    """The columns every attachment model shares; the concrete model adds its owner's foreign key, its
    ``file`` field (its folder) and ``file_constraints(prefix)`` in its Meta."""

    storage_key = models.CharField(gettext_lazy("storage key"), max_length=64, unique=True)
    original_name = models.CharField(gettext_lazy("file name"), max_length=200)
    content_type = models.CharField(gettext_lazy("content type"), max_length=40)
    size = models.PositiveIntegerField(gettext_lazy("size (bytes)"))
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)
    # Taken out of its owner's current contents; the file stays while what was submitted refers to it.
    removed_at = models.DateTimeField(gettext_lazy("removed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


def file_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The database's own guard of the upload rules (type by content, at most 10 MB), named per table."""
    return [
        models.CheckConstraint(condition=Q(content_type__in=list(ALLOWED_TYPES)), name=f"{prefix}_type_allowed"),
        models.CheckConstraint(condition=Q(size__lte=MAX_BYTES), name=f"{prefix}_at_most_10_mb"),
    ]
