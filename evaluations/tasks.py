"""Background work of the evaluations app: thin tasks that take ids and call a service (STYLE.md 7)."""

from celery import shared_task

from evaluations.services.review import dossier_export_run


# A national queue of 100,000 dossiers writes in well under a minute; the limits leave ample room.
@shared_task(name="evaluations.review_queue_export", soft_time_limit=540, time_limit=600, acks_late=True)
def review_queue_export_build(export_id: int) -> int | None:
    """Build one large export of the review queue; returns its row count (None if it was not pending)."""
    export = dossier_export_run(export_id=export_id)
    return export.rows if export is not None else None
