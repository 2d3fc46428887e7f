"""The nominator is told when their nomination is put in public notice, of each objection's outcome and
of the conferral (issue 13). Notifications store a kind and parameters and are rendered in each
reader's language (docs/notifications.md)."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from commendations.models import Nomination
from commendations.selectors.publicity import notice_entry_of
from commendations.services.conferral import DECIDED, campaign_conclude_if_decided
from commendations.workflow import NOMINATION_WORKFLOW
from notifications.messages import Message, register_messages
from notifications.services import notify, notify_on_commit
from workflow import register_after_transition


def _message(title: Any, body: Any) -> Message:
    """Lazy texts: rendered in the reader's language when the notification is read."""
    return Message(title, body)


MESSAGES = {
    "nomination_in_publicity": _message(
        _("Nomination in public notice: %(nominee)s"),
        _("Your nomination of %(nominee)s for “%(campaign)s” is in the public notice “%(notice)s” until %(until)s."),
    ),
    "nomination_objection_upheld": _message(
        _("Objection upheld: %(nominee)s"),
        _(
            "An objection to your nomination of %(nominee)s for “%(campaign)s” was upheld; the nomination is "
            "withdrawn. Resolution: %(resolution)s"
        ),
    ),
    "nomination_objection_dismissed": _message(
        _("Objection dismissed: %(nominee)s"),
        _(
            "An objection to your nomination of %(nominee)s for “%(campaign)s” was dismissed. "
            "Resolution: %(resolution)s"
        ),
    ),
    "nomination_conferred": _message(
        _("Award conferred: %(nominee)s"),
        _("“%(award)s” has been conferred on %(nominee)s (%(campaign)s)."),
    ),
}


def _nomination_url(nomination: Nomination) -> str:
    try:
        return reverse("commendations:nomination-detail", args=[nomination.pk])
    except NoReverseMatch:  # the nominations pages are another area's
        return ""


def _nominee(nomination: Nomination) -> str:
    nominee = nomination.talent or nomination.nominee_organisation
    return nominee.name if nominee is not None else ""


def _params(nomination: Nomination, **more) -> dict:
    return {"nominee": _nominee(nomination), "campaign": str(nomination.campaign), **more}


def tell_objection_outcome(*, nomination: Nomination, objection) -> None:
    nomination = Nomination.objects.select_related(
        "campaign__award", "talent", "nominee_organisation", "nominated_by"
    ).get(pk=nomination.pk)
    kind = "nomination_objection_upheld" if objection.status == "upheld" else "nomination_objection_dismissed"
    notify_on_commit(
        recipients=[nomination.nominated_by],
        kind=kind,
        params=_params(nomination, resolution=objection.resolution),
        url=_nomination_url(nomination),
    )


def after_transition(nomination: Nomination, action: str, before, after, actor, comment) -> None:
    """Runs after the transition committed (workflow.register_after_transition)."""
    if action not in ("publish", "confer"):
        return
    nomination = Nomination.objects.select_related(
        "campaign__award", "talent", "nominee_organisation", "nominated_by"
    ).get(pk=nomination.pk)
    if action == "publish":
        entry = notice_entry_of(nomination)
        params = _params(
            nomination,
            notice=entry.notice.title if entry else comment,
            until=entry.notice.closes_on.isoformat() if entry else "",
        )
        notify(
            recipients=[nomination.nominated_by],
            kind="nomination_in_publicity",
            params=params,
            actor=actor,
            url=_nomination_url(nomination),
        )
    else:
        notify(
            recipients=[nomination.nominated_by],
            kind="nomination_conferred",
            params=_params(nomination, award=nomination.campaign.award.name),
            actor=actor,
            url=_nomination_url(nomination),
        )


def conclude_after_decision(nomination: Nomination, action: str, before, after, actor, comment) -> None:
    """A decided nomination may be the campaign's last: conclude it then (after commit, own transaction)."""
    if after in DECIDED:
        campaign_conclude_if_decided(campaign=nomination.campaign, actor=None)


def register() -> None:
    register_messages(MESSAGES)
    register_after_transition(NOMINATION_WORKFLOW, after_transition)
    register_after_transition(NOMINATION_WORKFLOW, conclude_after_decision)
