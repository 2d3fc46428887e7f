"""Comments on a dossier (issue 5), each with a visibility: internal to the reviewing side, or visible
to the submitting enterprise.

Officials choose; an enterprise clerk's comment is always visible to the enterprise; an expert's is
always internal. Who reads what is ``evaluations.selectors.review.dossier_comments``. The caller has
reached the dossier through a scoped selector (404 outside scope); this decides the role (403).
"""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import full_clean_or_raise
from evaluations.models import Dossier, DossierComment
from evaluations.rules import ONLY_PARTIES_COMMENT, comment_visibilities_for

if TYPE_CHECKING:
    from accounts.models import User

BODY_MAX_LENGTH = 4000


@transaction.atomic
def dossier_comment_add(*, actor: "User", dossier: Dossier, body: str, visibility: str = "") -> DossierComment:
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
