import pytest
from django.urls import reverse

from accounts.models import AuditLog


def test_login_page_is_zh_hans_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "zh-hans"
    assert "登录" in response.content.decode()


def test_pages_redirect_anonymous_users_to_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_api_answers_401_not_a_redirect(client, db):
    response = client.get("/api/v1/talents/")
    assert response.status_code == 401


def test_language_switch_to_english_and_back(client, db):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    page = client.get(login)
    assert page.headers["Content-Language"] == "en"
    assert "Log in to TalentPortal" in page.content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": login})
    assert "登录" in client.get(login).content.decode()


def test_every_page_offers_the_language_switch(client_for, world):
    page = client_for(world.clerk).get(reverse("dashboard")).content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert 'value="en"' in page


def test_login_with_username_and_password_reaches_the_dashboard(client, world):
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_repeated_failed_logins_lock_the_account(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only_and_ends_the_session(client_for, world):
    client = client_for(world.clerk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize(
    "role", ["enterprise_clerk", "city_official", "provincial_official", "national_official", "expert", "admin"]
)
def test_every_role_has_a_dashboard(client_for, world, role):
    response = client_for(world.users_by_role()[role]).get(reverse("dashboard"))
    assert response.status_code == 200
    assert AuditLog.objects.count() == 0  # reading writes no audit entry


def test_pages_stay_zh_hans_for_an_english_browser_until_the_user_switches(client, db):
    login = reverse("accounts:login")
    assert client.get(login, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").headers["Content-Language"] == "zh-hans"
    client.post(reverse("set_language"), {"language": "en", "next": login})
    assert client.get(login).headers["Content-Language"] == "en"


def test_a_signed_in_users_choice_is_remembered_and_audited_for_their_e_mails(client_for, world):
    client = client_for(world.clerk)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    world.clerk.refresh_from_db()
    assert world.clerk.language == "en"
    entry = AuditLog.objects.get(action="set_language")
    assert (entry.from_state, entry.to_state, entry.actor) == ("", "en", world.clerk)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # not a portal language
    world.clerk.refresh_from_db()
    assert world.clerk.language == "en"
    assert AuditLog.objects.filter(action="set_language").count() == 1


def test_api_clients_may_ask_for_english_errors(client, db):
    response = client.get("/api/v1/talents/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "Authentication credentials were not provided." in response.json()["detail"]
