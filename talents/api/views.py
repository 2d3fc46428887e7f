"""Registry endpoints: permission → selector → input serializer → service → output serializer.

Reads go through the scoped selectors (out of scope → 404); writes check the role first (403
before any validation) and then call the same services as the HTML views.
"""

from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.base import CachedListMixin, RegistryViewSet
from accounts.api.permissions import require
from accounts.cache import TALENTS
from accounts.errors import ApplicationError
from accounts.pagination import NoCountPagination
from accounts.services import identity_confirm
from talents.api.serializers import (
    NO_SUCH_TALENT,
    CredentialCreateSerializer,
    CredentialSerializer,
    CredentialUpdateSerializer,
    HonourCreateSerializer,
    HonourSerializer,
    IdNumberRevealRequestSerializer,
    IdNumberRevealSerializer,
    RegistrationClaimResolveSerializer,
    RegistrationClaimSerializer,
    RegistrationReceiptSerializer,
    TalentCreateSerializer,
    TalentSerializer,
    TalentUpdateSerializer,
)
from talents.claims import registration_claim_resolve
from talents.filters import CredentialFilter, HonourFilter, RegistrationClaimFilter, TalentFilter
from talents.rules import (
    CONFIRMATION_NEEDED,
    ONLY_CLERKS_REGISTER,
    ONLY_EMPLOYER_CLERK,
    ONLY_OFFICIALS_ENTER_HONOURS,
    ONLY_OFFICIALS_RESOLVE_CLAIMS,
    ONLY_OFFICIALS_REVEAL,
    can_enter_honours,
    can_register_talents,
    can_resolve_registration_claims,
    can_reveal_id_number,
)
from talents.selectors import (
    credential_get,
    credential_list,
    honour_get,
    honour_list,
    registration_claim_get,
    registration_claim_list,
    talent_get,
    talent_list,
)
from talents.services import (
    credential_create,
    credential_delete,
    credential_update,
    honour_create,
    talent_create,
    talent_reveal_id_number,
    talent_update,
)


