"""One client address for every per-address mechanism (issue 19): the API throttles, the certificate
verification page, django-axes, the audit log and the objection form's counter. ``TRUSTED_PROXY_COUNT``
(0 by default: ``REMOTE_ADDR`` alone) says how many proxies in front append to ``X-Forwarded-For``;
whatever a client writes to its left is ignored."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from accounts.http import client_ip
from accounts.models import AuditLog
from accounts.services import audit_record
from notices.models import Objection
from tests.notices.factories import NoticeEntryFactory

VERIFY_API = "/api/v1/certificates/verify"
OBJECTION = {"name": "李四", "contact": "13800138000", "reason": "该人员实际从事岗位与申报职业不符。"}


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"certificate_verify": "2/minute"})
    cache.clear()
    yield
    cache.clear()


def request_from(remote="198.51.100.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


# The helper


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(forwarded="203.0.113.9")) == "198.51.100.7"


def test_behind_one_trusted_proxy_the_right_most_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(remote="10.0.0.2", forwarded="1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from(remote="10.0.0.2")) == "10.0.0.2"  # reached the app directly


def test_behind_two_trusted_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(remote="10.0.0.2", forwarded="1.2.3.4,203.0.113.9, 10.0.0.1")) == "203.0.113.9"


def test_a_forwarded_value_that_is_no_address_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(remote="10.0.0.2", forwarded="not-an-address")) == "10.0.0.2"


def test_no_request_no_address():
    assert client_ip(None) is None


# The throttles


def _verify_api(client, forwarded, remote="198.51.100.7"):
    return client.get(
        VERIFY_API, {"number": "X", "code": "Y"}, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote
    ).status_code


@pytest.mark.django_db
def test_a_forged_forwarded_header_does_not_dodge_the_api_throttle(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    answers = [_verify_api(client, f"203.0.113.{n}") for n in range(3)]
    assert answers == [404, 404, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_api_throttle_keys_on_the_right_most_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The left part is the client's own text: changing it changes nothing.
    answers = [_verify_api(client, f"1.1.1.{n}, 203.0.113.9", remote="10.0.0.2") for n in range(3)]
    assert answers == [404, 404, 429]
    # Another client behind the same proxy has its own allowance.
    assert _verify_api(client, "203.0.113.10", remote="10.0.0.2") == 404


@pytest.mark.django_db
def test_the_verification_page_is_throttled_like_its_api(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    url = reverse("evaluations:certificate-verify")
    answers = [
        client.get(url, {"number": "X", "code": "Y"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert answers == [404, 404, 429]
    assert client.get(url).status_code == 200  # the empty form is no attempt


@pytest.mark.django_db
def test_the_page_and_the_api_share_one_allowance(client):
    url = reverse("evaluations:certificate-verify")
    assert client.get(url, {"number": "X", "code": "Y"}).status_code == 404
    assert client.get(VERIFY_API, {"number": "X", "code": "Y"}).status_code == 404
    assert client.get(url, {"number": "X", "code": "Y"}).status_code == 429


@pytest.mark.django_db
def test_the_objection_form_counts_clients_behind_a_trusted_proxy_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.NOTICES_OBJECTION_PAGE_RATE = (1, 3600)
    entry = NoticeEntryFactory()
    url = reverse("notices:notice-detail", args=[entry.notice_id])

    def post(forwarded):
        data = {"entry": entry.pk, **OBJECTION}
        return client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert post("203.0.113.9") == 302
    assert post("9.9.9.9, 203.0.113.9") == 400  # the same client, a forged left part
    assert post("203.0.113.10") == 302  # another client behind the same proxy
    assert Objection.objects.count() == 2


# Axes and the audit log


@pytest.mark.django_db
def test_axes_records_the_address_behind_the_trusted_proxy(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("accounts:login"),
        {"username": "clerk", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


@pytest.mark.django_db
def test_the_audit_log_records_the_address_behind_the_trusted_proxy(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(remote="10.0.0.2", forwarded="9.9.9.9, 203.0.113.9")
    entry = audit_record(actor=world.clerk, obj=world.org, action="create", request=request)
    assert AuditLog.objects.get(pk=entry.pk).ip_address == "203.0.113.9"
