"""Permission predicates of the eligibility engine: what a role may do (scope is the selectors' job)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from accounts.models import OFFICIAL_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

NO_CHECK_ACCESS = _("Only enterprise clerks and HR officials check eligibility, for talents in their scope.")
ONLY_OFFICIALS_OVERRIDE = _("Only an HR official may decide a determination that needs review.")
ONLY_ADMINS_EDIT_RULE_SETS = _("Only an administrator edits and publishes rule sets.")
NO_RUN_ACCESS = _("Only HR officials run and read batch eligibility checks.")

CHECK_ROLES = frozenset({Role.ENTERPRISE_CLERK, *OFFICIAL_ROLES, Role.ADMIN})


def can_check_eligibility(actor: "User | AnonymousUser") -> bool:
    """A clerk sees the reasons before submitting a dossier; officials check in their region (docs/rules.md).
    Experts see talents only through assigned dossiers."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in CHECK_ROLES)


def can_override_eligibility(actor: "User | AnonymousUser") -> bool:
    """An official decides a needs_review determination, with a reason (docs/rules.md)."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in OFFICIAL_ROLES)


def can_manage_rule_sets(actor: "User | AnonymousUser") -> bool:
    """Rule sets are edited in the admin by administrators (docs/roles.md)."""
    return actor.is_authenticated and actor.is_superuser


def can_use_runs(actor: "User | AnonymousUser") -> bool:
    """Batch checks are an officials' tool (docs/roles.md: provincial review, batch checks)."""
    return actor.is_authenticated and (
        actor.is_superuser or actor.role in (Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL)
    )


def can_run_all_talents(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.sees_everything
