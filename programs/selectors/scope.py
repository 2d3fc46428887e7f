"""What every programs selector asks of the actor."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accounts.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def sees_everything(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.sees_everything


def parent_region_ids(actor: "User") -> QuerySet:
    return Region.objects.filter(pk=actor.region_id).values("parent_id")  # type: ignore[misc]  # no region: no row
