"""One filter definition per programs list (docs/architecture.md, "list filters"): its page, its xlsx export
(``programs.exports``) and its API endpoint (``filterset_class``) all clean the request's values with it, and
the list's selector narrows its scoped queryset with ``apply``.

Plans and regions are named by code, other rows by id. Ids are plain numbers, not model choices: a choice
field would tell an out-of-scope id from a missing one.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilterSet
from accounts.forms import BootstrapFormMixin
from programs.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Enrolment,
    Metric,
    Plan,
    Platform,
    PlatformKind,
    PlatformLevel,
    Question,
    QuestionPhase,
    RegionalTarget,
)


class FilterForm(BootstrapFormMixin, forms.Form):
    """The page's filter form, styled like the other forms."""


def filter_region_code(queryset, name, value):
    """A region and the regions under it (a province matches its cities too)."""
    value = (value or "").strip()
    if not value:
        return queryset
    prefix = f"{name}__" if name else ""
    return queryset.filter(Q(**{f"{prefix}region__code": value}) | Q(**{f"{prefix}region__parent__code": value}))


class PlanFilter(ListFilterSet):
    """The plan list (page, export, API): the plans are few and seeded, so it has no filter of its own yet;
    the API's ``search`` and ``ordering`` narrow and sort it."""

    class Meta:
        model = Plan
        fields: list[str] = []


class TargetFilter(ListFilterSet):
    plan = django_filters.CharFilter(label=_("Plan code"), field_name="plan__code")
    metric = django_filters.ChoiceFilter(label=_("Metric"), choices=Metric.choices)
    region = django_filters.CharFilter(label=_("Region code"), field_name="region__code")
    parent = django_filters.CharFilter(label=_("Parent region code"), field_name="region__parent__code")

    class Meta:
        model = RegionalTarget
        fields = ["plan", "metric", "region", "parent"]


class ActivityFilter(ListFilterSet):
    """The activity list: the page shows the first five as its form; the API and the export take them all."""

    q = django_filters.CharFilter(label=_("Search"), method="search_title", max_length=100)
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=Plan.objects.order_by("code"),
        to_field_name="code",
        field_name="plan",
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices, empty_label=_("All"))
    mine = django_filters.BooleanFilter(
        label=_("Only activities I manage"), method="filter_mine", widget=forms.CheckboxInput
    )
    key_task = django_filters.NumberFilter(label=_("Key task number"), field_name="key_task__number")
    region = django_filters.CharFilter(label=_("Region code (with the regions under it)"), method="filter_region")
    organiser = django_filters.NumberFilter(label=_("Organiser"), field_name="organiser_id")
    starts_after = django_filters.DateFilter(label=_("Starts on or after"), field_name="starts_on", lookup_expr="gte")
    starts_before = django_filters.DateFilter(label=_("Starts on or before"), field_name="starts_on", lookup_expr="lte")

    class Meta:
        model = Activity
        form = FilterForm
        fields = [
            "q",
            "plan",
            "kind",
            "status",
            "mine",
            "key_task",
            "region",
            "organiser",
            "starts_after",
            "starts_before",
        ]

    def search_title(self, queryset, name, value):
        value = (value or "").strip()
        return queryset.filter(Q(title__icontains=value) | Q(title_en__icontains=value)) if value else queryset

    def filter_region(self, queryset, name, value):
        return filter_region_code(queryset, "", value)

    def filter_mine(self, queryset, name, value):
        # ``managed_by_actor``: the selector's alias (programs.selectors.activities.activity_list).
        return queryset.filter(managed_by_actor=True) if value else queryset


class EnrolmentFilter(ListFilterSet):
    activity = django_filters.NumberFilter(label=_("Activity"), field_name="activity_id")
    talent = django_filters.NumberFilter(label=_("Talent"), field_name="talent_id")
    plan = django_filters.CharFilter(label=_("Plan code"), field_name="activity__plan__code")
    completed = django_filters.BooleanFilter(label=_("Completed"))

    class Meta:
        model = Enrolment
        fields = ["activity", "talent", "plan", "completed"]


class QuestionFilter(ListFilterSet):
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


class PlatformFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Search name"), method="search_name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PlatformKind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=PlatformLevel.choices)
    region = django_filters.CharFilter(label=_("Region code (with the regions under it)"), method="filter_region")
    host = django_filters.NumberFilter(label=_("Host organisation"), field_name="host_id")
    leader = django_filters.NumberFilter(label=_("Leader"), field_name="leader_id")

    class Meta:
        model = Platform
        fields = ["q", "kind", "level", "region", "host", "leader"]

    def search_name(self, queryset, name, value):
        value = (value or "").strip()
        return queryset.filter(name__icontains=value) if value else queryset

    def filter_region(self, queryset, name, value):
        return filter_region_code(queryset, "", value)
