import json

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.rules import two_factor_required_for_role


class PortalLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Deny by default for pages; the API answers 401/403 itself (DRF's IsAuthenticated)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages are in zh-hans unless the user picked English with the switch (the language cookie);
    the browser's Accept-Language is ignored there. API clients may still ask by Accept-Language."""

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and check_for_language(chosen) and chosen in dict(settings.LANGUAGES) else None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


NULL_CHARACTER = "\x00"
NULL_CHARACTER_REFUSED = _(
    "The request contains a null character (\\0), which no field accepts. Remove it and try again."
)


def _contains_null(values) -> bool:
    """True when any string in a (nested) query dict, list, dict or JSON value carries a null character."""
    if isinstance(values, str):
        return NULL_CHARACTER in values
    if isinstance(values, dict):
        return any(_contains_null(k) or _contains_null(v) for k, v in values.items())
    if isinstance(values, list | tuple):
        return any(_contains_null(v) for v in values)
    return False


def request_carries_null_character(request) -> bool:
    if NULL_CHARACTER in request.path_info:
        return True
    if any(NULL_CHARACTER in key or any(NULL_CHARACTER in v for v in request.GET.getlist(key)) for key in request.GET):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        # The parsed text fields only; an uploaded file's bytes are the spreadsheet parser's business.
        post = request.POST
        return any(NULL_CHARACTER in key or any(NULL_CHARACTER in v for v in post.getlist(key)) for key in post)
    if content_type.endswith("json"):
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" not in body:
            return False
        try:
            return _contains_null(json.loads(body))
        except ValueError:
            return False  # the API's parser answers 400 itself
    return False


class NullCharacterRefusalMiddleware:
    """A null character anywhere in the path, the query string or a form/JSON body is refused with a translated
    400 before any view runs: PostgreSQL cannot store or compare ``\\x00`` in text, so one check at the bottom
    covers every code look-up, filter, export and body instead of each field (docs/interfaces.md, "Bad input")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_carries_null_character(request):
            message = str(NULL_CHARACTER_REFUSED)
            if request.path_info.startswith("/api/"):
                return JsonResponse({"code": "null_character", "detail": message}, status=400)
            return render(request, "bad_request.html", {"message": message}, status=400)
        return self.get_response(request)


# The activity stamp is rewritten at most this often: not a session write on every request.
ACTIVITY_STAMP_RESOLUTION_SECONDS = 60
LAST_SEEN_KEY = "last_seen"


def idle_limit_seconds(user) -> int:
    """How long a signed-in user may stay idle: shorter for those who see beyond one organisation."""
    if user.is_superuser or user.is_staff or user.role != Role.ENTERPRISE_CLERK:
        return settings.SESSION_IDLE_MINUTES_OFFICIALS * 60
    return settings.SESSION_IDLE_MINUTES * 60


class SessionIdleTimeoutMiddleware:
    """Signs a session-authenticated user out after a time without requests (docs/security.md); the next
    page then asks to sign in (the login-required middleware). Token-authenticated API calls carry no
    session and are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.contrib.auth import logout

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > idle_limit_seconds(user):
                logout(request)
                request.session_idle_expired = True
            elif last_seen is None or now - int(last_seen) >= ACTIVITY_STAMP_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def stamp_session_activity(sender, request, user, **kwargs) -> None:
    """Signing in counts as activity (connected to ``user_logged_in`` in AccountsConfig.ready), so the first
    pages after it write no stamp."""
    import time

    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


TWO_FACTOR_ENROLLED_KEY = "two_factor_enrolled"
# Pages an unverified user still reaches: the two-factor pages themselves, signing out, the language switch.
TWO_FACTOR_OPEN_URLS = ("accounts:two-factor-setup", "accounts:two-factor-verify", "accounts:logout", "set_language")


def two_factor_verified(request) -> bool:
    """Whether this session passed the second factor (django-otp keeps the device's id in the session)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    return DEVICE_ID_SESSION_KEY in request.session


def two_factor_needed(request) -> bool:
    return two_factor_required_for_role(request.user) or bool(request.session.get(TWO_FACTOR_ENROLLED_KEY))


class TwoFactorRequiredMiddleware:
    """A session signed in with a password only is sent to the second factor before any page: to enrol
    (an authenticator app and recovery codes) or to enter a code. The API answers 403 to such a session;
    token sign-in asks for the code itself (accounts.api.views.TokenObtainView). docs/security.md."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_ENFORCED
            and user is not None
            and user.is_authenticated
            and not two_factor_verified(request)
            and two_factor_needed(request)
        ):
            answer = self._refuse(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _refuse(self, request):
        from django.http import HttpResponse, JsonResponse
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode
        from django.utils.translation import gettext as _
        from django_otp import user_has_device

        open_paths = {reverse(name) for name in TWO_FACTOR_OPEN_URLS}
        if request.path_info in open_paths:  # static files are answered before (WhiteNoise)
            return None
        if request.path_info.startswith("/api/"):
            detail = _("Two-factor sign-in is required: enter a code from your authenticator app on the portal.")
            return JsonResponse({"detail": detail, "code": "two_factor_required"}, status=403)
        step = "accounts:two-factor-verify" if user_has_device(request.user) else "accounts:two-factor-setup"
        target = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)


def remember_two_factor_enrolment(sender, request, user, **kwargs) -> None:
    """At sign-in, note in the session whether a clerk has enrolled (one query then, none per page)."""
    from django_otp import user_has_device

    if request is not None and hasattr(request, "session") and not two_factor_required_for_role(user):
        request.session[TWO_FACTOR_ENROLLED_KEY] = user_has_device(user)


# When the user last proved who they are (the second factor, or a password or code given again): a full
# ID number is revealed only within settings.REVEAL_CONFIRMATION_MINUTES of it (docs/security.md).
CONFIRMED_AT_KEY = "confirmed_at"


def confirmation_stamp(request) -> None:
    import time

    request.session[CONFIRMED_AT_KEY] = int(time.time())


def recently_confirmed(request) -> bool:
    import time

    confirmed_at = request.session.get(CONFIRMED_AT_KEY)
    return confirmed_at is not None and time.time() - int(confirmed_at) <= settings.REVEAL_CONFIRMATION_MINUTES * 60
