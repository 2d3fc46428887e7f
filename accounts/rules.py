"""Who may take the actions of the shared mechanisms (pure predicates; scope is the selectors' business)."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from accounts.models import Role

if TYPE_CHECKING:
    from accounts.models import User

ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION = _("Only a provincial official may grant self-evaluation.")


def can_grant_self_evaluation(actor: "User") -> bool:
    """skills-title-integration-opinions (R8): a provincial official decides an organisation's self-evaluation."""
    return actor.is_superuser or actor.role == Role.PROVINCIAL_OFFICIAL


NOT_YOUR_TOKEN = _("Only its owner or an administrator may revoke an API token.")


def can_revoke_api_token(actor, owner) -> bool:
    """An API token is revoked by its owner, or by an administrator (a lost laptop, a leaver)."""
    return actor.pk == owner.pk or actor.is_superuser or actor.role == Role.ADMIN


def two_factor_required_for_role(user) -> bool:
    """Officials, experts and administrators see other organisations' people: they sign in with a second
    factor. A clerk may enrol and is then asked too (accounts.middleware.TwoFactorRequiredMiddleware)."""
    return user.is_superuser or user.is_staff or user.role != Role.ENTERPRISE_CLERK
