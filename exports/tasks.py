"""Background work of exports: thin tasks that take ids and call a service (docs/conventions.md §7)."""

from celery import shared_task

from exports.services import export_build, exports_expire


# A national list of a million rows writes in a few minutes with the streaming writer.
@shared_task(name="exports.build", soft_time_limit=1500, time_limit=1800, acks_late=True)
def export_build_task(export_id: int) -> int | None:
    """Build one large export; its row count (None if there is no such export)."""
    export = export_build(export_id=export_id)
    return export.rows if export is not None else None


@shared_task(name="exports.expire")
def exports_expire_task() -> int:
    return exports_expire()
