"""The portal's answer when a request fails on the server (handler500): a branded, translated page, or
JSON under /api/. A lost database connection is a 503 (the service is unavailable, retry later), not a
500; every other fault stays a 500. Nothing here touches the database (it may be the thing that is down):
the page renders without context processors or the session (docs/security.md)."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("talentportal.errors")

# psycopg's "connection refused", "server closed the connection", "too many connections".
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether the exception (or one it was raised from) is a lost or refused database connection."""
    while exc is not None:
        if isinstance(exc, UNAVAILABLE):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    unavailable = database_unavailable(exc)
    status = 503 if unavailable else 500
    if unavailable:
        logger.error("Database unavailable: answering 503 to %s %s", request.method, request.path)
        title = _("The service is temporarily unavailable")
        detail = _("The portal cannot reach its database. Please try again in a few minutes.")
    else:
        title = _("Something went wrong on our side")
        detail = _("The error has been recorded. Please try again later.")
    if request.path_info.startswith("/api/"):
        code = "service_unavailable" if unavailable else "server_error"
        response: HttpResponse = JsonResponse({"detail": detail, "code": code}, status=status)
    else:
        html = render_to_string("errors/server_error.html", {"title": title, "detail": detail, "status": status})
        response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = "60"
    return response
