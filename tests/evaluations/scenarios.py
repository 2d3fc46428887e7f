"""Scenarios the evaluations tests share: a dossier in a given state on a given track, an API client."""

from rest_framework.test import APIClient

from eligibility.models import Track
from evaluations.models import Dossier
from tests.accounts.factories import OrganisationFactory, region
from tests.evaluations.assessment.factories import make_panel


def dossier_in(world, scenario: str, status: str):
    """A dossier in ``status`` with a frozen revision: ``city`` (a Guangzhou enterprise, standard track),
    ``green`` (the same enterprise, green channel) or ``cityless`` (an enterprise directly under the province)."""
    org = {
        "city": world.org,
        "green": world.org,
        "cityless": None,
    }[scenario] or OrganisationFactory(region=region("440000"))
    panel = make_panel(size=2, status=status, org=org)
    if scenario == "green":
        Dossier.objects.filter(pk=panel.dossier.pk).update(track=Track.GREEN_CHANNEL)
    # The clerk of a city-less organisation is a clerk of that organisation.
    if scenario == "cityless":
        world.clerk.organisation = org
        world.clerk.save(update_fields=["organisation"])
    panel.dossier.refresh_from_db()
    return panel


def api_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
