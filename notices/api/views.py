"""Notices endpoints: notices are public and read-only; anyone may file an objection (throttled per
IP); officials of the notice's province and the ministry list, read and resolve objections."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from accounts.api.throttling import ClientAddressAnonRateThrottle
from notices.api.serializers import (
    ObjectionCreateSerializer,
    ObjectionReceiptSerializer,
    ObjectionResolveSerializer,
    ObjectionSerializer,
    PublicNoticeDetailSerializer,
    PublicNoticeSerializer,
)
from notices.filters import NoticeFilter, ObjectionFilter
from notices.models import ObjectionStatus
from notices.rules import ONLY_NOTICE_OFFICIALS, handles_notices
from notices.selectors import objection_get, objection_list, public_notice_get, public_notice_list
from notices.services import objection_file, objection_resolve


class ObjectionAnonThrottle(ClientAddressAnonRateThrottle):
    """Public objections per client address (signed-in officials are not throttled)."""

    scope = "objections"
    rate = "10/hour"


@extend_schema_view(
    list=extend_schema(description=_("Open notices and those closed in the last 30 days (public).")),
    retrieve=extend_schema(description=_("A notice with its entries; names are masked (public).")),
)
class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    permission_classes = [AllowAny]
    authentication_classes = []  # public: no session, so no CSRF on anything here
    serializer_class = PublicNoticeSerializer
    filterset_class = NoticeFilter
    search_fields = ["title"]
    ordering_fields = ["id", "opens_on", "closes_on"]

    @staticmethod
    def selector_get(*, actor, pk):
        return public_notice_get(pk=pk)

    def get_queryset(self):
        return public_notice_list()

    def get_serializer_class(self):
        return PublicNoticeDetailSerializer if self.action == "retrieve" else PublicNoticeSerializer


@extend_schema_view(
    create=extend_schema(
        request=ObjectionCreateSerializer,
        responses={201: ObjectionReceiptSerializer},
        description=_("File an objection to one entry while its notice is open (public, limited per address)."),
    ),
)
class ObjectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    serializer_class = ObjectionSerializer
    filterset_class = ObjectionFilter
    search_fields = ["name", "entry__masked_name", "receipt_number"]
    ordering_fields = ["id", "filed_at"]
    selector_get = staticmethod(objection_get)

    def get_permissions(self):
        if self.action == "create":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_throttles(self):
        if self.action == "create":
            return [ObjectionAnonThrottle()]
        return super().get_throttles()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action != "create":
            require(handles_notices(request.user), ONLY_NOTICE_OFFICIALS)

    def get_queryset(self):
        return objection_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        data = self.validated(ObjectionCreateSerializer)
        objection = objection_file(request=request, **data)
        return Response(ObjectionReceiptSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ObjectionResolveSerializer, responses={200: ObjectionSerializer})
    @action(detail=True, methods=["post"], url_path="resolve", url_name="resolve")
    def resolve(self, request, *args, **kwargs):
        objection = self.get_object()
        data = self.validated(ObjectionResolveSerializer)
        objection = objection_resolve(
            actor=request.user,
            objection=objection,
            upheld=data["decision"] == ObjectionStatus.UPHELD,
            resolution=data["resolution"],
            request=request,
        )
        return self.respond(objection)
