"""Registration without disclosure (docs/security.md): a clerk registering a number another organisation
holds is answered exactly as for a new number; the conflict goes to the bureau as a registration claim,
which transfers the one record (credentials and honours with it) or rejects the claim with a reason."""

import datetime
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from rest_framework.test import APIClient

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from catalogues.models import Occupation
from notifications.models import Notification
from talents.claims import registration_claim_resolve
from talents.models import ClaimStatus, Credential, Honour, RegistrationClaim, Talent
from talents.selectors import talent_list
from talents.services import talent_create
from talents.spreadsheets import UPLOAD_COLUMNS
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.talents.factories import (
    CredentialFactory,
    HonourFactory,
    RegistrationClaimFactory,
    TalentFactory,
    fresh_id_number,
)

API = "/api/v1/talents/"
CLAIMS_API = "/api/v1/registration-claims/"
MASKED = re.compile(r"\d{6}\*{8}\d{3}[\dX]")


@pytest.fixture
def lathe(db):
    return Occupation.objects.get(code="6-18-01-01")


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(number: str) -> dict:
    return {"name": "李明", "id_number": number, "occupation": "6-18-01-01", "frontline": True, "years_of_work": 3}


def held_elsewhere(world) -> Talent:
    """A talent of another province's organisation, with a credential and an honour."""
    talent = TalentFactory(employer=world.org_other_province, name="李明")
    CredentialFactory(talent=talent)
    HonourFactory(talent=talent)
    return talent


def unmasked(text: str) -> str:
    return MASKED.sub("<masked>", text)


def shown_messages(client, response) -> list[str]:
    """The messages the page after the redirect shows (reading them there consumes them)."""
    return [unmasked(str(message)) for message in client.get(response.url).context["messages"]]


# The two answers, field by field


def test_the_api_answers_a_number_held_elsewhere_exactly_as_a_new_one(world):
    holder = held_elsewhere(world)
    client = api_client(world.clerk)
    # Both content types cached, as in any process past its first registration of each kind.
    ContentType.objects.get_for_models(Talent, RegistrationClaim)
    answers, queries = [], []
    for number in (fresh_id_number(), holder.id_number):
        with CaptureQueriesContext(connection) as captured:
            answers.append(client.post(API, body(number), format="json"))
        queries.append(len(captured))
    new, elsewhere = answers
    assert (new.status_code, elsewhere.status_code) == (202, 202)
    assert new.json().keys() == elsewhere.json().keys() == {"detail", "name", "id_number_masked"}
    for field in ("detail", "name", "id_number_masked"):
        assert unmasked(new.json()[field]) == unmasked(elsewhere.json()[field]), field
    assert elsewhere.json()["id_number_masked"] == holder.masked_id_number  # what the clerk typed, masked
    for header in ("Content-Type", "Cache-Control", "Vary"):
        assert new.headers.get(header) == elsewhere.headers.get(header), header
    assert queries[0] == queries[1]  # the same statements: one look-up, one insert, one audit row
    assert holder.id_number not in elsewhere.content.decode()
    assert world.org_other_province.name not in elsewhere.content.decode()
    # Nothing was double counted: one new talent, the other number became a claim.
    assert Talent.objects.count() == 2
    assert RegistrationClaim.objects.get().talent == holder


def test_the_page_answers_a_number_held_elsewhere_exactly_as_a_new_one(client_for, world, lathe):
    holder = held_elsewhere(world)
    client = client_for(world.clerk)
    answers = []
    for number in (fresh_id_number(), holder.id_number):
        data = {"name": "李明", "id_number": number, "occupation": lathe.pk, "frontline": "on", "years_of_work": 3}
        response = client.post(reverse("talents:create"), data)
        answers.append((response.status_code, response.url, shown_messages(client, response)))
    assert answers[0] == answers[1]
    assert answers[0][:2] == (302, reverse("talents:list"))
    assert RegistrationClaim.objects.filter(talent=holder, organisation=world.org).exists()


