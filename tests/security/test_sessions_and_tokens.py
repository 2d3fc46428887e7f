"""API tokens expire and are revoked by their owner or an administrator; sessions end after inactivity
and at browser close (issue 14)."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.errors import PermissionDeniedError
from accounts.middleware import LAST_SEEN_KEY
from accounts.models import AuditLog
from accounts.services import api_token_revoke

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"  # tests/accounts/factories.py


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def sign_in(username: str) -> dict:
    response = APIClient().post(TOKEN_URL, {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    return response.json()


def test_a_token_expires_after_the_configured_days(world):
    assert settings.API_TOKEN_TTL_DAYS == 30
    answer = sign_in("clerk")
    token = Token.objects.get(key=answer["token"])
    assert answer["expires_at"].startswith(str((token.created + timedelta(days=30)).date()))
    assert token_client(token.key).get("/api/v1/talents/").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=30, seconds=1))
    expired = token_client(token.key).get("/api/v1/talents/")
    assert expired.status_code == 401
    # Signing in again issues a new token; the expired one stays refused.
    fresh = sign_in("clerk")["token"]
    assert fresh != token.key
    assert token_client(fresh).get("/api/v1/talents/").status_code == 200
    assert token_client(token.key).get("/api/v1/talents/").status_code == 401


def test_the_lifetime_is_configurable(world, settings):
    settings.API_TOKEN_TTL_DAYS = 1
    key = sign_in("clerk")["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=1, seconds=1))
    assert token_client(key).get("/api/v1/talents/").status_code == 401


def test_the_owner_revokes_their_token(world):
    key = sign_in("clerk")["token"]
    client = token_client(key)
    assert client.delete("/api/v1/auth/token/current/").status_code == 204
    assert not Token.objects.filter(user=world.clerk).exists()
    assert client.get("/api/v1/talents/").status_code == 401
    assert AuditLog.objects.filter(action="api_token_revoked", object_id=str(world.clerk.pk)).exists()


def test_an_administrator_revokes_anyones_token_and_nobody_else_may(world, client_for):
    sign_in("clerk")
    with pytest.raises(PermissionDeniedError):
        api_token_revoke(actor=world.provincial_official, owner=world.clerk)
    assert Token.objects.filter(user=world.clerk).exists()
    admin = client_for(world.admin)
    response = admin.post(
        "/admin/accounts/user/", {"action": "revoke_api_tokens", "_selected_action": [world.clerk.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not Token.objects.filter(user=world.clerk).exists()
    assert AuditLog.objects.get(action="api_token_revoked").actor == world.admin


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_an_officials_session_ends_after_thirty_idle_minutes(world, client_for):
    assert settings.SESSION_IDLE_MINUTES_OFFICIALS == 30
    client = client_for(world.provincial_official)
    assert client.get("/talents/").status_code == 200
    _age_session(client, 29 * 60)
    assert client.get("/talents/").status_code == 200  # still active, and the stamp is renewed
    assert time.time() - client.session[LAST_SEEN_KEY] < 60
    _age_session(client, 31 * 60)
    response = client.get("/talents/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client.get("/talents/").status_code == 302  # signed out for good


def test_a_clerk_has_the_longer_idle_limit(world, client_for):
    client = client_for(world.clerk)
    _age_session(client, 31 * 60)
    assert client.get("/talents/").status_code == 200
    _age_session(client, settings.SESSION_IDLE_MINUTES * 60 + 1)
    assert client.get("/talents/").status_code == 302


def test_the_session_cookie_ends_with_the_browser(world, client):
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
