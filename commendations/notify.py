"""Who is told of a nomination's transition (docs/commendations.md#nominations): the people who must
act next, or the nominator when the nomination comes back. Registered on the workflow's after-commit
hook in CommendationsConfig.ready(); the text is rendered in each reader's language (notifications)."""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import RegionLevel
from commendations import rules
from commendations.models import NominationStatus
from committees.selectors import member_rows
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
    "nomination_review_due": _message(
        _("Nomination to score and vote on: %(nominee)s"),
        _(
            "%(nominee)s (%(organisation)s), nominated for “%(campaign)s”, is in expert review. "
            "Enter your score and vote."
        ),
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
    """The officials who run the campaign (``rules.is_campaign_official``): the ministry's for a national
    one, the province's for a provincial one, the city's for a city-level one."""
    region = nomination.campaign.region
    role = rules.organiser_role(region)
    if region.level == RegionLevel.NATIONAL:
        return _users().filter(role=role)
    return _users().filter(role=role, region_id=region.pk)


def committee_experts(nomination):
    """The members of the campaign's expert committee who may judge the nomination (not its employer's)."""
    committee_id = nomination.campaign.committee_id
    if committee_id is None:
        return _users().none()
    members = [pk for pk, organisation_id in member_rows(committee_id) if organisation_id != nomination.organisation_id]
    return _users().filter(pk__in=members)


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
    # Sent to expert review: the committee's experts must now score and vote.
    "start_review": [("nomination_review_due", committee_experts, None)],
    "return": [("nomination_returned", nominator, None)],
    "reject": [("nomination_rejected", nominator, None)],
}


def nomination_url(nomination, kind: str = "") -> str:
    """The nomination's page; the experts' review page for them (they do not see the nominations list)."""
    name = "commendations:review-detail" if kind == "nomination_review_due" else "commendations:nomination-detail"
    try:
        return reverse(name, args=[nomination.pk])
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
            url=nomination_url(nomination, kind),
            actor=actor,
        )
