"""Programs endpoints: permission → selector → input serializer → service → output serializer.

Reads go through the scoped selectors (out of scope → 404); writes check the role first (403 before
any validation) and then call the same services as the HTML pages.
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from accounts.http import XLSX
from programs.api.serializers import (
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
    PlanSerializer,
    PlatformCreateSerializer,
    PlatformSerializer,
    PlatformUpdateSerializer,
    QuestionAnswerSerializer,
    QuestionCreateSerializer,
    QuestionGroupSerializer,
    QuestionPublishSerializer,
    QuestionSerializer,
    TargetCreateSerializer,
    TargetSerializer,
    TargetUpdateSerializer,
)
from programs.filters import ActivityFilter, EnrolmentFilter, PlatformFilter, QuestionFilter, TargetFilter
from programs.progress import plan_progress, progress_region_get
from programs.rules import (
    ONLY_ACTIVITY_MANAGERS,
    ONLY_ENROLLERS,
    ONLY_ORGANISERS,
    ONLY_PARTICIPANT_CLERKS,
    ONLY_PLATFORM_OFFICIALS,
    ONLY_TARGET_SETTERS,
    can_ask_questions,
    can_enrol,
    can_manage_platforms,
    can_organise_activities,
    can_set_targets,
)
from programs.selectors import (
    activity_get,
    activity_list,
    enrolment_get,
    enrolment_list,
    plan_get,
    plan_list,
    platform_get,
    platform_list,
    question_get,
    question_list,
    target_get,
    target_list,
)
from programs.services import (
    EnrolmentUploadError,
    activity_create,
    activity_set_status,
    activity_update,
    enrolment_bulk_create,
    enrolment_complete,
    enrolment_create,
    enrolment_delete,
    platform_create,
    platform_delete,
    platform_update,
    question_answer,
    question_ask,
    question_group,
    question_set_published,
    target_delete,
    target_set,
)
from programs.spreadsheets import enrolment_template

REASON = OpenApiParameter("reason", OpenApiTypes.STR, description=_("Why it is removed (kept in the audit log)."))


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """The cultivation plans with their key tasks, key industries and national targets (read only)."""

    serializer_class = PlanSerializer
    search_fields = ["code", "title", "title_en"]
    ordering_fields = ["code", "period_start"]
    selector_get = staticmethod(plan_get)

    def get_queryset(self):
        return plan_list(actor=self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "region",
                OpenApiTypes.STR,
                description=_("GB/T 2260 code of the region; the caller's own region when omitted."),
            )
        ],
        responses={200: OpenApiTypes.OBJECT},
        description=_(
            "The progress dashboard's figures: target vs achieved for the region and each region under it "
            "(the same figures as the page, from programs.progress)."
        ),
    )
    @action(detail=True, methods=["get"], url_path="progress", url_name="progress", filter_backends=[])
    def progress(self, request, *args, **kwargs):
        region = progress_region_get(actor=request.user, code=request.query_params.get("region"))
        return Response(plan_progress(plan=self.get_object(), region=region).as_dict())


@extend_schema_view(
    create=extend_schema(request=TargetCreateSerializer, responses={201: TargetSerializer}),
    update=extend_schema(request=TargetUpdateSerializer, responses={200: TargetSerializer}),
    partial_update=extend_schema(request=TargetUpdateSerializer, responses={200: TargetSerializer}),
    destroy=extend_schema(parameters=[REASON]),
)
class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Regional targets: the ministry splits national targets across provinces, a province across its
    cities; the children's sum never exceeds the parent's target."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    ordering_fields = ["id", "target", "updated_at"]
    selector_get = staticmethod(target_get)

    def get_queryset(self):
        return target_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_set_targets(request.user), ONLY_TARGET_SETTERS)
        data = self.validated(TargetCreateSerializer)
        row = target_set(actor=request.user, request=request, **data)
        return self.respond(row, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        require(can_set_targets(request.user), ONLY_TARGET_SETTERS)
        row = self.get_object()
        data = self.validated(TargetUpdateSerializer, partial=partial)
        row = target_set(
            actor=request.user,
            plan=row.plan,
            metric=row.metric,
            region=row.region,
            target=data.get("target", row.target),
            note=data.get("note", row.note),
            request=request,
        )
        return self.respond(row)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        require(can_set_targets(request.user), ONLY_TARGET_SETTERS)
        row = self.get_object()
        target_delete(actor=request.user, target=row, reason=request.query_params.get("reason", "")[:500])
        return Response(status=status.HTTP_204_NO_CONTENT)


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
            400: EnrolmentUploadErrorSerializer,
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


@extend_schema_view(create=extend_schema(request=QuestionCreateSerializer, responses={201: QuestionSerializer}))
class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Questions to activities: participants' organisations ask before and during; organisers answer,
    group and publish. Published answers are visible to everyone who sees the activity."""

    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    search_fields = ["text", "answer"]
    ordering_fields = ["id", "asked_at", "answered_at"]
    selector_get = staticmethod(question_get)

    def get_queryset(self):
        return question_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_ask_questions(request.user), ONLY_PARTICIPANT_CLERKS)
        data = self.validated(QuestionCreateSerializer)
        question = question_ask(actor=request.user, request=request, **data)
        return self.respond(question, status.HTTP_201_CREATED)

    def _managed(self, request):
        require(can_organise_activities(request.user), ONLY_ACTIVITY_MANAGERS)
        return self.get_object()

    @extend_schema(
        operation_id="questions_answer",
        request=QuestionAnswerSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="answer", url_name="answer")
    def answer(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionAnswerSerializer)
        question = question_answer(actor=request.user, question=question, request=request, **data)
        return self.respond(question)

    @extend_schema(
        operation_id="questions_publish",
        request=QuestionPublishSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="publish", url_name="publish")
    def publish(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionPublishSerializer)
        question = question_set_published(actor=request.user, question=question, request=request, **data)
        return self.respond(question)

    @extend_schema(
        operation_id="questions_group",
        request=QuestionGroupSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="group", url_name="group")
    def group(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionGroupSerializer)
        question = question_group(actor=request.user, question=question, label=data["label"], request=request)
        return self.respond(question)


@extend_schema_view(
    create=extend_schema(request=PlatformCreateSerializer, responses={201: PlatformSerializer}),
    update=extend_schema(request=PlatformUpdateSerializer, responses={200: PlatformSerializer}),
    partial_update=extend_schema(request=PlatformUpdateSerializer, responses={200: PlatformSerializer}),
    destroy=extend_schema(parameters=[REASON]),
)
class PlatformViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Skill-master studios, training bases, postdoctoral workstations and expert service bases."""

    serializer_class = PlatformSerializer
    filterset_class = PlatformFilter
    search_fields = ["name", "host__name", "leader__name"]
    ordering_fields = ["id", "name", "established_on"]
    selector_get = staticmethod(platform_get)

    def get_queryset(self):
        return platform_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
        data = self.validated(PlatformCreateSerializer)
        platform = platform_create(actor=request.user, request=request, **data)
        return self.respond(platform, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
        platform = self.get_object()
        data = self.validated(PlatformUpdateSerializer, partial=partial)
        platform = platform_update(actor=request.user, platform=platform, request=request, **data)
        return self.respond(platform)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
        platform = self.get_object()
        platform_delete(
            actor=request.user, platform=platform, reason=request.query_params.get("reason", "")[:500], request=request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
