"""API filters for regions and organisations; regions are named by their GB/T 2260 code."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationKind, Region, RegionLevel


class RegionFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(label=_("level"), choices=RegionLevel.choices)
    parent = django_filters.CharFilter(label=_("parent region"), field_name="parent__code")

    class Meta:
        model = Region
        fields = ["level", "parent"]


class OrganisationFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(
        label=_("region"),
        method="filter_region",
        help_text=_("GB/T 2260 code; a province includes its cities."),
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["region", "kind"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(region__code=value) | Q(region__parent__code=value))
