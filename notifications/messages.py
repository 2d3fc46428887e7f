"""The message catalogue: kind → (title, body) templates with %(name)s parameters.

Notifications store the kind and its parameters; the text is rendered when read, in the reader's
language. An app above this one adds its kinds with ``register_messages`` in its ``ready()``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Message:
    title: str
    body: str


MESSAGES: dict[str, Message] = {
    "objection_filed": Message(
        _("Objection filed in notice “%(notice)s”"),
        _(
            "Someone objected to the entry of %(name)s in the notice “%(notice)s”. "
            "Resolve it before the notice can close."
        ),
    ),
    "export_ready": Message(
        _("Your export is ready: %(list)s"),
        _("The export of “%(list)s” (%(rows)s rows) is ready to download."),
    ),
    "export_failed": Message(
        _("Your export failed: %(list)s"),
        _("The export of “%(list)s” could not be prepared. Try again, or narrow the filters."),
    ),
    "dossier_submitted": Message(
        _("New dossier in your review queue: %(talent)s"),
        _("%(organisation)s submitted the dossier of %(talent)s for “%(round)s”. It waits for your review."),
    ),
    "dossier_city_approved": Message(
        _("Dossier approved by the city: %(talent)s"),
        _(
            "The city approved the dossier of %(talent)s (%(organisation)s) for “%(round)s”. "
            "It waits for provincial review."
        ),
    ),
    "dossier_returned": Message(
        _("Dossier returned for revision: %(talent)s"),
        _("The dossier of %(talent)s for “%(round)s” was returned for revision. Comment: %(comment)s"),
    ),
    "dossier_rejected": Message(
        _("Dossier rejected: %(talent)s"),
        _("The dossier of %(talent)s for “%(round)s” was rejected. Comment: %(comment)s"),
    ),
    "dossier_in_assessment": Message(
        _("Dossier to assess: %(talent)s"),
        _("The dossier of %(talent)s (%(organisation)s) for “%(round)s” is ready for the committee's assessment."),
    ),
    "dossier_passed": Message(
        _("Dossier passed: %(talent)s"),
        _("The committee passed the dossier of %(talent)s for “%(round)s”. It will be published for public notice."),
    ),
    "dossier_failed": Message(
        _("Dossier not passed: %(talent)s"),
        _("The committee did not pass the dossier of %(talent)s for “%(round)s”."),
    ),
    "dossier_in_committee": Message(
        _("Dossier before the committee: %(talent)s"),
        _("Scoring of the dossier of %(talent)s (%(organisation)s) for “%(round)s” is closed. Cast your vote."),
    ),
    "dossier_in_publicity": Message(
        _("Dossier in public notice: %(talent)s"),
        _(
            "The dossier of %(talent)s for “%(round)s” is published for public notice. "
            "Unless an objection is upheld, the certificate is issued when the notice ends."
        ),
    ),
    "dossier_certified": Message(
        _("Certificate issued: %(talent)s"),
        _("The public notice ended without an upheld objection: %(talent)s is certified for “%(round)s”."),
    ),
    "dossier_failed_after_objection": Message(
        _("Dossier failed after an objection: %(talent)s"),
        _("An objection to %(talent)s in the public notice for “%(round)s” was upheld. Comment: %(comment)s"),
    ),
    "campaign_opened": Message(
        _("Commendation campaign opened: %(campaign)s"),
        _(
            "%(region)s opened the campaign “%(campaign)s”: nominations are taken from %(opens_on)s to "
            "%(closes_on)s. Split your region's quota and pass the call on."
        ),
    ),
}

UNKNOWN = Message(_("Notification"), "")


def register_messages(messages: dict[str, Message]) -> None:
    MESSAGES.update(messages)


class _Params(dict):
    """Missing parameters render empty rather than raising, so an old row never breaks a page."""

    def __missing__(self, key):
        return ""


def render(kind: str, params: dict) -> tuple[str, str]:
    """Title and body in the active language."""
    message = MESSAGES.get(kind, UNKNOWN)
    values = _Params(params or {})
    try:
        title = str(message.title) % values
        body = str(message.body) % values if message.body else ""
    except (TypeError, ValueError):
        return str(message.title), str(message.body)
    return title, body
