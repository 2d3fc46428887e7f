"""The batch-run lists' filters: one definition each, shared by the page, its xlsx export and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.filters import ListFilterSet
from eligibility.models import (
    OUTCOMES,
    RUN_TRACKS,
    ChangeDirection,
    EligibilityRun,
    EligibilityRunResult,
    RunScope,
    RunStatus,
)


class RunFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RunStatus.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=RunScope.choices)
    nightly = django_filters.BooleanFilter(label=_("Nightly run"))

    class Meta:
        model = EligibilityRun
        fields = ["status", "scope", "nightly"]


def _not_a_filter(queryset, name, value):
    # The run, track and direction choose which difference is listed (eligibility.selectors.runs.run_changes).
    return queryset


class RunChangesFilter(ListFilterSet):
    """One run's difference from the previous run: which run, which track, which direction."""

    run = django_filters.NumberFilter(label=_("Run"), method=_not_a_filter)
    track = django_filters.ChoiceFilter(
        label=_("Track"), choices=[(track.value, track.label) for track in RUN_TRACKS], method=_not_a_filter
    )
    direction = django_filters.ChoiceFilter(
        label=pgettext_lazy("eligibility run result", "Change"), choices=ChangeDirection.CHOICES, method=_not_a_filter
    )

    class Meta:
        model = EligibilityRunResult
        fields = ["run", "track", "direction"]


class RunResultFilter(ListFilterSet):
    """The talents behind one count of a run's summary: a track's outcome, optionally in one region
    (named by its GB/T 2260 code, as the summary's rows are)."""

    track = django_filters.ChoiceFilter(
        label=_("Track"), choices=[(track.value, track.label) for track in RUN_TRACKS], method=_not_a_filter
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=[(o.value, o.label) for o in OUTCOMES], method=_not_a_filter
    )
    region = django_filters.CharFilter(label=_("Region code"), field_name="region__code", max_length=6)

    class Meta:
        model = EligibilityRunResult
        fields = ["track", "outcome", "region"]
