"""Platforms: skill-master studios, training bases, postdoctoral workstations, expert service bases."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from programs.api.parameters import REASON
from programs.api.serializers import PlatformCreateSerializer, PlatformSerializer, PlatformUpdateSerializer
from programs.filters import PlatformFilter
from programs.rules import ONLY_PLATFORM_OFFICIALS, can_manage_platforms
from programs.selectors.platforms import platform_get, platform_list
from programs.services.platforms import platform_create, platform_delete, platform_update


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


urlpatterns: list = []


def register(router) -> None:
    router.register("platforms", PlatformViewSet, basename="platform")
