"""Background work of the talents app: keeping the role dashboard's registry figures fresh."""

from celery import shared_task

from talents.claims import registration_claim_notify as _claim_notify
from talents.figures import registry_figures_refresh as _refresh


# 737 ms measured at 200,000 talents (docs/scale.md); 1,000,000 not measured yet: the limits leave ample room.
@shared_task(soft_time_limit=540, time_limit=600, acks_late=True)
def registry_figures_refresh() -> int:
    """Recompute the registry figures (after writes, debounced, and every 15 minutes); returns ms."""
    return _refresh().duration_ms


@shared_task(name="talents.registration_claim_notify", ignore_result=True, acks_late=True)
def registration_claim_notify(claim_id: int) -> int:
    """Tell the bureau of a new registration claim (enqueued after the registration's commit)."""
    return _claim_notify(claim_id=claim_id)
