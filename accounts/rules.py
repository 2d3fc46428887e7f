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
