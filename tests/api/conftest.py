"""API fixtures: a client per user, and one talent, credential and honour per organisation of the world."""

import itertools
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from tests.talents import factories as talent_factories
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory


@pytest.fixture(autouse=True)
def own_id_number_sequence(monkeypatch):
    """These tests register hundreds of talents. Each test rolls back, so numbers need only be unique
    within it: a private counter keeps the shared one (whose birth dates shift every 500 numbers)
    where the other test packages expect it."""
    monkeypatch.setattr(talent_factories, "_sequence", itertools.count(1))


@dataclass
class Registry:
    organisations: dict
    talents: dict
    credentials: dict
    honours: dict


@pytest.fixture
def registry(world) -> Registry:
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    talents = {key: TalentFactory(employer=org) for key, org in organisations.items()}
    return Registry(
        organisations=organisations,
        talents=talents,
        credentials={key: CredentialFactory(talent=talent) for key, talent in talents.items()},
        honours={key: HonourFactory(talent=talent) for key, talent in talents.items()},
    )


@pytest.fixture
def api_as():
    """api_as(user) → an API client authenticated as that user (None → anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
