"""Exports of list pages: answer a small one at once, build a large one in a task, expire old files.

Every request is recorded (``Export``) and audited, small ones too: who took which list, with which
filters, how many rows.
"""

import io
import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as KombuOperationalError

from accounts.dispatch import task
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from exports.models import Export, ExportStatus
from exports.registry import ListExport, list_export
from exports.rules import NO_LONGER_ALLOWED, can_export, may_still_receive
from exports.workbook import write_workbook
from notifications.services import notify_on_commit

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

# exports.tasks.export_build_task, enqueued by name (accounts.dispatch: the tasks import these services).
BUILD_TASK = "exports.build"

AUDIT_ACTIONS = {
    "export": _("Exported to xlsx"),
    "export_requested": _("Large export requested"),
    "export_expired": _("Export file deleted after its keeping period"),
}


def direct_export_limit() -> int:
    return settings.EXPORT_DIRECT_ROWS


def export_filename(spec: ListExport) -> str:
    return f"{spec.filename}-{timezone.localdate():%Y%m%d}.xlsx"


@dataclass(frozen=True)
class ExportAnswer:
    export: Export
    content: bytes | None = None  # a small export's file, answered in the response

    @property
    def direct(self) -> bool:
        return self.content is not None


def export_request(*, actor: "User", spec: ListExport, data, request=None) -> ExportAnswer:
    """The requester's list as xlsx: at once up to the direct limit, otherwise a task (after the commit)."""
    if not can_export(actor, spec):
        raise PermissionDeniedError(spec.refusal)
    filters = spec.kept_filters(data)
    objects = spec.rows(actor, filters)
    count = objects.count()
    if count > settings.EXPORT_MAX_ROWS:
        # A worksheet holds 1,048,576 rows at most; a larger file would not open.
        raise ApplicationError(
            _("This list has %(count)s rows; one file holds at most %(limit)s. Narrow the filters and export again.")
            % {"count": f"{count:,}", "limit": f"{settings.EXPORT_MAX_ROWS:,}"},
            code="too_many_rows",
        )
    if count <= direct_export_limit():
        buffer = io.BytesIO()
        rows = write_workbook(spec, objects, buffer)
        export = Export.objects.create(
            requested_by=actor,
            list_name=spec.name,
            query=filters,
            language=get_language() or "",
            direct=True,
            status=ExportStatus.DONE,
            rows=rows,
            finished_at=timezone.now(),
        )
        audit_record(actor=actor, obj=export, action="export", to_state=ExportStatus.DONE, request=request)
        return ExportAnswer(export=export, content=buffer.getvalue())
    export = Export.objects.create(
        requested_by=actor, list_name=spec.name, query=filters, language=get_language() or ""
    )
    audit_record(actor=actor, obj=export, action="export_requested", to_state=ExportStatus.PENDING, request=request)
    transaction.on_commit(lambda: _enqueue_build(export))
    return ExportAnswer(export=export)


NOT_QUEUED = _("The export could not be started: the task service is unavailable. Please try again later.")


def _enqueue_build(export: Export) -> None:
    """Queue the build; when the broker (Redis) does not answer, the export is marked failed with a message
    instead of staying "pending" for ever (docs/security.md, "Faults")."""
    try:
        task(BUILD_TASK).delay(export.pk)
    except (KombuOperationalError, OSError) as error:
        logger.warning("Export %s could not be queued: %s", export.pk, error)
        Export.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
            status=ExportStatus.FAILED, error=str(NOT_QUEUED), finished_at=timezone.now()
        )


def export_build(*, export_id: int) -> Export | None:
    """Build one large export: the requester's filters over the requester's scope as it is now.

    Claimed with a conditional update, so a redelivered task never builds it twice.
    """
    claimed = Export.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(status=ExportStatus.RUNNING)
    export = Export.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or not claimed:
        return export
    spec = list_export(export.list_name)
    try:
        if spec is None or not may_still_receive(export.requested_by, spec):
            raise PermissionDeniedError(NO_LONGER_ALLOWED)
        with translation.override(export.language or settings.LANGUAGE_CODE), tempfile.TemporaryFile() as target:
            export.rows = write_workbook(spec, spec.rows(export.requested_by, export.query), target)
            target.seek(0)
            export.file.save(f"{spec.filename}-{export.pk}.xlsx", File(target), save=False)
        export.status = ExportStatus.DONE
    except PermissionDeniedError as refused:
        export.status, export.error = ExportStatus.FAILED, str(refused.message)
    except Exception as error:  # noqa: BLE001 - recorded on the export for its page, then logged
        logger.exception("Export %s failed", export_id)
        export.status, export.error = ExportStatus.FAILED, str(error)[:1000]
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "rows", "status", "error", "finished_at"])
    _tell_the_requester(export, spec)
    return export


def _tell_the_requester(export: Export, spec: ListExport | None) -> None:
    """The requester may have left the status page: the bell (and an e-mail) says the file is ready."""
    kind = "export_ready" if export.status == ExportStatus.DONE else "export_failed"
    params = {"list": str(spec.title) if spec else export.list_name, "rows": export.rows}
    url = reverse("exports:status", args=[export.pk])
    notify_on_commit(recipients=[export.requested_by], kind=kind, params=params, url=url)


def exports_expire(*, now=None) -> int:
    """Delete the files of exports older than ``EXPORT_KEEP_DAYS``; the records stay as the ledger."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.EXPORT_KEEP_DAYS)
    expired = 0
    for export in Export.objects.filter(status=ExportStatus.DONE, direct=False, created_at__lt=cutoff).iterator():
        if export.file:
            export.file.delete(save=False)
        export.status = ExportStatus.EXPIRED
        export.save(update_fields=["file", "status"])
        audit_record(
            actor=None, obj=export, action="export_expired", from_state=ExportStatus.DONE, to_state=ExportStatus.EXPIRED
        )
        expired += 1
    return expired
