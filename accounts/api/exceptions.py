"""One DRF exception handler: business-rule errors become 400/403/409 JSON with field messages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.errors import ApplicationError


def portal_exception_handler(exc, context):
    if isinstance(exc, Http404):
        # get_object_or_404 names the model in an untranslated message; missing and out of scope
        # must look the same (docs/roles.md), so every 404 carries DRF's one translated text.
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoValidationError):
        exc = ApplicationError.from_validation_error(exc)
    if isinstance(exc, ApplicationError):
        body = exc.as_field_errors()
        body["code"] = exc.code
        body["detail"] = str(exc.message)
        return Response(body, status=exc.status or status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
