import json

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext_lazy as _


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
