"""Token sign-in (django-axes sits in front of the password check) and the 401 answers."""

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"  # tests/accounts/factories.py


def test_good_password_returns_a_token_that_authenticates(world):
    client = APIClient()
    response = client.post(TOKEN_URL, {"username": "clerk", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=world.clerk).key == token

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/talents/").status_code == 200
    # Asking again hands back the same token.
    again = APIClient().post(TOKEN_URL, {"username": "clerk", "password": PASSWORD}, format="json")
    assert again.json()["token"] == token


def test_form_encoded_sign_in_works_too(world):
    response = APIClient().post(TOKEN_URL, {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": "clerk", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "clerk"},
        {},
    ],
)
def test_bad_credentials_give_400_and_no_token(body, world):
    response = APIClient().post(TOKEN_URL, body, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert not Token.objects.exists()


def test_inactive_user_gets_no_token(world):
    world.clerk.is_active = False
    world.clerk.save(update_fields=["is_active"])
    response = APIClient().post(TOKEN_URL, {"username": "clerk", "password": PASSWORD}, format="json")
    assert response.status_code == 400


def test_a_stale_token_header_does_not_block_signing_in(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.post(TOKEN_URL, {"username": "clerk", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_repeated_failures_lock_the_account_out(world):
    client = APIClient()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(TOKEN_URL, {"username": "clerk", "password": "wrong"}, format="json").status_code == 400
    locked = client.post(TOKEN_URL, {"username": "clerk", "password": "wrong"}, format="json")
    assert locked.status_code == 429
    assert "Retry-After" in locked.headers
    # Even the right password is refused while the lock lasts.
    right = client.post(TOKEN_URL, {"username": "clerk", "password": PASSWORD}, format="json")
    assert right.status_code == 429
    assert not Token.objects.exists()
    # Another account from the same address is not affected (lockout is per username and address).
    assert client.post(TOKEN_URL, {"username": "clerk2", "password": PASSWORD}, format="json").status_code == 200


def test_an_invalid_token_gets_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/talents/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


def test_session_authentication_works_for_the_browser(world, client):
    client.force_login(world.clerk)
    assert client.get("/api/v1/talents/").status_code == 200
