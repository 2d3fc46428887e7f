"""Who may act on public notices (docs/evaluations.md, docs/commendations.md): the provincial HR department
of the notice's
province and the ministry publish, resolve objections and close notices; anyone may read and object."""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scoping import NOTHING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

ONLY_NOTICE_OFFICIALS = _("Only the provincial HR department of the notice's province or the ministry may do this.")


def handles_notices(actor: "User | AnonymousUser") -> bool:
    """Roles that work on notices at all (the pages and API for officials)."""
    return actor.is_authenticated and (actor.sees_everything or actor.role == Role.PROVINCIAL_OFFICIAL)


def notice_region_scope(actor: "User | AnonymousUser", path: str = "region") -> Q:
    """Notices (reached through ``path`` to their region) the actor handles."""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if actor.sees_everything:
        return Q()
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(**{f"{path}_id": actor.region_id}) | Q(**{f"{path}__parent_id": actor.region_id})
    return NOTHING


def can_handle_notice_region(actor: "User", region) -> bool:
    if not handles_notices(actor):
        return False
    if actor.sees_everything:
        return True
    return region.province_id == actor.region_id
