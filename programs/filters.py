"""Filters shared by the programs pages, exports and API. Plans and regions by code, others by id.

Ids are plain numbers, not model choices: a choice field would tell an out-of-scope id from a missing one.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Enrolment,
    Metric,
    Platform,
    PlatformKind,
    PlatformLevel,
    Question,
    QuestionPhase,
    RegionalTarget,
)


def filter_region_code(queryset, name, value):
    """A region and the regions under it (a province matches its cities too)."""
    value = (value or "").strip()
    if not value:
        return queryset
    prefix = f"{name}__" if name else ""
    return queryset.filter(Q(**{f"{prefix}region__code": value}) | Q(**{f"{prefix}region__parent__code": value}))


class TargetFilter(django_filters.FilterSet):
    plan = django_filters.CharFilter(label=_("Plan code"), field_name="plan__code")
    metric = django_filters.ChoiceFilter(label=_("Metric"), choices=Metric.choices)
    region = django_filters.CharFilter(label=_("Region code"), field_name="region__code")
    parent = django_filters.CharFilter(label=_("Parent region code"), field_name="region__parent__code")

    class Meta:
        model = RegionalTarget
        fields = ["plan", "metric", "region", "parent"]


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search title"), method="search_title")
    plan = django_filters.CharFilter(label=_("Plan code"), field_name="plan__code")
    key_task = django_filters.NumberFilter(label=_("Key task number"), field_name="key_task__number")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    region = django_filters.CharFilter(label=_("Region code (with the regions under it)"), method="filter_region")
    organiser = django_filters.NumberFilter(label=_("Organiser"), field_name="organiser_id")
    starts_after = django_filters.DateFilter(label=_("Starts on or after"), field_name="starts_on", lookup_expr="gte")
    starts_before = django_filters.DateFilter(label=_("Starts on or before"), field_name="starts_on", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["q", "plan", "key_task", "kind", "status", "region", "organiser", "starts_after", "starts_before"]

    def search_title(self, queryset, name, value):
        value = (value or "").strip()
        return queryset.filter(Q(title__icontains=value) | Q(title_en__icontains=value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return filter_region_code(queryset, "", value)


class EnrolmentFilter(django_filters.FilterSet):
    activity = django_filters.NumberFilter(label=_("Activity"), field_name="activity_id")
    talent = django_filters.NumberFilter(label=_("Talent"), field_name="talent_id")
    plan = django_filters.CharFilter(label=_("Plan code"), field_name="activity__plan__code")
    completed = django_filters.BooleanFilter(label=_("Completed"))

    class Meta:
        model = Enrolment
        fields = ["activity", "talent", "plan", "completed"]


class QuestionFilter(django_filters.FilterSet):
    activity = django_filters.NumberFilter(label=_("Activity"), field_name="activity_id")
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=QuestionPhase.choices)
    published = django_filters.BooleanFilter(label=_("Published"))
    answered = django_filters.BooleanFilter(
        label=_("Answered"), field_name="answered_at", lookup_expr="isnull", exclude=True
    )
    group = django_filters.CharFilter(label=_("Group label"), field_name="group__label")

    class Meta:
        model = Question
        fields = ["activity", "phase", "published", "answered", "group"]


class PlatformFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search name"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PlatformKind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=PlatformLevel.choices)
    region = django_filters.CharFilter(label=_("Region code (with the regions under it)"), method="filter_region")
    host = django_filters.NumberFilter(label=_("Host organisation"), field_name="host_id")
    leader = django_filters.NumberFilter(label=_("Leader"), field_name="leader_id")

    class Meta:
        model = Platform
        fields = ["q", "kind", "level", "region", "host", "leader"]

    def filter_region(self, queryset, name, value):
        return filter_region_code(queryset, "", value)
