"""API fixtures: a client per user, and one talent, credential and honour per organisation of the world."""

import pytest
from rest_framework.test import APIClient

from tests.talents.factories import RegistrySubjects, registry_subjects


@pytest.fixture
def registry(world) -> RegistrySubjects:
    return registry_subjects(world)


@pytest.fixture
def api_as():
    """api_as(user) → an API client authenticated as that user (None → anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
