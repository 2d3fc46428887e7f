"""The honours roll (docs/commendations.md#honours-roll): every honour of the registry — conferred
through a campaign or entered by an official — of the talents in the actor's scope, newest first."""

from collections.abc import Mapping

from django.db.models import QuerySet

from accounts.scoping import scope_queryset
from commendations.filters import HonourRollFilter
from commendations.models import Campaign, Nomination, NominationStatus, OrganisationAward
from talents.models import Honour


def honour_roll(*, actor, filters: Mapping) -> QuerySet[Honour]:
    """Scoped like the registry (the talent's employer); joins what a row shows, including the campaign
    of a conferred honour (``nomination`` is the reverse one-to-one), so a page is a constant number of
    queries. Ordered by the ``honour_roll_order`` index."""
    queryset = scope_queryset(Honour.objects.all(), actor, "talent__employer").select_related(
        "talent__employer__region", "award", "nomination__campaign__award"
    )
    return HonourRollFilter.apply(queryset, filters).order_by("-conferred_on", "-id")


def campaign_awardees(*, campaign: Campaign) -> QuerySet[Nomination]:
    """A campaign's conferred nominations, for the awardees' list (the caller checked the actor)."""
    return (
        Nomination.objects.filter(campaign=campaign, status=NominationStatus.CONFERRED)
        .select_related("talent", "nominee_organisation", "organisation__region")
        .order_by("organisation__region__code", "organisation__name", "pk")
    )


def organisation_award_list(*, actor) -> QuerySet[OrganisationAward]:
    """Organisations' awards, scoped like the organisation's own records (the admin's queryset)."""
    return scope_queryset(OrganisationAward.objects.all(), actor, "organisation").select_related(
        "organisation", "award", "campaign__award"
    )
