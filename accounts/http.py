"""Small helpers every app's views share: the client's address, refuse a role, read a submission, answer a
page or its htmx fragment, run a service from a form button, keep personal data out of caches, answer a
file."""

import ipaddress

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers

from accounts.errors import ApplicationError, PermissionDeniedError

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


def form_errors_text(form) -> str:
    """A bound form's errors in one line, for a button's message."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def save_form(request, form, save, *, success, to) -> HttpResponse | None:
    """A form page's POST: for a valid ``form``, ``save(form.cleaned_data)`` (one service call); a rule's
    refusal goes onto the form and None is returned, so the page is shown again with it. Otherwise the
    success message (``success``, or ``success(result)``) and a redirect to ``to`` (a URL, or
    ``to(result)``). Also None for a GET or an invalid form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ApplicationError as error:
        form.add_application_error(error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(to(result) if callable(to) else to)


def run_and_redirect(request, action, *, success: str, to: str) -> HttpResponse:
    """A button that runs one service call: a refusal is a 403, a rule's answer a message, and the
    page the button sits on is shown again."""
    try:
        action()
    except PermissionDeniedError as refused:
        raise PermissionDenied(refused.message) from refused
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(to)


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
