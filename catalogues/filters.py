"""API filters for the catalogues; related catalogues are named by code."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilterSet
from catalogues.models import Award, AwardLevel, Occupation, SkillLevel, TitleLevel, TitleSeries


class SkillLevelFilter(ListFilterSet):
    class Meta:
        model = SkillLevel
        fields = ["is_active"]


class TitleLevelFilter(ListFilterSet):
    class Meta:
        model = TitleLevel
        fields = ["is_active"]


class TitleSeriesFilter(ListFilterSet):
    class Meta:
        model = TitleSeries
        fields = ["is_active", "is_digital"]


class OccupationFilter(ListFilterSet):
    title_series = django_filters.CharFilter(label=_("corresponding title series"), field_name="title_series__code")

    class Meta:
        model = Occupation
        fields = ["is_active", "is_digital", "title_series"]


class AwardFilter(ListFilterSet):
    level = django_filters.ChoiceFilter(label=_("level"), choices=AwardLevel.choices)

    class Meta:
        model = Award
        fields = ["is_active", "level"]
