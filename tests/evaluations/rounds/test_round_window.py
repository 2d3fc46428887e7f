"""A round's window when the round is created (pages, services and API).

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.errors import ApplicationError
from evaluations.models import DossierStatus
from tests.evaluations.factories import CommitteeFactory
from tests.evaluations.scenarios import api_client as _api

pytestmark = pytest.mark.django_db

S = DossierStatus


# Round window when a round is created


def _round_data(**overrides):
    from catalogues.models import Occupation
    from evaluations.models import RoundKind
    from tests.talents.factories import catalogue

    today = timezone.localdate()
    data = {
        "kind": RoundKind.SKILL_EVALUATION,
        "title": "2026年车工技师评价",
        "occupation": catalogue(Occupation, "6-18-01-01"),
        "target_level": "technician",
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=30),
        "methods": ["theory_exam", ("skill_operation", 70)],
    }
    return data | overrides


@pytest.mark.parametrize("missing", ["opens_on", "closes_on"])
def test_a_round_without_its_window_is_refused(world, missing):
    from evaluations.models import Round
    from evaluations.services.rounds import round_create

    with pytest.raises(ApplicationError) as refused:
        round_create(actor=world.provincial_official, **_round_data(**{missing: None}))
    assert refused.value.status == 400 and refused.value.field in ("opens_on", "closes_on")
    assert not Round.objects.exists()


def test_a_one_day_window_is_a_window(world):
    from evaluations.services.dossiers import window_error
    from evaluations.services.rounds import round_create

    today = timezone.localdate()
    round_ = round_create(actor=world.provincial_official, **_round_data(opens_on=today, closes_on=today))
    assert window_error(round_, today) is None
    assert window_error(round_, today + datetime.timedelta(days=1)).code == "window_closed"
    assert window_error(round_, today - datetime.timedelta(days=1)).code == "window_not_open"


def test_the_api_refuses_a_window_closing_before_it_opens(world):
    today = timezone.localdate()
    response = _api(world.provincial_official).post(
        reverse("api:round-list"),
        {
            "kind": "skill_evaluation",
            "title": "2026年车工技师评价",
            "occupation": "6-18-01-01",
            "target_level": "technician",
            "opens_on": today.isoformat(),
            "closes_on": (today - datetime.timedelta(days=1)).isoformat(),
            "methods": [{"method": "theory_exam"}],
            "committee": CommitteeFactory().pk,
        },
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "closes_on" in response.json()
