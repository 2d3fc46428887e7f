"""What every programs selector asks of the actor."""

from django.db.models import QuerySet

from accounts.models import Region


def sees_everything(actor) -> bool:
    return actor.is_authenticated and actor.sees_everything


def parent_region_ids(actor) -> QuerySet:
    return Region.objects.filter(pk=actor.region_id).values("parent_id")