def workbook(numbers) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, _label, header in UPLOAD_COLUMNS])
    for number in numbers:
        sheet.append(["王芳", number, "6-18-01-01", "是", 6, "secondary"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "talents.xlsx"
    return buffer


def test_a_bulk_upload_answers_alike_and_routes_the_held_number_to_a_claim(client_for, world):
    holder = held_elsewhere(world)
    client = client_for(world.clerk)
    answers = []
    for numbers in ([fresh_id_number(), fresh_id_number()], [fresh_id_number(), holder.id_number]):
        response = client.post(reverse("talents:upload"), {"file": workbook(numbers)})
        answers.append((response.status_code, response.url, shown_messages(client, response)))
    assert answers[0] == answers[1]
    assert Talent.objects.filter(employer=world.org).count() == 3
    assert RegistrationClaim.objects.get().talent == holder


def test_the_own_organisation_is_still_told_the_number_is_registered(world, lathe):
    own = TalentFactory(employer=world.org)
    with pytest.raises(ApplicationError) as error:
        talent_create(actor=world.clerk, name="王五", id_number=own.id_number, occupation=lathe)
    assert (error.value.field, error.value.code) == ("id_number", "duplicate")
    assert not RegistrationClaim.objects.exists()


def test_a_second_registration_while_the_claim_is_open_is_the_own_duplicate(world, lathe):
    """Registering twice must not tell a claimed number (received twice) from a new one (refused)."""
    holder = held_elsewhere(world)
    new = fresh_id_number()
    with translation.override("en"):
        for number in (new, holder.id_number):
            talent_create(actor=world.clerk, name="王五", id_number=number, occupation=lathe)
            with pytest.raises(ApplicationError) as error:
                talent_create(actor=world.clerk, name="王五", id_number=number, occupation=lathe)
            assert (error.value.field, error.value.code, str(error.value.message)) == (
                "id_number",
                "duplicate",
                "This national ID number is already registered by your organisation.",
            )
    assert RegistrationClaim.objects.count() == 1


# Routing to the bureau


def test_the_city_bureau_of_the_clerks_organisation_is_told(
    world, lathe, eager_celery, django_capture_on_commit_callbacks
):
    holder = held_elsewhere(world)
    with django_capture_on_commit_callbacks(execute=True):
        receipt = talent_create(actor=world.clerk, name="李明", id_number=holder.id_number, occupation=lathe)
    claim = receipt.claim
    told = Notification.objects.filter(kind="registration_claim_opened")
    assert {n.recipient for n in told} == {world.city_official}
    assert told.get().url == reverse("talents:claim-detail", args=[claim.pk])
    entry = AuditLog.objects.for_object(claim).get()
    assert (entry.action, entry.actor, entry.to_state) == ("claim_open", world.clerk, "pending")
    assert holder.id_number not in str(entry.changes) + entry.object_repr


def test_an_organisation_directly_under_a_province_goes_to_the_province(
    world, lathe, eager_celery, django_capture_on_commit_callbacks
):
    provincial_org = OrganisationFactory(region=region("440000"))
    clerk = UserFactory(role="enterprise_clerk", organisation=provincial_org)
    holder = held_elsewhere(world)
    with django_capture_on_commit_callbacks(execute=True):
        talent_create(actor=clerk, name="李明", id_number=holder.id_number, occupation=lathe)
    told = Notification.objects.filter(kind="registration_claim_opened")
    assert {n.recipient for n in told} == {world.provincial_official}


# Resolution


def test_a_transfer_moves_the_one_record_with_its_credentials_and_honours(world, django_capture_on_commit_callbacks):
    holder = held_elsewhere(world)
    old_clerk = UserFactory(role="enterprise_clerk", organisation=world.org_other_province)
    other = Occupation.objects.exclude(pk=holder.occupation_id).first()
    claim = RegistrationClaimFactory(talent=holder, organisation=world.org, requested_by=world.clerk, occupation=other)
    with django_capture_on_commit_callbacks(execute=True):
        registration_claim_resolve(actor=world.city_official, claim=claim, decision="transfer", reason="劳动合同已核实")
    holder.refresh_from_db()
    claim.refresh_from_db()
    assert (holder.employer, holder.occupation, holder.name) == (world.org, other, "李明")
    assert (claim.status, claim.resolved_by, claim.reason) == (
        ClaimStatus.TRANSFERRED,
        world.city_official,
        "劳动合同已核实",
    )
    assert Talent.objects.count() == 1
    assert Credential.objects.get().talent == holder and Honour.objects.get().talent == holder
    # Counted once, under its new employer only.
    assert list(talent_list(actor=world.clerk)) == [holder]
    assert not talent_list(actor=world.provincial_official_other).exists()
    assert talent_list(actor=world.national_official).count() == 1
    # Audited on the claim and on the talent.
    claim_entry = AuditLog.objects.for_object(claim).get()
    assert (claim_entry.action, claim_entry.from_state, claim_entry.to_state) == (
        "claim_transfer",
        "pending",
        "transferred",
    )
    moved = AuditLog.objects.for_object(holder).get(action="transfer")
    assert moved.changes["employer"] == [world.org_other_province.pk, world.org.pk]
    assert (moved.actor, moved.comment) == (world.city_official, "劳动合同已核实")
    # The clerk learns the outcome; the old employer learns the talent left (not where to).
    assert Notification.objects.get(kind="registration_claim_transferred").recipient == world.clerk
    assert Notification.objects.get(kind="talent_transferred_away").recipient == old_clerk


def test_a_rejection_needs_a_reason_keeps_the_record_and_tells_the_clerk(world, django_capture_on_commit_callbacks):
    holder = held_elsewhere(world)
    claim = RegistrationClaimFactory(talent=holder, organisation=world.org, requested_by=world.clerk)
    with pytest.raises(ApplicationError) as error:
        registration_claim_resolve(actor=world.city_official, claim=claim, decision="reject", reason=" ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        registration_claim_resolve(actor=world.city_official, claim=claim, decision="reject", reason="无在职证明")
    holder.refresh_from_db()
    claim.refresh_from_db()
    assert holder.employer == world.org_other_province
    assert (claim.status, claim.reason) == (ClaimStatus.REJECTED, "无在职证明")
    entry = AuditLog.objects.for_object(claim).get()
    assert (entry.action, entry.actor, entry.comment) == ("claim_reject", world.city_official, "无在职证明")
    assert not AuditLog.objects.for_object(holder).exists()
    told = Notification.objects.get(kind="registration_claim_rejected")
    assert (told.recipient, told.params["reason"]) == (world.clerk, "无在职证明")
    with pytest.raises(ApplicationError) as again:
        registration_claim_resolve(actor=world.city_official, claim=claim, decision="transfer")
    assert again.value.status == 409


def test_the_queue_page_resolves_a_claim(client_for, world):
    claim = RegistrationClaimFactory(talent=held_elsewhere(world), organisation=world.org, requested_by=world.clerk)
    client = client_for(world.city_official)
    page = client.get(reverse("talents:claim-list")).content.decode()
    assert reverse("talents:claim-detail", args=[claim.pk]) in page
    assert claim.talent.id_number not in page and claim.talent.masked_id_number in page
    detail = client.get(reverse("talents:claim-detail", args=[claim.pk])).content.decode()
    assert claim.talent.id_number not in detail
    response = client.post(reverse("talents:claim-detail", args=[claim.pk]), {"decision": "reject", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(reverse("talents:claim-detail", args=[claim.pk]), {"decision": "transfer", "reason": "ok"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.TRANSFERRED
    assert client.get(reverse("talents:claim-list"), {"status": "pending"}).context["claims"] == []


def test_the_queue_api_lists_and_resolves(world):
    claim = RegistrationClaimFactory(talent=held_elsewhere(world), organisation=world.org, requested_by=world.clerk)
    client = api_client(world.provincial_official)
    rows = client.get(CLAIMS_API, {"status": "pending"}).json()["results"]
    assert [row["id"] for row in rows] == [claim.pk]
    assert rows[0]["id_number_masked"] == claim.talent.masked_id_number
    assert claim.talent.id_number not in client.get(CLAIMS_API).content.decode()
    assert client.post(f"{CLAIMS_API}{claim.pk}/resolve/", {"decision": "reject"}, format="json").status_code == 400
    response = client.post(f"{CLAIMS_API}{claim.pk}/resolve/", {"decision": "transfer"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "transferred"
    assert client.get(CLAIMS_API, {"status": "pending"}).json()["results"] == []


def test_the_queue_api_answers_in_constant_queries(world, django_assert_num_queries):
    client = api_client(world.city_official)
    RegistrationClaimFactory(talent=held_elsewhere(world), organisation=world.org)
    with CaptureQueriesContext(connection) as one:
        client.get(CLAIMS_API)
    for _ in range(9):
        RegistrationClaimFactory(talent=TalentFactory(employer=world.org_other_city), organisation=world.org)
    with django_assert_num_queries(len(one)):
        assert len(client.get(CLAIMS_API).json()["results"]) == 10


# Scoping: nobody else learns anything


def test_clerks_never_see_claims_not_even_their_own(client_for, world):
    claim = RegistrationClaimFactory(talent=held_elsewhere(world), organisation=world.org, requested_by=world.clerk)
    holder_clerk = UserFactory(role="enterprise_clerk", organisation=world.org_other_province)
    for clerk in (world.clerk, holder_clerk):
        client = api_client(clerk)
        assert client.get(CLAIMS_API).json()["results"] == []
        assert client.get(f"{CLAIMS_API}{claim.pk}/").status_code == 404
        assert client.post(f"{CLAIMS_API}{claim.pk}/resolve/", {"decision": "transfer"}).status_code == 403
        assert client_for(clerk).get(reverse("talents:claim-detail", args=[claim.pk])).status_code == 403
    # The holder's side sees nothing of the claim on its talent's page either.
    page = client_for(holder_clerk).get(reverse("talents:detail", args=[claim.talent_id])).content.decode()
    assert world.org.name not in page and "claim" not in page.lower()
    assert not Notification.objects.filter(recipient=holder_clerk).exists()


def test_officials_without_scope_over_the_claimant_cannot_see_or_resolve(world):
    claim = RegistrationClaimFactory(talent=held_elsewhere(world), organisation=world.org)
    for official in (world.city_official_other_city, world.provincial_official_other):
        client = api_client(official)
        assert client.get(CLAIMS_API).json()["results"] == []
        assert client.post(f"{CLAIMS_API}{claim.pk}/resolve/", {"decision": "transfer"}).status_code == 404
        with pytest.raises(PermissionDeniedError):
            registration_claim_resolve(actor=official, claim=claim, decision="transfer")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_the_claim_keeps_no_full_number(world, lathe):
    holder = held_elsewhere(world)
    receipt = talent_create(actor=world.clerk, name="李明", id_number=holder.id_number, occupation=lathe)
    assert holder.id_number not in str(receipt.claim)
    assert receipt.talent is None and receipt.claim.previous_employer == world.org_other_province
    assert receipt.claim.created_at.date() <= datetime.date.today()
