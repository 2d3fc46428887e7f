"""What a public notice's end does to a dossier it lists (registered in EvaluationsConfig.ready()).

Both run inside the notice's closing / the objection's resolving transaction: a failure rolls it back.
The transition is taken by the closing actor when the workflow lets them (a provincial official of the
dossier's province), otherwise by the portal itself (the nightly close, the ministry closing a notice).
"""

from django.utils.translation import gettext as _

import workflow
from accounts.models import register_audit_actions
from evaluations import rules
from evaluations.models import Dossier
from evaluations.services import assessment, certificates
from evaluations.services.certificates import certificate_issue
from evaluations.workflow import DOSSIER_WORKFLOW
from notices.models import ObjectionStatus
from notices.registry import register_subject_handlers


def _acting(actor, dossier: Dossier):
    locked = Dossier.objects.select_related("organisation__region").get(pk=dossier.pk)
    return actor if rules.is_provincial_official_for(actor, locked) else None


def on_confirmed(subject: Dossier, entry, actor) -> None:
    """No upheld objection: issue the certificate and certify the dossier."""
    acting = _acting(actor, subject)

    def apply(locked: Dossier, edge) -> None:
        certificate_issue(dossier=locked, actor=acting)

    workflow.transition(
        workflow=DOSSIER_WORKFLOW,
        actor=acting,
        obj=subject,
        action="certify",
        comment=_("Public notice “%(title)s” ended with no upheld objection.") % {"title": entry.notice.title},
        apply=apply,
    )


def on_withdrawn(subject: Dossier, entry, actor) -> None:
    """An objection was upheld: the dossier fails, with the objection's resolution as the reason."""
    upheld = entry.objections.filter(status=ObjectionStatus.UPHELD).order_by("-resolved_at", "-pk").first()
    comment = upheld.resolution if upheld is not None and upheld.resolution else _("An objection was upheld.")
    workflow.transition(
        workflow=DOSSIER_WORKFLOW,
        actor=_acting(actor, subject),
        obj=subject,
        action="fail_after_objection",
        comment=comment,
    )


def register() -> None:
    """At start-up (EvaluationsConfig.ready): these handlers, and the audit labels of the assessment and
    certificates services."""
    register_subject_handlers(Dossier, on_confirmed=on_confirmed, on_withdrawn=on_withdrawn)
    register_audit_actions({**assessment.AUDIT_ACTIONS, **certificates.AUDIT_ACTIONS})
