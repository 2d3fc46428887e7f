"""Activities and their enrolments (one talent or an xlsx file; completion)."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from programs.api.parameters import REASON, XLSX
from programs.api.serializers import (
    ENROLMENT_UPLOAD_FAILURE,
    ActivityCreateSerializer,
    ActivitySerializer,
    ActivityStatusSerializer,
    ActivityUpdateSerializer,
    EnrolmentCompleteSerializer,
    EnrolmentCreateSerializer,
    EnrolmentSerializer,
    EnrolmentUploadErrorSerializer,
    EnrolmentUploadResultSerializer,
    EnrolmentUploadSerializer,
)
from programs.filters import ActivityFilter, EnrolmentFilter
from programs.rules import ONLY_ACTIVITY_MANAGERS, ONLY_ENROLLERS, ONLY_ORGANISERS, can_enrol, can_organise_activities
from programs.selectors.activities import activity_get, activity_list
from programs.selectors.enrolments import enrolment_get, enrolment_list
from programs.services.activities import activity_create, activity_set_status, activity_update
from programs.services.enrolments import (
    EnrolmentUploadError,
    enrolment_bulk_create,
    enrolment_complete,
    enrolment_create,
    enrolment_delete,
)
from programs.spreadsheets import enrolment_template


@extend_schema_view(
    create=extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer}),
    update=extend_schema(request=ActivityUpdateSerializer, responses={200: ActivitySerializer}),
    partial_update=extend_schema(request=ActivityUpdateSerializer, responses={200: ActivitySerializer}),
)
class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Training courses, competitions, seminars and expert services under a plan's key task."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["id", "starts_on", "capacity", "enrolled_count", "created_at"]
    selector_get = staticmethod(activity_get)

    def get_queryset(self):
        return activity_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_organise_activities(request.user), ONLY_ORGANISERS)
        data = self.validated(ActivityCreateSerializer)
        activity = activity_create(actor=request.user, request=request, **data)
        return self.respond(activity, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        require(can_organise_activities(request.user), ONLY_ACTIVITY_MANAGERS)
        activity = self.get_object()
        data = self.validated(ActivityUpdateSerializer, partial=partial, activity=activity)
        activity = activity_update(actor=request.user, activity=activity, request=request, **data)
        return self.respond(activity)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(
        operation_id="activities_status",
        request=ActivityStatusSerializer,
        responses={200: ActivitySerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
        description=_("Close or reopen enrolment, or cancel the activity (with a reason)."),
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def set_status(self, request, *args, **kwargs):
        require(can_organise_activities(request.user), ONLY_ACTIVITY_MANAGERS)
        activity = self.get_object()
        data = self.validated(ActivityStatusSerializer)
        activity = activity_set_status(
            actor=request.user,
            activity=activity,
            status=data["status"],
            reason=data.get("reason", ""),
            request=request,
        )
        return self.respond(activity)


@extend_schema_view(
    create=extend_schema(request=EnrolmentCreateSerializer, responses={201: EnrolmentSerializer}),
    destroy=extend_schema(parameters=[REASON]),
)
class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Enrolments of talents in the caller's scope, and every enrolment of activities the caller manages."""

    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter
    search_fields = ["talent__name"]
    ordering_fields = ["id", "enrolled_at", "completed_on"]
    selector_get = staticmethod(enrolment_get)

    def get_queryset(self):
        return enrolment_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_enrol(request.user), ONLY_ENROLLERS)
        data = self.validated(EnrolmentCreateSerializer)
        enrolment = enrolment_create(actor=request.user, request=request, **data)
        return self.respond(enrolment, status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        require(can_enrol(request.user), ONLY_ENROLLERS)
        enrolment = self.get_object()
        enrolment_delete(
            actor=request.user,
            enrolment=enrolment,
            reason=request.query_params.get("reason", "")[:500],
            request=request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="enrolments_complete",
        request=EnrolmentCompleteSerializer,
        responses={200: EnrolmentSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
        description=_("Record that the talent completed the activity (the organiser or the HR office over it)."),
    )
    @action(detail=True, methods=["post"], url_path="complete", url_name="complete")
    def complete(self, request, *args, **kwargs):
        require(can_enrol(request.user), ONLY_ACTIVITY_MANAGERS)
        enrolment = self.get_object()
        data = self.validated(EnrolmentCompleteSerializer)
        enrolment = enrolment_complete(
            actor=request.user, enrolment=enrolment, completed_on=data.get("completed_on"), request=request
        )
        return self.respond(enrolment)

    @extend_schema(
        operation_id="enrolments_template",
        request=None,
        responses={(200, XLSX): OpenApiTypes.BINARY, 403: OpenApiResponse(description=ONLY_ENROLLERS)},
        description=_("The xlsx template for ``upload``: one national ID number (and optionally the name) a row."),
    )
    @action(detail=False, methods=["get"], url_path="template", url_name="template", filter_backends=[])
    def template(self, request, *args, **kwargs):
        require(can_enrol(request.user), ONLY_ENROLLERS)
        response = HttpResponse(enrolment_template(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="enrolment-template.xlsx"'
        return response

    @extend_schema(
        operation_id="enrolments_upload",
        request={"multipart/form-data": EnrolmentUploadSerializer},
        responses={
            201: EnrolmentUploadResultSerializer,
            400: OpenApiResponse(
                response=ENROLMENT_UPLOAD_FAILURE,
                description=_("The rows' errors (with a code), or the input's field errors (no activity, no file)."),
            ),
            403: OpenApiResponse(description=ONLY_ENROLLERS),
        },
        description=_(
            "Enrol many talents from the xlsx template. All or nothing: one bad row, or too few places, "
            "and nothing is saved; every problem is listed with its row."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="upload",
        url_name="upload",
        parser_classes=[MultiPartParser, FormParser],
    )
    def upload(self, request, *args, **kwargs):
        require(can_enrol(request.user), ONLY_ENROLLERS)
        data = self.validated(EnrolmentUploadSerializer)
        try:
            created = enrolment_bulk_create(
                actor=request.user, activity=data["activity"], upload=data["file"], request=request
            )
        except EnrolmentUploadError as error:
            body = {
                "code": error.code,
                "detail": str(error.message),
                "row_errors": [{"row": e.row, "column": e.column, "message": str(e.message)} for e in error.row_errors],
            }
            return Response(EnrolmentUploadErrorSerializer(body).data, status=status.HTTP_400_BAD_REQUEST)
        fresh = self.get_queryset().filter(pk__in=[e.pk for e in created]).order_by("id")
        body = {"created": len(created), "enrolments": fresh}
        return Response(EnrolmentUploadResultSerializer(body).data, status=status.HTTP_201_CREATED)


urlpatterns: list = []


def register(router) -> None:
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("enrolments", EnrolmentViewSet, basename="enrolment")
