"""Dossier attachments: PDF, JPEG or PNG by content (never by name), at most 10 MB, stored under a
random key in PRIVATE_MEDIA_ROOT (no public URL) and served only through a scoped view — the checks,
storage and serving are the shared mechanism of ``accounts.private_files``.

A refused file leaves nothing behind: the checks run before anything is written, and a failure after
the file is stored removes it again.
"""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import private_files
from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError
from accounts.private_files import (  # noqa: F401 (the names this module always offered)
    ALLOWED_TYPES,
    HEADER_BYTES,
    NOT_ALLOWED_TYPE,
    PDF_HEADER,
    PDF_TAIL_BYTES,
    detect_content_type,
    private_storage,
)
from accounts.services import audit_record, full_clean_or_raise
from evaluations.models import Attachment, attachment_path
from evaluations.services.dossiers import lock_editable

if TYPE_CHECKING:
    from accounts.models import User

# Read at each call, so a test may lower it (the shared mechanism's limit).
MAX_ATTACHMENT_BYTES = private_files.MAX_BYTES

AUDIT_ACTIONS = {
    "attachment_add": gettext_lazy("Attachment added"),
    "attachment_remove": gettext_lazy("Attachment removed"),
}

_sha256 = private_files.sha256_of
_clean_name = private_files.clean_name


def validate_upload(upload) -> tuple[str, int]:
    """(content type, size) of an acceptable file, or a 400 on the ``file`` field."""
    return private_files.validate_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def attachment_add(*, actor: "User", dossier, upload, evidence_item=None, request=None) -> Attachment:
    """Store one file on an editable dossier of the clerk's organisation."""
    locked = lock_editable(actor=actor, dossier=dossier)
    content_type, size = validate_upload(upload)
    if evidence_item is not None and evidence_item.dossier_id != locked.pk:
        raise ApplicationError(_("This evidence item belongs to another dossier."), field="evidence_item")
    attachment = Attachment(
        dossier=locked,
        evidence_item=evidence_item,
        storage_key=private_files.new_storage_key(),
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
                comment=attachment.original_name,  # the checksum stays on the attachment row (admin, API)
                request=request,
            )
    except BaseException:
        storage.delete(stored_name)
        raise
    return attachment


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def attachment_remove(*, actor: "User", attachment: Attachment, request=None) -> Attachment:
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
    return private_files.open_private(attachment.file.name)
