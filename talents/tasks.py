"""Background work of the talents app: keeping the role dashboard's registry figures fresh."""

from celery import shared_task

from talents.figures import registry_figures_refresh as _refresh


# Seconds at national scale (1,000,000 talents); the limits leave ample room.
@shared_task(soft_time_limit=540, time_limit=600, acks_late=True)
def registry_figures_refresh() -> int:
    """Recompute the registry figures (after writes, debounced, and every 15 minutes); returns ms."""
    return _refresh().duration_ms
