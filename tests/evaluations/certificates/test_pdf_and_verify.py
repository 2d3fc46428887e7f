import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Role
from evaluations.models import CertificateStatus, DossierStatus
from evaluations.pdf import certificate_pdf, qr_widget, verification_url
from evaluations.services.certificates import certificate_issue
from tests.accounts.factories import UserFactory, region
from tests.evaluations.assessment.factories import make_panel
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def issued(org=None, name="王小明"):
    panel = make_panel(status=DossierStatus.IN_PUBLICITY, org=org)
    panel.dossier.talent.name = name
    panel.dossier.talent.save(update_fields=["name"])
    return certificate_issue(dossier=panel.dossier)


# PDF


@override_settings(PORTAL_BASE_URL="https://portal.example.cn")
def test_verification_url_from_settings_has_number_and_code():
    certificate = issued()
    url = verification_url(certificate)
    assert url.startswith("https://portal.example.cn/")
    assert f"number={certificate.number}" in url and f"code={certificate.verification_code}" in url


def test_qr_widget_encodes_the_url():
    drawing = qr_widget("http://127.0.0.1:8000/evaluations/certificates/verify/?number=X&code=Y")
    widget = drawing.contents[0]
    assert widget.value == "http://127.0.0.1:8000/evaluations/certificates/verify/?number=X&code=Y"


def test_pdf_has_the_verification_url_and_only_the_masked_id():
    certificate = issued()
    url = verification_url(certificate)
    content = certificate_pdf(certificate, url=url)
    assert content.startswith(b"%PDF")
    assert url.encode() in content
    talent = certificate.talent
    text = pdf_text(content)  # the CID font's codes decoded: the bytes never hold the digits
    assert talent.masked_id_number in text and talent.id_number not in text
    assert b"STSong-Light" in content


def test_pdf_download_by_the_clerk_of_the_organisation(world, client_for):
    certificate = issued(org=world.org)
    response = client_for(world.clerk).get(reverse("evaluations:certificate-pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    assert b"http://testserver/evaluations/certificates/verify/?number=" in body


def test_pdf_refused_to_other_organisations_and_experts(world, client_for):
    certificate = issued(org=world.org)
    url = reverse("evaluations:certificate-pdf", args=[certificate.pk])
    assert client_for(world.clerk_other_org).get(url).status_code == 404
    assert client_for(world.city_official_other_city).get(url).status_code == 404
    assert client_for(world.expert).get(url).status_code == 403
    assert client_for(world.provincial_official).get(url).status_code == 200


# Public verification page


def test_verify_page_shows_masked_name_and_status_without_login(client):
    certificate = issued()
    response = client.get(
        reverse("evaluations:certificate-verify"),
        {"number": certificate.number, "code": certificate.verification_code.lower()},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "王*明" in text and "王小明" not in text
    assert certificate.talent.id_number not in text and certificate.talent.masked_id_number not in text
    assert certificate.issuer in text and certificate.number in text


def test_verify_page_same_404_for_wrong_code_and_unknown_number(client):
    certificate = issued()
    url = reverse("evaluations:certificate-verify")
    wrong_code = client.get(url, {"number": certificate.number, "code": "AAAAAAAA"})
    unknown = client.get(url, {"number": "44209900000000", "code": certificate.verification_code})
    assert wrong_code.status_code == unknown.status_code == 404
    assert "王*明" not in wrong_code.content.decode()
    assert wrong_code.context["not_found"] == unknown.context["not_found"]


def test_verify_page_empty_form(client):
    response = client.get(reverse("evaluations:certificate-verify"))
    assert response.status_code == 200 and response.context["certificate"] is None


# Public verification API


def test_verify_api_answers_masked_fields_never_the_id(client):
    certificate = issued()
    response = client.get(
        "/api/v1/certificates/verify", {"number": certificate.number, "code": certificate.verification_code}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "王*明"
    assert body["number"] == certificate.number and body["status"] == CertificateStatus.VALID
    assert body["level"] == "technician" and body["level_display"]
    assert body["issuer"] == certificate.issuer and body["issued_on"] == certificate.issued_on.isoformat()
    assert body["occupation"]
    flat = response.content.decode()
    assert certificate.talent.id_number not in flat and certificate.talent.id_number[-4:] not in flat


def test_verify_api_same_404_either_way(client):
    certificate = issued()
    wrong = client.get("/api/v1/certificates/verify", {"number": certificate.number, "code": "ZZZZZZZZ"})
    unknown = client.get("/api/v1/certificates/verify", {"number": "X", "code": certificate.verification_code})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_verify_non_ascii_input_is_a_plain_404(client):
    certificate = issued()
    url = reverse("evaluations:certificate-verify")
    assert client.get(url, {"number": certificate.number, "code": "验证码验证码"}).status_code == 404
    assert client.get(url, {"number": "证书编号", "code": "验证码"}).status_code == 404


def test_verify_api_missing_parameters_is_400(client):
    assert client.get("/api/v1/certificates/verify").status_code == 400


def test_verify_api_is_throttled_for_anonymous_callers(client, monkeypatch):
    # The class attribute, restored after the test (reloading DRF's settings inside an override left the
    # test's 2/minute behind for every later test of the process).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"certificate_verify": "2/minute"})
    answers = [client.get("/api/v1/certificates/verify", {"number": "X", "code": "Y"}).status_code for _ in range(3)]
    assert answers == [404, 404, 429]


# Scoped certificates resource


def test_certificates_api_scoped_and_masked(world, client_for):
    own = issued(org=world.org)
    issued(org=world.org_other_province, name="赵六")
    client = client_for(world.clerk)
    body = client.get("/api/v1/certificates/").json()
    assert [row["number"] for row in body["results"]] == [own.number]
    assert body["results"][0]["masked_id_number"] == own.talent.masked_id_number
    assert own.talent.id_number not in str(body)
    other = UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("320000"))
    assert client_for(other).get(f"/api/v1/certificates/{own.pk}/").status_code == 404


def test_certificates_api_constant_queries(world, client_for, django_assert_num_queries):
    client = client_for(world.national_official)
    issued(org=world.org)
    client.get("/api/v1/certificates/")  # warm caches (content types, level names)
    # Session, user, the page's rows: no COUNT (accounts.pagination.NoCountPagination, the API's default).
    with django_assert_num_queries(3) as one:
        client.get("/api/v1/certificates/")
    for _ in range(3):
        issued(org=world.org_other_city)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get("/api/v1/certificates/").json()["results"]) == 4
