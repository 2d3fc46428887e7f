"""Plans (read only, with their progress figures) and regional targets."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from accounts.http import require as require_role
from programs.api.parameters import REASON
from programs.api.serializers import PlanSerializer, TargetCreateSerializer, TargetSerializer, TargetUpdateSerializer
from programs.filters import PlanFilter, TargetFilter
from programs.rules import NO_PROGRESS_ACCESS, ONLY_TARGET_SETTERS, can_set_targets, can_view_progress
from programs.selectors.plans import plan_get, plan_list
from programs.selectors.progress import plan_progress, progress_region_get
from programs.selectors.targets import target_get, target_list
from programs.services.targets import target_delete, target_set


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """The cultivation plans with their key tasks, key industries and national targets (read only)."""

    serializer_class = PlanSerializer
    filterset_class = PlanFilter
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
            "(the same figures as the page)."
        ),
    )
    @action(detail=True, methods=["get"], url_path="progress", url_name="progress", filter_backends=[])
    def progress(self, request, *args, **kwargs):
        require_role(can_view_progress(request.user), NO_PROGRESS_ACCESS)  # 403 as the page answers
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
        reason = request.query_params.get("reason", "")[:500]
        target_delete(actor=request.user, target=row, reason=reason, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns: list = []


def register(router) -> None:
    router.register("plans", PlanViewSet, basename="plan")
    router.register("targets", TargetViewSet, basename="target")
