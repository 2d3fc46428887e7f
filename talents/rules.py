"""Permission predicates for the registry: what a role may do (scope is the selectors' job)."""

from accounts.models import Role


def can_register_talents(actor) -> bool:
    """Enterprises keep their own registry (DESIGN.md §1): only their clerks write it."""
    return actor.is_authenticated and actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id is not None


def can_edit_talent(actor, talent) -> bool:
    return can_register_talents(actor) and talent.employer_id == actor.organisation_id


def can_enter_honours(actor) -> bool:
    """Honours come from conferral or are entered with evidence by an official (DESIGN.md §3)."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official)


def can_reveal_id_number(actor) -> bool:
    """The full ID number only on an explicit, audited reveal by an official with scope."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official)


REGISTRY_ROLES = frozenset(
    {Role.ENTERPRISE_CLERK, Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN}
)


def can_browse_registry(actor) -> bool:
    """Lists, pages and exports of the registry; experts see talents only through assigned dossiers (DESIGN.md §1)."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in REGISTRY_ROLES)
