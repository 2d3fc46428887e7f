"""Who may export a list (each list's own predicate, ``ListExport.may_export``) and who may still receive
a large export built later (the requester, while active and still allowed)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User

NO_LONGER_ALLOWED = _("You may no longer export this list.")


def can_export(actor: "User", spec) -> bool:
    return spec.may_export(actor)


def may_still_receive(actor: "User", spec) -> bool:
    """A large export is built later: its requester must still be active and allowed then."""
    return spec is not None and actor.is_active and spec.may_export(actor)
