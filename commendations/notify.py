"""Who is told of a nomination's transition (docs/commendations.md#nominations): the people who must
act next, or the nominator when the nomination comes back. Registered on the workflow's after-commit
hook in CommendationsConfig.ready(); the text is rendered in each reader's language (notifications)."""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import RegionLevel, Role
from commendations import rules
from commendations.models import NominationStatus
from notifications.messages import Message
from notifications.recipients import city_officials_of, provincial_officials_of
from notifications.services import notify


def _message(title, body) -> Message:
    """A catalogue entry of lazy texts (rendered in the reader's language when shown)."""
    return Message(title, body)


MESSAGES = {
    "nomination_submitted": _message(
        _("New nomination to recommend: %(nominee)s"),
        _("%(organisation)s nominated %(nominee)s for “%(campaign)s”. It waits for your recommendation."),
    ),
    "nomination_city_recommended": _message(
        _("Nomination recommended by the city: %(nominee)s"),
        _(
            "The city recommended %(nominee)s (%(organisation)s) for “%(campaign)s”. "
            "It waits for the province's recommendation."
        ),
    ),
    "nomination_province_recommended": _message(
        _("Nomination recommended by the province: %(nominee)s"),
        _("The province recommended %(nominee)s (%(organisation)s) for “%(campaign)s”. It waits for expert review."),
    ),
    "nomination_returned": _message(
        _("Nomination returned for revision: %(nominee)s"),
        _("The nomination of %(nominee)s for “%(campaign)s” was returned for revision. Comment: %(comment)s"),
    ),
    "nomination_rejected": _message(
        _("Nomination rejected: %(nominee)s"),
        _("The nomination of %(nominee)s for “%(campaign)s” was rejected. Comment: %(comment)s"),
    ),
}


def _users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True)


def reviewers_due(nomination):
    """A submitted nomination enters the city's queue, or the province's when the city is skipped."""
    if rules.needs_city_review(nomination):
        return city_officials_of(nomination.organisation.region_id)
    return provincial_officials_of(nomination.organisation.region)


def campaign_officials(nomination):
    """The officials who run the campaign: the ministry's for a national one, the province's otherwise."""
    region = nomination.campaign.region
    if region.level == RegionLevel.NATIONAL:
        return _users().filter(role=Role.NATIONAL_OFFICIAL)
    return _users().filter(role=Role.PROVINCIAL_OFFICIAL, region_id=region.pk)


def nominator(nomination):
    return _users().filter(pk=nomination.nominated_by_id)


# action → [(message kind, recipients, the target state it applies to or None)]
RULES: dict[str, list[tuple[str, Callable, str | None]]] = {
    "submit": [("nomination_submitted", reviewers_due, None)],
    "recommend": [
        (
            "nomination_city_recommended",
            lambda n: provincial_officials_of(n.organisation.region),
            NominationStatus.CITY_RECOMMENDED,
        ),
        ("nomination_province_recommended", campaign_officials, NominationStatus.PROVINCE_RECOMMENDED),
    ],
    "return": [("nomination_returned", nominator, None)],
    "reject": [("nomination_rejected", nominator, None)],
}


def nomination_url(nomination) -> str:
    try:
        return reverse("commendations:nomination-detail", args=[nomination.pk])
    except NoReverseMatch:
        return ""


def notify_transition(nomination, action, from_state, to_state, actor, comment) -> None:
    """The workflow hook: (nomination, action, from_state, to_state, actor, comment)."""
    for kind, recipients, only_to in RULES.get(action, []):
        if only_to is not None and only_to != to_state:
            continue
        nominee = nomination.talent.name if nomination.talent_id else nomination.nominee_organisation.name
        notify(
            recipients=list(recipients(nomination)),
            kind=kind,
            params={
                "nominee": nominee,
                "organisation": nomination.organisation.name,
                "campaign": str(nomination.campaign),
                "comment": comment or "",
            },
            url=nomination_url(nomination),
            actor=actor,
        )
