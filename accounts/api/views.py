"""Token sign-in and the read-only region and organisation resources."""

from axes.helpers import get_cool_off
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.authtoken.views import ObtainAuthToken

from accounts.api.serializers import (
    OrganisationSerializer,
    RegionSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from accounts.filters import OrganisationFilter, RegionFilter
from accounts.selectors import organisation_list, region_list

LOCKED_OUT = _(
    "This account is locked for one hour from this address. Try again later or ask your HR bureau to unlock it."
)


class TokenObtainView(ObtainAuthToken):
    """Exchange a username and password for an API token (header ``Authorization: Token …``)."""

    # AuthTokenSerializer passes the request to authenticate(), which django-axes needs to count
    # failures and lock out repeated guessing.
    # Signing in needs no credentials; a stale token header must not turn the answer into a 401.
    authentication_classes = ()

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            429: OpenApiResponse(description=_("Too many failed log-in attempts")),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            # axes flags the DRF request it was given, which its middleware never sees: answer here.
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise exceptions.Throttled(
                    wait=cool_off.total_seconds() if cool_off else None, detail=str(LOCKED_OUT)
                ) from None
            raise


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """GB/T 2260 regions: a catalogue every signed-in user may read."""

    serializer_class = RegionSerializer
    lookup_field = "code"
    filterset_class = RegionFilter
    search_fields = ["code", "name", "name_en"]
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return region_list(actor=self.request.user)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the caller's scope; any other answers 404."""

    serializer_class = OrganisationSerializer
    lookup_value_converter = "int"
    filterset_class = OrganisationFilter
    search_fields = ["name", "credit_code"]
    ordering_fields = ["id", "name", "credit_code"]

    def get_queryset(self):
        return organisation_list(actor=self.request.user)
