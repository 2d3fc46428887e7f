"""What a public notice does to a nomination it lists (registered in CommendationsConfig.ready()).

They run inside the notice's closing / the objection's resolving transaction (docs/notices.md): a
failure rolls it back. An upheld objection withdraws the nomination; the notice's end confers it;
every resolution, upheld or dismissed, is told to the nominator.
"""

from django.utils.translation import gettext as _

import workflow
from commendations import rules
from commendations.models import Nomination
from commendations.notify_publicity import tell_objection_outcome
from commendations.services.conferral import confer_from_notice
from commendations.workflow import NOMINATION_WORKFLOW
from notices.models import ObjectionStatus
from notices.registry import register_subject_handlers


def on_confirmed(subject: Nomination, entry, actor) -> None:
    confer_from_notice(nomination=subject, entry=entry, actor=actor)


def on_withdrawn(subject: Nomination, entry, actor) -> None:
    """An objection was upheld: the nomination is withdrawn, with the resolution as the comment."""
    upheld = entry.objections.filter(status=ObjectionStatus.UPHELD).order_by("-resolved_at", "-pk").first()
    comment = upheld.resolution if upheld is not None and upheld.resolution else _("An objection was upheld.")
    locked = Nomination.objects.select_related("campaign__region").get(pk=subject.pk)
    workflow.transition(
        workflow=NOMINATION_WORKFLOW,
        actor=actor if rules.is_campaign_official(actor, locked) else None,
        obj=locked,
        action="withdraw_after_objection",
        comment=comment,
    )


def on_objection_resolved(subject: Nomination, objection, actor) -> None:
    tell_objection_outcome(nomination=subject, objection=objection)


def register() -> None:
    register_subject_handlers(
        Nomination, on_confirmed=on_confirmed, on_withdrawn=on_withdrawn, on_objection_resolved=on_objection_resolved
    )
