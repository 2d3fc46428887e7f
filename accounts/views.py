"""The language switch: Django's set_language (cookie and redirect), and for a signed-in user the
choice remembered on the account, so the e-mails they receive are written in it."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from django_otp import login as otp_login
from django_otp import user_has_device

from accounts.errors import ApplicationError
from accounts.forms import OneTimeCodeForm, add_application_error
from accounts.http import personal_data
from accounts.middleware import (
    TWO_FACTOR_ENROLLED_KEY,
    confirmation_stamp,
    two_factor_needed,
    two_factor_verified,
)
from accounts.services import (
    two_factor_check,
    two_factor_enrol,
    two_factor_pending_device,
    two_factor_recovery_codes_renew,
    user_language_set,
)


@login_not_required
@require_POST
def language_switch_view(request):
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(actor=request.user, language=request.POST.get("language", ""), request=request)
    return response


# Two-factor sign-in (docs/security.md): enrolment with a QR code, the code prompt after the password.


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG (segno; no image request, nothing leaves the portal)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", omitsize=False)


@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request):
    # Replacing an authenticator is a change of the account: a session that must pass the second
    # factor does so first (a stolen password alone cannot enrol the thief's phone).
    if user_has_device(request.user) and two_factor_needed(request) and not two_factor_verified(request):
        return redirect(reverse("accounts:two-factor-verify"))
    device = two_factor_pending_device(actor=request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_enrol(
                actor=request.user, device=device, token=form.cleaned_data["token"], request=request
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            otp_login(request, device)
            confirmation_stamp(request)
            request.session[TWO_FACTOR_ENROLLED_KEY] = True
            shown = {"codes": codes, "next": _safe_next(request)}
            return personal_data(render(request, "accounts/two_factor_recovery_codes.html", shown))
    context: dict[str, object] = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 — segno's own SVG markup
        "secret": b32encode(device.bin_key).decode(),
        "next": _safe_next(request),
    }
    return personal_data(render(request, "accounts/two_factor_setup.html", context))


@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request):
    if not user_has_device(request.user):
        return redirect("accounts:two-factor-setup")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor_check(actor=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            confirmation_stamp(request)  # the code just given counts as a fresh confirmation
            return redirect(_safe_next(request))
        form.add_error("token", _("That code is not valid. Enter the current code from your app, or a recovery code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@require_POST
def recovery_codes_renew_view(request):
    try:
        codes = two_factor_recovery_codes_renew(actor=request.user, request=request)
    except ApplicationError:
        return redirect("accounts:two-factor-setup")
    return personal_data(render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes, "next": ""}))