@extend_schema_view(
    create=extend_schema(
        request=TalentCreateSerializer,
        responses={202: RegistrationReceiptSerializer},
        description=_(
            "Register a talent of the caller's organisation. The answer is the same receipt whether the number "
            "is new or held by another organisation (then the bureau decides a transfer); a number the "
            "caller's own organisation holds is a 400 on id_number. Find the new record in the list."
        ),
    ),
    update=extend_schema(request=TalentUpdateSerializer, responses={200: TalentSerializer}),
    partial_update=extend_schema(request=TalentUpdateSerializer, responses={200: TalentSerializer}),
)
@method_decorator(sensitive_post_parameters("id_number"), name="dispatch")  # never in an error report
class TalentViewSet(CachedListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Talents in the caller's scope. National ID numbers are shown masked; see ``reveal-id``. The list has
    ``next``/``previous`` and no ``count`` unless ``?count=1`` (docs/scale.md)."""

    pagination_class = NoCountPagination
    cache_name = "api-talents"
    cache_areas = (TALENTS,)
    serializer_class = TalentSerializer
    filterset_class = TalentFilter
    ordering_fields = ["id", "name", "years_of_work", "created_at", "updated_at"]
    selector_get = staticmethod(talent_get)

    def get_queryset(self):
        return talent_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_register_talents(request.user), ONLY_CLERKS_REGISTER)
        data = self.validated(TalentCreateSerializer)
        receipt = talent_create(actor=request.user, request=request, **data)
        response = Response(RegistrationReceiptSerializer(receipt).data, status=status.HTTP_202_ACCEPTED)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def update(self, request, *args, partial=False, **kwargs):
        require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
        talent = self.get_object()
        data = self.validated(TalentUpdateSerializer, partial=partial)
        talent = talent_update(actor=request.user, talent=talent, request=request, **data)
        return self.respond(talent)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        operation_id="talents_reveal_id",
        request=IdNumberRevealRequestSerializer,
        responses={
            200: IdNumberRevealSerializer,
            400: OpenApiResponse(description=CONFIRMATION_NEEDED),
            403: OpenApiResponse(description=ONLY_OFFICIALS_REVEAL),
            404: OpenApiResponse(description=NO_SUCH_TALENT),
        },
        description=_(
            "The full national ID number, for an HR official with scope, after the caller's password or a current "
            "one-time code given with this very request. Every reveal is audited."
        ),
    )
    @action(detail=True, methods=["post"], url_path="reveal-id", url_name="reveal-id")
    def reveal_id(self, request, *args, **kwargs):
        require(can_reveal_id_number(request.user), ONLY_OFFICIALS_REVEAL)
        talent = self.get_object()
        data = self.validated(IdNumberRevealRequestSerializer)
        # Asked on every reveal: an API client has no session to remember a recent confirmation in.
        if not identity_confirm(actor=request.user, secret=data["confirmation"]):
            raise ApplicationError(CONFIRMATION_NEEDED, code="confirmation_required", field="confirmation")
        number = talent_reveal_id_number(
            actor=request.user, talent=talent, reason=data.get("reason", ""), request=request
        )
        response = Response(IdNumberRevealSerializer({"id_number": number}).data)
        # Personal data: no browser or proxy may keep a copy.
        patch_cache_control(response, no_store=True, private=True)
        return response


@extend_schema_view(
    create=extend_schema(request=CredentialCreateSerializer, responses={201: CredentialSerializer}),
    update=extend_schema(request=CredentialUpdateSerializer, responses={200: CredentialSerializer}),
    partial_update=extend_schema(request=CredentialUpdateSerializer, responses={200: CredentialSerializer}),
    destroy=extend_schema(
        parameters=[OpenApiParameter("reason", OpenApiTypes.STR, description=_("Why the credential is removed."))]
    ),
)
class CredentialViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Credentials of talents in the caller's scope; levels, series and occupations by code."""

    serializer_class = CredentialSerializer
    filterset_class = CredentialFilter
    search_fields = ["certificate_number", "issuer", "talent__name"]
    ordering_fields = ["id", "obtained_on", "created_at"]
    selector_get = staticmethod(credential_get)

    def get_queryset(self):
        return credential_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
        data = self.validated(CredentialCreateSerializer)
        credential = credential_create(actor=request.user, request=request, **data)
        return self.respond(credential, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
        credential = self.get_object()
        data = self.validated(CredentialUpdateSerializer, partial=partial, current_kind=credential.kind)
        credential = credential_update(actor=request.user, credential=credential, request=request, **data)
        return self.respond(credential)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
        credential = self.get_object()
        reason = request.query_params.get("reason", "")[:500]
        credential_delete(actor=request.user, credential=credential, reason=reason, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(create=extend_schema(request=HonourCreateSerializer, responses={201: HonourSerializer}))
class HonourViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Honours of talents in the caller's scope; HR officials enter new ones with evidence."""

    serializer_class = HonourSerializer
    filterset_class = HonourFilter
    search_fields = ["conferring_body", "talent__name"]
    ordering_fields = ["id", "conferred_on", "created_at"]
    selector_get = staticmethod(honour_get)

    def get_queryset(self):
        return honour_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_enter_honours(request.user), ONLY_OFFICIALS_ENTER_HONOURS)
        data = self.validated(HonourCreateSerializer)
        honour = honour_create(actor=request.user, request=request, **data)
        return self.respond(honour, status.HTTP_201_CREATED)


class RegistrationClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Registration claims of organisations in the caller's scope, for HR officials: a clerk registered a
    number another organisation holds; ``resolve`` transfers the record or rejects the claim. Other roles
    get an empty list (clerks never learn that a claim exists)."""

    pagination_class = NoCountPagination
    serializer_class = RegistrationClaimSerializer
    filterset_class = RegistrationClaimFilter
    ordering_fields = ["id"]
    selector_get = staticmethod(registration_claim_get)

    def get_queryset(self):
        return registration_claim_list(actor=self.request.user)

    @extend_schema(
        operation_id="registration_claims_resolve",
        request=RegistrationClaimResolveSerializer,
        responses={
            200: RegistrationClaimSerializer,
            403: OpenApiResponse(description=ONLY_OFFICIALS_RESOLVE_CLAIMS),
            404: OpenApiResponse(description=_("No such claim.")),
        },
        description=_(
            "Transfer the record to the claiming organisation (its credentials and honours stay with it) or "
            "reject the claim with a reason; the clerk who registered is told the outcome."
        ),
    )
    @action(detail=True, methods=["post"], url_path="resolve", url_name="resolve")
    def resolve(self, request, *args, **kwargs):
        require(can_resolve_registration_claims(request.user), ONLY_OFFICIALS_RESOLVE_CLAIMS)
        claim = self.get_object()
        data = self.validated(RegistrationClaimResolveSerializer)
        claim = registration_claim_resolve(actor=request.user, claim=claim, request=request, **data)
        return self.respond(claim)
