"""Comments on a dossier (issue 5), each with a visibility: internal to the reviewing side, or visible
to the submitting enterprise.

Officials choose; an enterprise clerk's comment is always visible to the enterprise; an expert's is
always internal. Who reads what is ``evaluations.selectors.review.dossier_comments``. The caller has
reached the dossier through a scoped selector (404 outside scope); this decides the role (403).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import OFFICIAL_ROLES, Role
from accounts.services import full_clean_or_raise
from evaluations import rules
from evaluations.models import CommentVisibility, Dossier, DossierComment

BODY_MAX_LENGTH = 4000
COMMENTING_ROLES = frozenset({Role.ENTERPRISE_CLERK, *OFFICIAL_ROLES, Role.EXPERT})
ONLY_PARTIES_COMMENT = gettext_lazy("Only the submitting enterprise, officials and the committee comment on a dossier.")


def comment_visibilities_for(actor, dossier: Dossier) -> list[str]:
    """The visibilities this actor may give a comment on this dossier (empty: may not comment)."""
    if actor.is_superuser or actor.is_official:
        return [CommentVisibility.INTERNAL, CommentVisibility.ENTERPRISE]
    if rules.is_clerk_of(actor, dossier):
        return [CommentVisibility.ENTERPRISE]
    if actor.role == Role.EXPERT and rules.is_committee_member(actor, dossier):
        return [CommentVisibility.INTERNAL]
    return []


def can_comment(actor) -> bool:
    """Roles that may comment at all (before any dossier is looked up)."""
    return actor.is_authenticated and actor.is_active and (actor.is_superuser or actor.role in COMMENTING_ROLES)


@transaction.atomic
def dossier_comment_add(*, actor, dossier: Dossier, body: str, visibility: str = "") -> DossierComment:
    """Add a comment tied to the dossier's current revision. An empty ``visibility`` takes the only one
    the actor's role allows (a clerk's: enterprise; an expert's: internal)."""
    allowed = comment_visibilities_for(actor, dossier)
    if not allowed:
        raise PermissionDeniedError(ONLY_PARTIES_COMMENT)
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Write a comment."), field="body")
    if len(body) > BODY_MAX_LENGTH:
        raise ApplicationError(
            _("Keep the comment under %(count)s characters.") % {"count": BODY_MAX_LENGTH}, field="body"
        )
    if not visibility:
        if len(allowed) > 1:
            raise ApplicationError(_("Choose who may read the comment."), field="visibility")
        visibility = allowed[0]
    if visibility not in allowed:
        raise ApplicationError(_("You may not give a comment this visibility."), field="visibility")
    comment = DossierComment(
        dossier=dossier,
        revision_id=dossier.current_revision_id,
        author=actor,
        visibility=visibility,
        body=body,
    )
    full_clean_or_raise(comment)
    comment.save()
    return comment
