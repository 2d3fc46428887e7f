"""The commendations lists' filters: one class per list, shared by the page, its xlsx export and the API
(docs/architecture.md). Each area appends its own class."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.filters import CodeChoiceFilter, ListFilterSet
from accounts.models import Region
from catalogues.models import Award, AwardLevel
from talents.models import Honour, HonourSource

SMALL_SELECT = {"class": "form-select form-select-sm w-auto"}
SMALL_INPUT = {"class": "form-control form-control-sm w-auto"}


class HonourRollFilter(ListFilterSet):
    """The honours roll: the employer's region (or its province), the year of conferral, award, level, source."""

    region = CodeChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method="filter_region",
        empty_label=_("All regions"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", widget=forms.NumberInput(attrs={**SMALL_INPUT, "min": 1949})
    )
    award = CodeChoiceFilter(
        label=_("Award"),
        queryset=Award.objects.all(),
        field_name="award",
        empty_label=_("All awards"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        choices=AwardLevel.choices,
        field_name="award__level",
        empty_label=_("All levels"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"),
        choices=HonourSource.choices,
        empty_label=_("All sources"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )

    class Meta:
        model = Honour
        fields = ["region", "year", "award", "level", "source"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(talent__employer__region=value) | Q(talent__employer__region__parent=value))

    def filter_year(self, queryset, name, value):
        # A date range rather than __year, so the roll's (conferred_on, id) index serves it.
        year = int(value)
        if not 1900 <= year <= 9999:
            return queryset.none()
        return queryset.filter(
            conferred_on__gte=datetime.date(year, 1, 1), conferred_on__lt=datetime.date(year + 1, 1, 1)
        )
