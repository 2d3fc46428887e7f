"""Dossier attachments: PDF, JPEG or PNG by content (never by name), at most 10 MB, stored under a
random key in PRIVATE_MEDIA_ROOT (no public URL) and served only through a scoped view.

A refused file leaves nothing behind: the checks run before anything is written, and a failure after
the file is stored removes it again.
"""

import hashlib
import os
import re
import secrets

import filetype
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError
from accounts.services import audit_record, full_clean_or_raise
from evaluations.models import Attachment, attachment_path
from evaluations.services.dossiers import lock_editable

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# filetype reads at most this many bytes to recognise a file.
HEADER_BYTES = 8192

AUDIT_ACTIONS = {
    "attachment_add": gettext_lazy("Attachment added"),
    "attachment_remove": gettext_lazy("Attachment removed"),
}

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


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _clean_name(name: str) -> str:
    name = os.path.basename((name or "").replace("\\", "/")).strip() or "attachment"
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[: 200 - len(ext[:20])] + ext[:20]
    return name


def validate_upload(upload) -> tuple[str, int]:
    """(content type, size) of an acceptable file, or a 400 on the ``file`` field."""
    if upload is None:
        raise ApplicationError(_("Choose a file to upload."), code="required", field="file")
    size = upload.size
    if size is None or size == 0:
        raise ApplicationError(_("The file is empty."), code="empty", field="file")
    if size > MAX_ATTACHMENT_BYTES:
        raise ApplicationError(
            _("The file is larger than 10 MB; upload a smaller scan or split it."), code="too_large", field="file"
        )
    return detect_content_type(upload), size


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def attachment_add(*, actor, dossier, upload, evidence_item=None, request=None) -> Attachment:
    """Store one file on an editable dossier of the clerk's organisation."""
    locked = lock_editable(actor=actor, dossier=dossier)
    content_type, size = validate_upload(upload)
    if evidence_item is not None and evidence_item.dossier_id != locked.pk:
        raise ApplicationError(_("This evidence item belongs to another dossier."), field="evidence_item")
    attachment = Attachment(
        dossier=locked,
        evidence_item=evidence_item,
        storage_key=secrets.token_hex(24),
        original_name=_clean_name(getattr(upload, "name", "")),
        content_type=content_type,
        size=size,
        sha256=_sha256(upload),
        uploaded_by=actor,
    )
    storage = private_storage()
    upload.seek(0)
    stored_name = storage.save(attachment_path(attachment, attachment.original_name), upload)
    try:
        attachment.file.name = stored_name
        full_clean_or_raise(attachment, exclude=["dossier", "evidence_item", "uploaded_by", "file"])
        with transaction.atomic():
            attachment.save()
            audit_record(
                actor=actor,
                obj=locked,
                action="attachment_add",
                comment=f"{attachment.original_name} ({attachment.size} B, sha256 {attachment.sha256[:12]}…)",
                request=request,
            )
    except BaseException:
        storage.delete(stored_name)
        raise
    return attachment


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment, request=None) -> Attachment:
    """Take an attachment out of the dossier's current contents; the file stays for frozen revisions."""
    lock_editable(actor=actor, dossier=attachment.dossier)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.removed_at is not None:
        return attachment
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])
    audit_record(
        actor=actor,
        obj=attachment.dossier,
        action="attachment_remove",
        comment=attachment.original_name,
        request=request,
    )
    return attachment


def attachment_open(attachment: Attachment):
    """The stored file, opened for reading (the caller checked scope)."""
    return private_storage().open(attachment.file.name, "rb")
