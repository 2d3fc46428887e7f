"""Submitting a dossier: the round's window, illegal transitions through the API (409 with the workflow's
message), a deactivated clerk.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.errors import ApplicationError
from accounts.models import AuditLog, Role
from evaluations.models import DossierStatus
from evaluations.services.dossiers import dossier_submit
from tests.accounts.factories import UserFactory
from tests.evaluations.dossiers.factories import eligible_talent
from tests.evaluations.factories import DossierFactory, RoundFactory
from tests.evaluations.scenarios import api_client as _api

pytestmark = pytest.mark.django_db

S = DossierStatus


# Round window on submission


def _returned_dossier_in(round_, world):
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org), status=S.RETURNED)
    return dossier


def test_a_returned_dossier_may_be_resubmitted_after_the_window_closed(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = dossier_submit(actor=world.clerk, dossier=_returned_dossier_in(round_, world))
    assert dossier.status == S.SUBMITTED and dossier.current_revision_id is not None


def test_a_withdrawn_dossier_keeps_to_the_window_and_nothing_changes(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org), status=S.WITHDRAWN)
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert (refused.value.status, refused.value.code) == (400, "window_closed")
    assert round_.closes_on.isoformat() in str(refused.value.message)
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN and dossier.current_revision_id is None
    assert not AuditLog.objects.for_object(dossier).filter(action="dossier_submit").exists()


def test_submitting_before_the_round_opens_names_the_window(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org))
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert (refused.value.status, refused.value.code) == (400, "window_not_open")
    message = str(refused.value.message)
    assert round_.opens_on.isoformat() in message and round_.closes_on.isoformat() in message
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


def test_submitting_through_the_api_after_the_window_is_a_400_with_the_code(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org))
    response = _api(world.clerk).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code == 400
    assert response.json()["code"] == "window_closed"
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


# Illegal transitions through the API: 409 with the workflow's message


def test_withdrawing_a_city_approved_dossier_through_the_api_is_a_409_with_the_message(world):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.CITY_APPROVED)
    response = _api(world.clerk).post(reverse("api:dossier-withdraw", args=[dossier.pk]), {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert str(S.CITY_APPROVED.label) in body["detail"]
    dossier.refresh_from_db()
    assert dossier.status == S.CITY_APPROVED


def test_submitting_a_dossier_in_assessment_through_the_api_is_a_409(world):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.IN_ASSESSMENT)
    response = _api(world.clerk).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"


def test_a_deactivated_clerk_may_not_submit(world):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    inactive = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=world.org, is_active=False)
    response = _api(inactive).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code in (401, 403)
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT
