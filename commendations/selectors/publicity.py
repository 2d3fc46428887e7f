"""Reads for the public notice and conferral of a campaign (docs/commendations.md#public-notice-and-objections)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from commendations.models import Campaign, Nomination, NominationStatus
from commendations.selectors import campaign_list
from notices.models import NoticeEntry

# Passed the expert review: the exrev area adds ``Nomination.review_passed``; until it exists every
# nomination in expert review may be put in notice. This is the one line that changes.
REVIEW_PASSED = Q(review_passed=True) if any(f.name == "review_passed" for f in Nomination._meta.get_fields()) else Q()


def campaign_get(*, actor, pk: int) -> Campaign:
    campaign = campaign_list(actor=actor).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def publishable_nominations(*, campaign: Campaign) -> QuerySet[Nomination]:
    """The nominations the campaign's notice may list: in expert review and passed it."""
    return (
        Nomination.objects.filter(campaign=campaign, status=NominationStatus.IN_EXPERT_REVIEW)
        .filter(REVIEW_PASSED)
        .select_related("talent__employer", "nominee_organisation", "organisation__region", "campaign__award")
        .order_by("organisation__name", "pk")
    )


def nominations_in_publicity(*, campaign: Campaign) -> QuerySet[Nomination]:
    return Nomination.objects.filter(campaign=campaign, status=NominationStatus.IN_PUBLICITY).select_related(
        "campaign__region", "campaign__award", "talent", "nominee_organisation", "organisation__region"
    )


def campaign_nomination_get(*, campaign: Campaign, pk) -> Nomination:
    """One nomination of a campaign the caller reached through ``campaign_get`` (404 otherwise)."""
    nomination = Nomination.objects.filter(campaign=campaign, pk=pk).first()
    if nomination is None:
        raise Http404
    return nomination


def notice_entry_of(nomination: Nomination) -> NoticeEntry | None:
    """The nomination's latest public-notice entry (a nomination is in at most one open notice)."""
    return (
        NoticeEntry.objects.filter(subject_type=ContentType.objects.get_for_model(Nomination), subject_id=nomination.pk)
        .select_related("notice")
        .order_by("-notice__opens_on", "-notice_id")
        .first()
    )
