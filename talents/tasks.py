"""Background work of the talents app: keeping the role dashboard's registry figures fresh."""

from celery import shared_task

from talents.figures import registry_figures_refresh as _refresh


# 737 ms measured at 200,000 talents (docs/scale.md); 1,000,000 not measured yet: the limits leave ample room.
@shared_task(soft_time_limit=540, time_limit=600, acks_late=True)
def registry_figures_refresh() -> int:
    """Recompute the registry figures (after writes, debounced, and every 15 minutes); returns ms."""
    return _refresh().duration_ms
