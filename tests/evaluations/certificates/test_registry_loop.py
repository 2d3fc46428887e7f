"""Certificates feed the registry (issue 13): issuing a certificate creates the talent's credential,
which counts for R5 one year later; revoking the certificate revokes the credential, which then counts
nowhere (single check, batch SQL and Python)."""

import pytest
from django.urls import reverse

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from eligibility.batch import evaluate_range
from eligibility.models import EligibilityRunResult
from eligibility.services.checks import eligibility_check_talent
from evaluations.models import CertificateStatus, DossierStatus
from evaluations.services.certificates import certificate_issue, certificate_revoke
from talents.models import Credential, CredentialKind, CredentialSource
from talents.services import credential_delete, credential_update, honour_revoke
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.dates import frozen, shanghai, years_after
from tests.eligibility.factories import RuleSetFactory, make_run
from tests.evaluations.assessment.factories import make_panel
from tests.talents.factories import HonourFactory

pytestmark = pytest.mark.django_db
ISSUED = shanghai(2025, 3, 10)


def province_official(code="440000"):
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region(code))


def issued():
    with frozen(ISSUED):
        return certificate_issue(dossier=make_panel(status=DossierStatus.IN_PUBLICITY).dossier)


def test_issuing_creates_the_linked_credential_and_audits_it():
    certificate = issued()
    credential = certificate.credential
    assert credential.talent == certificate.talent
    assert credential.kind == CredentialKind.SKILL_LEVEL and credential.skill_level.code == "technician"
    assert credential.title_level is None and credential.occupation == certificate.occupation
    assert credential.obtained_on == certificate.issued_on == ISSUED.date()
    assert credential.certificate_number == certificate.number and credential.issuer == certificate.issuer
    assert credential.source == CredentialSource.EVALUATION_CERTIFICATE and credential.revoked_at is None
    assert AuditLog.objects.filter(action="credential_create", object_id=str(credential.pk)).exists()


def promotion(talent, as_of, rule_set):
    official = province_official()
    check = eligibility_check_talent(
        actor=official, talent=talent, track="promotion", target_level="senior_technician", as_of=as_of,
        rule_set=rule_set,
    )  # fmt: skip
    return check.outcome


def batch_promotion(talent, as_of, rule_set, evaluator):
    run = make_run(rule_set=rule_set, as_of=as_of)
    evaluate_range(run=run, first_talent_id=talent.pk, last_talent_id=talent.pk, evaluator=evaluator)
    return EligibilityRunResult.objects.filter(run=run).values_list("promotion", "promotion_level").get()


def test_certificate_counts_for_r5_one_year_later_and_revocation_stops_it():
    certificate = issued()
    talent, rule_set = certificate.talent, RuleSetFactory(r5_min_years_at_level=1)
    day_after = ISSUED.date().replace(day=11)
    a_year_on = years_after(ISSUED.date(), 1)
    assert promotion(talent, day_after, rule_set) == "ineligible"
    assert promotion(talent, a_year_on, rule_set) == "eligible"
    with frozen(shanghai(2026, 3, 10)):
        assert promotion(talent, None, rule_set) == "eligible"
    for evaluator in ("sql", "python"):
        assert batch_promotion(talent, a_year_on, rule_set, evaluator) == ("eligible", "senior_technician")

    certificate_revoke(actor=province_official(), certificate=certificate, reason="Forged work record")
    certificate.refresh_from_db()
    credential = Credential.objects.get(pk=certificate.credential_id)
    assert certificate.status == CertificateStatus.REVOKED and certificate.revoked_reason == "Forged work record"
    assert credential.revoked_at is not None and credential.revoked_reason == "Forged work record"
    assert AuditLog.objects.filter(action="certificate_revoke", object_id=str(certificate.pk)).exists()
    assert AuditLog.objects.filter(action="revoke", object_id=str(credential.pk)).exists()
    assert promotion(talent, a_year_on, rule_set) == "ineligible"
    for evaluator in ("sql", "python"):
        assert batch_promotion(talent, a_year_on, rule_set, evaluator)[1] != "senior_technician"


@pytest.mark.parametrize(
    "actor",
    [
        lambda: province_official("320000"),
        lambda: UserFactory(role=Role.CITY_OFFICIAL, region=region("440100")),
        lambda: UserFactory(role=Role.ENTERPRISE_CLERK, organisation=OrganisationFactory(region=region("440100"))),
    ],
    ids=["other province", "city official", "clerk"],
)
def test_only_an_official_of_the_issuing_province_revokes(actor):
    certificate = issued()
    with pytest.raises(PermissionDeniedError):
        certificate_revoke(actor=actor(), certificate=certificate, reason="x")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID and certificate.credential.revoked_at is None


def test_a_reason_is_required_and_a_second_revocation_is_a_conflict():
    certificate, official = issued(), province_official()
    with pytest.raises(ApplicationError) as error:
        certificate_revoke(actor=official, certificate=certificate, reason="  ")
    assert error.value.status == 400 and error.value.field == "reason"
    certificate_revoke(actor=official, certificate=certificate, reason="Forged")
    with pytest.raises(ApplicationError) as error:
        certificate_revoke(actor=official, certificate=certificate, reason="Again")
    assert error.value.status == 409 and error.value.code == "already_revoked"


def test_a_certificates_credential_is_not_edited_or_deleted_by_the_clerk():
    certificate = issued()
    clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=certificate.talent.employer)
    with pytest.raises(ApplicationError) as error:
        credential_update(actor=clerk, credential=certificate.credential, issuer="x")
    assert error.value.status == 409
    with pytest.raises(ApplicationError) as error:
        credential_delete(actor=clerk, credential=certificate.credential)
    assert error.value.status == 409


def test_honour_revocation_by_an_official_with_scope_stops_r1():
    honour = HonourFactory(talent__employer=OrganisationFactory(region=region("440100")))
    with pytest.raises(PermissionDeniedError):
        honour_revoke(actor=province_official("320000"), honour=honour, reason="x")
    clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=honour.talent.employer)
    with pytest.raises(PermissionDeniedError):
        honour_revoke(actor=clerk, honour=honour, reason="x")
    official = province_official()
    with pytest.raises(ApplicationError) as error:
        honour_revoke(actor=official, honour=honour, reason="")
    assert error.value.status == 400
    honour_revoke(actor=official, honour=honour, reason="Withdrawn by the conferring body")
    honour.refresh_from_db()
    assert honour.revoked_at is not None and honour.revoked_reason == "Withdrawn by the conferring body"
    assert AuditLog.objects.filter(action="revoke", object_id=str(honour.pk)).exists()
    with pytest.raises(ApplicationError) as error:
        honour_revoke(actor=official, honour=honour, reason="Again")
    assert error.value.status == 409


def test_the_talent_page_and_api_show_where_each_record_came_from(client_for):
    certificate = issued()
    official = province_official()
    honour = HonourFactory(talent=certificate.talent)
    certificate_revoke(actor=official, certificate=certificate, reason="Forged work record")
    honour_revoke(actor=official, honour=honour, reason="Withdrawn")
    page = client_for(official).get(reverse("talents:detail", args=[certificate.talent.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Evaluation certificate {certificate.number}" in html or f"评价证书 {certificate.number}" in html
    assert "Forged work record" in html and "Withdrawn" in html
    body = client_for(official).get("/api/v1/credentials/", {"talent": certificate.talent.pk}).json()
    row = next(r for r in body["results"] if r["certificate_number"] == certificate.number)
    assert row["source"] == "evaluation_certificate" and row["revoked_reason"] == "Forged work record"
    assert row["revoked_at"] is not None
