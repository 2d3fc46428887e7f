"""Exports as the services leave them, for pages and permission tests."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from exports.models import Export, ExportStatus


def finished_export(requested_by, *, list_name="evaluations.review_queue", rows=1, **fields) -> Export:
    fields = {"status": ExportStatus.DONE, "finished_at": timezone.now(), **fields}
    export = Export.objects.create(requested_by=requested_by, list_name=list_name, rows=rows, **fields)
    export.file.save(f"test-{export.pk}.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    return export


@dataclass
class ExportSubjects:
    export: Export  # a finished large export of the Guangdong provincial official's


def export_subjects(world) -> ExportSubjects:
    return ExportSubjects(export=finished_export(world.provincial_official))
