"""The base every app's API is built on: a viewset that fetches through the app's scoped selector, and
the input serializer that only checks the shape of a write (the services decide)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.cache import cached
from accounts.private_files import download_response

FIELD_CANNOT_CHANGE = _("This field cannot be changed.")


def code_field(queryset, **kwargs):
    """A catalogue entry written and shown by its stable code (docs/codes.md)."""
    return serializers.SlugRelatedField(slug_field="code", queryset=queryset, **kwargs)


class InputSerializer(serializers.Serializer):
    """Checks the shape of a write; a request naming a field fixed by the record fails loudly."""

    unchangeable_fields: tuple[str, ...] = ()

    def validate(self, attrs):
        errors = {field: [FIELD_CANNOT_CHANGE] for field in self.unchangeable_fields if field in self.initial_data}
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class RegistryViewSet(viewsets.GenericViewSet):
    """Objects are fetched through the app's ``*_get`` selector, never an unscoped queryset."""

    lookup_value_converter = "int"

    @staticmethod
    def selector_get(*, actor, pk):
        raise NotImplementedError

    def get_object(self):
        return self.selector_get(actor=self.request.user, pk=self.kwargs[self.lookup_field])

    def validated(self, serializer_class, *, partial=False, **context):
        serializer = serializer_class(
            data=self.request.data, partial=partial, context={**self.get_serializer_context(), **context}
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def respond(self, instance, status_code=status.HTTP_200_OK):
        """Show a written object as a read would: fetched again through the scoped selector."""
        fresh = self.selector_get(actor=self.request.user, pk=instance.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)


class CachedListMixin:
    """A list endpoint answered from the versioned cache (accounts.cache, docs/scale.md "Cached lists"):
    its data is keyed by the caller's scope, the path and sorted query, the language and the versions of
    ``cache_areas``, which the services bump on every write. Refusals (400, 404) are never cached."""

    cache_name: str
    cache_areas: tuple[str, ...]

    def list(self, request, *args, **kwargs):
        def build():
            return super(CachedListMixin, self).list(request, *args, **kwargs).data  # type: ignore[misc]

        return Response(cached(request, name=self.cache_name, areas=self.cache_areas, build=build))


class PrivateFileDownloadMixin:
    """``download`` serves a scoped attachment (accounts.private_files) as a file with its detected type."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description=_("The file, as a download with its detected content type."),
    )
    @action(detail=True, methods=["get"], url_path="download", url_name="download", filter_backends=[])
    def download(self, request, *args, **kwargs):
        return download_response(self.get_object())  # type: ignore[attr-defined]
