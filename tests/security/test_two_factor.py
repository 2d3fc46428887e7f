"""Two-factor sign-in (issue 14): officials, experts and administrators enrol an authenticator app and give
its code after their password; clerks may enrol; recovery codes work once; token sign-in asks for the code
too; an administrator resets a lost device."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import AuditLog

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests/accounts/factories.py
SETUP, VERIFY = reverse("accounts:two-factor-setup"), reverse("accounts:two-factor-verify")


def password_login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def enrol(client: Client, user) -> list[str]:
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"token": code(device), "next": "/talents/"})
    assert response.status_code == 200, response.content.decode()[:500]
    return re.findall(r"<li>([0-9a-z]{8})</li>", response.content.decode())


@pytest.mark.parametrize("role", ["city_official", "provincial_official", "national_official", "expert", "admin"])
def test_officials_experts_and_administrators_must_enrol_before_any_page(world, role):
    user = world.users_by_role()[role]
    client = password_login(user.username)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(SETUP)
    assert client.get("/api/v1/regions/").status_code == 403  # the session cannot use the API either


def test_enrolment_shows_a_qr_code_then_recovery_codes_and_lets_the_official_in(world):
    client = password_login("province")
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page  # the QR code is inline SVG, no image request
    wrong = client.post(SETUP, {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    codes = enrol(client, world.provincial_official)
    assert len(codes) == 10
    assert client.get("/talents/").status_code == 200
    assert AuditLog.objects.filter(action="two_factor_enrolled").count() == 1


def test_after_enrolment_the_password_alone_is_not_enough(world):
    enrol(password_login("province"), world.provincial_official)
    client = password_login("province")
    response = client.get("/talents/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    # Enrolling another phone needs the code first: a stolen password cannot replace the authenticator.
    assert client.get(SETUP).status_code == 302
    device = TOTPDevice.objects.get(user=world.provincial_official)
    answer = client.post(VERIFY, {"token": code(device, drift=1), "next": "/talents/"})
    assert answer.status_code == 302 and answer.url == "/talents/"
    assert client.get("/talents/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_the_next_try(world):
    enrol(password_login("province"), world.provincial_official)
    client = password_login("province")
    assert client.post(VERIFY, {"token": "123456"}).status_code == 200
    device = TOTPDevice.objects.get(user=world.provincial_official)
    # django-otp's throttle: right after a failure even the right code waits (guessing stays slow).
    assert client.post(VERIFY, {"token": code(device, drift=1)}).status_code == 200
    assert client.get("/talents/").status_code == 302


def test_a_recovery_code_works_once(world):
    codes = enrol(password_login("province"), world.provincial_official)
    first = password_login("province")
    assert first.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert first.get("/talents/").status_code == 200
    second = password_login("province")
    assert second.post(VERIFY, {"token": codes[0]}).status_code == 200  # used up
    assert second.get("/talents/").status_code == 302
    assert StaticToken.objects.filter(device__user=world.provincial_official).count() == 9


def test_the_next_address_stays_on_the_portal(world):
    codes = enrol(password_login("province"), world.provincial_official)
    client = password_login("province")
    answer = client.post(VERIFY, {"token": codes[1], "next": "https://evil.example/"})
    assert answer.status_code == 302 and answer.url == reverse("dashboard")


def test_a_clerk_may_go_without_but_once_enrolled_is_asked(world):
    client = password_login("clerk")
    assert client.get("/talents/").status_code == 200  # optional for clerks
    enrol(client, world.clerk)
    again = password_login("clerk")
    response = again.get("/talents/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_token_sign_in_asks_for_the_code_of_those_who_need_it(world):
    api = APIClient()
    url = "/api/v1/auth/token/"
    refused = api.post(url, {"username": "province", "password": PASSWORD}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "two_factor_required"
    codes = enrol(password_login("province"), world.provincial_official)
    assert api.post(url, {"username": "province", "password": PASSWORD}, format="json").status_code == 400
    right = api.post(url, {"username": "province", "password": PASSWORD, "otp": codes[2]}, format="json")
    assert right.status_code == 200 and right.json()["token"]
    wrong = api.post(url, {"username": "province", "password": PASSWORD, "otp": "000000"}, format="json")
    assert wrong.status_code == 400 and "token" not in wrong.json()
    # A clerk without an authenticator signs in with the password alone.
    assert api.post(url, {"username": "clerk", "password": PASSWORD}, format="json").status_code == 200


def test_an_administrator_resets_a_lost_authenticator(world, client_for):
    enrol(password_login("province"), world.provincial_official)
    admin = client_for(world.admin)
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [world.provincial_official.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=world.provincial_official).exists()
    assert AuditLog.objects.filter(action="two_factor_reset").get().actor == world.admin
    assert password_login("province").get("/").url.startswith(SETUP)  # enrols again


def test_force_login_in_tests_can_stay_at_the_code_prompt(world, client):
    client.force_login(world.provincial_official, otp_verified=False)
    assert client.get("/talents/").status_code == 302
    client.force_login(world.provincial_official)
    assert client.get("/talents/").status_code == 200


# A fresh confirmation before a full ID number


def test_a_full_id_number_needs_a_fresh_password_or_code(world):
    from tests.talents.factories import TalentFactory

    talent = TalentFactory(employer=world.org)
    url = reverse("talents:reveal-id", args=[talent.pk])
    codes = enrol(password_login("city"), world.city_official)
    client = password_login("city")
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert talent.id_number in client.post(url, {"reason": "核对"}).content.decode()  # just confirmed

    session = client.session
    session["confirmed_at"] -= 6 * 60  # six minutes later
    session.save()
    refused = client.post(url, {"reason": "核对"}).content.decode()
    assert talent.id_number not in refused
    assert talent.id_number not in client.post(url, {"reason": "核对", "confirmation": "wrong"}).content.decode()
    assert talent.id_number in client.post(url, {"reason": "核对", "confirmation": PASSWORD}).content.decode()
    assert AuditLog.objects.filter(action="reveal_id_number").count() == 2


def test_the_account_menu_leads_to_new_recovery_codes(world, client_for):
    TOTPDevice.objects.create(user=world.city_official, name="phone", confirmed=True)
    client = client_for(world.city_official)
    page = client.get(reverse("dashboard")).content.decode()
    menu = page[page.index('id="account-menu"') :]
    renew = reverse("accounts:recovery-codes-renew")
    assert f'action="{renew}"' in menu[: menu.index("</ul>")]
    assert reverse("accounts:two-factor-setup") in menu[: menu.index("</ul>")]
    response = client.post(renew)
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
