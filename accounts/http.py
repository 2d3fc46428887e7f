"""Small helpers every app's views share: the client's address, refuse a role, read a submission, answer a
page or its htmx fragment, keep personal data out of caches, answer a file."""

import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

# The one xlsx content type of the project (responses, uploads' accept lists, the API schema).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_ip(request) -> str | None:
    """The caller's address, for every per-address mechanism (API throttles, the verification page,
    django-axes, the audit log, the objection form's counter). With ``TRUSTED_PROXY_COUNT`` 0 it is the
    peer (``REMOTE_ADDR``): a client's own ``X-Forwarded-For`` is ignored. Behind N trusted proxies, each
    appending the address it saw, it is the N-th ``X-Forwarded-For`` entry from the right; whatever the
    client wrote to the left of those changes nothing."""
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return peer
    candidate = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy that writes something else is misconfigured: fall back to the peer
        return peer


def require(allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDenied(message)


def posted(request):
    """The submitted data, or None to show an unbound form (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def is_fragment_request(request, target: str) -> bool:
    """An htmx swap into ``target``; history restores and boosted links want the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and htmx.target == target


def render_page_or_fragment(request, context, *, page: str, fragment: str, target: str) -> HttpResponse:
    """The whole page, or only ``fragment`` for an htmx swap into ``target``; caches keep the two apart."""
    response = render(request, fragment if is_fragment_request(request, target) else page, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def personal_data(response: HttpResponse) -> HttpResponse:
    """No browser or proxy may keep a copy of a page carrying personal data."""
    patch_cache_control(response, no_store=True, private=True)
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
