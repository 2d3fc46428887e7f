"""Permission predicates for the registry: what a role may do (scope is the selectors' job)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from accounts.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# What a refused user is told; one wording for pages, API and services.
NO_REGISTRY_ACCESS = _("Experts see talents only through the dossiers assigned to them.")
ONLY_CLERKS_REGISTER = _("Only an enterprise clerk registers talents, for their own organisation.")
ONLY_EMPLOYER_CLERK = _("Only a clerk of the talent's employer may change this record.")
ONLY_OFFICIALS_REVEAL = _("Only an HR official may reveal a full national ID number.")
ONLY_OFFICIALS_ENTER_HONOURS = _("Only an HR official enters honours.")


def can_register_talents(actor: "User | AnonymousUser") -> bool:
    """Enterprises keep their own registry (docs/roles.md): only their clerks write it."""
    return actor.is_authenticated and actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id is not None


def can_edit_talent(actor: "User", talent) -> bool:
    return can_register_talents(actor) and talent.employer_id == actor.organisation_id


def can_enter_honours(actor: "User | AnonymousUser") -> bool:
    """Honours come from conferral or are entered with evidence by an official (docs/registry.md)."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official)


def can_reveal_id_number(actor: "User | AnonymousUser") -> bool:
    """The full ID number only on an explicit, audited reveal by an official with scope."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official)


REGISTRY_ROLES = frozenset(
    {Role.ENTERPRISE_CLERK, Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN}
)


def can_browse_registry(actor: "User | AnonymousUser") -> bool:
    """Lists, pages and exports of the registry; experts see talents only through assigned dossiers (docs/roles.md)."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in REGISTRY_ROLES)


CONFIRMATION_NEEDED = _("Enter your password or a current one-time code to confirm it is you.")

ONLY_OFFICIALS_RESOLVE_CLAIMS = _("Only an HR official resolves a registration claim.")


def can_resolve_registration_claims(actor: "User | AnonymousUser") -> bool:
    """The bureau of the claiming organisation decides a transfer (docs/security.md); clerks never see
    claims, since a claim exists only when the number is registered elsewhere."""
    return actor.is_authenticated and (actor.is_superuser or actor.is_official)
