"""Read-only catalogues, looked up by code. They are public reference data: no scoping applies."""

from rest_framework import viewsets

from catalogues.api.serializers import (
    AwardSerializer,
    OccupationSerializer,
    SkillLevelSerializer,
    TitleLevelSerializer,
    TitleSeriesSerializer,
)
from catalogues.filters import AwardFilter, OccupationFilter, SkillLevelFilter, TitleLevelFilter, TitleSeriesFilter
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from catalogues.selectors import catalogue_list


class CatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "code"
    search_fields = ["code", "name", "name_en"]
    ordering_fields = ["code", "name"]


class SkillLevelViewSet(CatalogueViewSet):
    """Skill levels in ascending order (rank)."""

    queryset = catalogue_list(SkillLevel)
    serializer_class = SkillLevelSerializer
    filterset_class = SkillLevelFilter
    ordering_fields = ["rank", "code"]


class TitleLevelViewSet(CatalogueViewSet):
    """Professional title levels in ascending order (rank)."""

    queryset = catalogue_list(TitleLevel)
    serializer_class = TitleLevelSerializer
    filterset_class = TitleLevelFilter
    ordering_fields = ["rank", "code"]


class TitleSeriesViewSet(CatalogueViewSet):
    queryset = catalogue_list(TitleSeries)
    serializer_class = TitleSeriesSerializer
    filterset_class = TitleSeriesFilter


class OccupationViewSet(CatalogueViewSet):
    """Occupations of the national occupational classification (2022 edition)."""

    queryset = catalogue_list(Occupation)
    serializer_class = OccupationSerializer
    filterset_class = OccupationFilter


class AwardViewSet(CatalogueViewSet):
    queryset = catalogue_list(Award)
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
