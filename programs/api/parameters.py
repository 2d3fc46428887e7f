"""What several programs endpoints share in their OpenAPI description."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from accounts.http import XLSX

__all__ = ["REASON", "XLSX"]

REASON = OpenApiParameter("reason", OpenApiTypes.STR, description=_("Why it is removed (kept in the audit log)."))
