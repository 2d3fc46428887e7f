"""Token sign-in and the read-only region and organisation resources."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import (
    OrganisationSerializer,
    RegionSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from accounts.errors import ApplicationError
from accounts.filters import OrganisationFilter, RegionFilter
from accounts.rules import two_factor_required_for_role
from accounts.selectors import organisation_list, region_list
from accounts.services import api_token_expires_at, api_token_issue, api_token_revoke, two_factor_check

NOT_ENROLLED = _("Set up two-factor sign-in on the portal first; then sign in here with a code from your app.")
CODE_NEEDED = _("Give the current code from your authenticator app (or a recovery code) as otp.")
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
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            # axes flags the DRF request it was given, which its middleware never sees: answer here.
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise exceptions.Throttled(
                    wait=cool_off.total_seconds() if cool_off else None, detail=str(LOCKED_OUT)
                ) from None
            raise
        user = serializer.validated_data["user"]
        _require_second_factor(user, request.data.get("otp"))
        # A token older than API_TOKEN_TTL_DAYS is replaced (docs/security.md, "Sessions and tokens").
        token = api_token_issue(actor=user, request=request)
        return Response({"token": token.key, "expires_at": api_token_expires_at(token)})


def _require_second_factor(user, otp) -> None:
    """Token sign-in is no way around two-factor sign-in: who needs it gives a current code (``otp``)."""
    if not settings.TWO_FACTOR_ENFORCED:
        return
    enrolled = user_has_device(user)
    if not (enrolled or two_factor_required_for_role(user)):
        return
    if not enrolled:
        raise ApplicationError(NOT_ENROLLED, code="two_factor_required", field="otp")
    if not isinstance(otp, str) or two_factor_check(actor=user, token=otp) is None:
        raise ApplicationError(CODE_NEEDED, code="two_factor_required", field="otp")


class TokenCurrentView(APIView):
    """``DELETE``: the signed-in user revokes their API token (an administrator revokes anyone's in the
    administration, "Revoke API tokens" on users)."""

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None}, tags=["auth"])
    def delete(self, request, *args, **kwargs):
        api_token_revoke(actor=request.user, owner=request.user, request=request)
        return Response(status=204)


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
