"""The commendations lists' filters: one definition each, shared by the page, its xlsx export and the
API (docs/architecture.md, "list filters"). Each area appends its own class."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.filters import (
    CodeChoiceFilter,
    CodeOrIdChoiceField,
    ListFilterSet,
    ScopedModelChoiceField,
    ScopedModelChoiceFilter,
)
from accounts.forms import BootstrapFormMixin
from accounts.models import Region, RegionLevel
from accounts.scoping import region_scope
from catalogues.models import Award, AwardLevel
from commendations.models import Campaign, CampaignStatus, Nomination, NominationStatus, NomineeKind
from commendations.scoping import campaign_scope
from talents.models import Honour, HonourSource


class FilterForm(BootstrapFormMixin, forms.Form):
    """A list page's filter form, styled like every other form."""


class CampaignFilter(ListFilterSet):
    """The campaign list: its page, its export and ``/api/v1/campaigns/``."""

    q = django_filters.CharFilter(
        label=_("Search award"), field_name="award__name", lookup_expr="icontains", max_length=100
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="year", min_value=2000, max_value=2100)
    level = django_filters.ChoiceFilter(
        label=_("Organising level"), field_name="region__level", choices=RegionLevel.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CampaignStatus.choices, empty_label=_("All"))
    nominee_kind = django_filters.ChoiceFilter(
        label=_("Who may be nominated"), choices=NomineeKind.choices, empty_label=_("All")
    )
    award = CodeChoiceFilter(label=_("Award"), queryset=Award.objects.all(), empty_label=_("All"))

    class Meta:
        model = Campaign
        form = FilterForm
        fields = ["q", "year", "level", "status", "nominee_kind", "award"]


def filter_review_decision(queryset, name, value):
    if value == "pending":
        return queryset.filter(review_passed__isnull=True)
    return queryset.filter(review_passed=(value == "passed"))


def filter_my_vote(queryset, name, value):
    # The queue's rows carry the reader's own vote (commendations.selectors.review._review_rows).
    return queryset.filter(my_vote__isnull=True) if value == "pending" else queryset


class ExpertReviewFilter(ListFilterSet):
    """The expert review queue (docs/commendations.md#expert-review): its page and its API."""

    campaign = ScopedModelChoiceFilter(label=_("Campaign"), queryset=Campaign.objects.none(), empty_label=_("All"))
    decision = django_filters.ChoiceFilter(
        label=_("Committee decision"),
        choices=[("pending", _("Not yet recorded")), ("passed", _("Passed"))],
        method=filter_review_decision,
        empty_label=_("All"),
    )
    mine = django_filters.ChoiceFilter(
        label=_("My vote"), choices=[("pending", _("Not yet cast"))], method=filter_my_vote, empty_label=_("All")
    )

    class Meta:
        model = Nomination
        form = FilterForm
        fields = ["campaign", "decision", "mine"]

    def limit_choices(self, actor) -> None:
        if actor is not None:
            self.form.fields["campaign"].limit_to(
                lambda: Campaign.objects.filter(campaign_scope(actor)).select_related("award").order_by("-year", "-pk")
            )


class _ScopedRegionField(CodeOrIdChoiceField, ScopedModelChoiceField):
    """A region of the actor's scope named by its GB/T 2260 code (the API) or its id (the page's select)."""


class ScopedRegionFilter(ScopedModelChoiceFilter):
    field_class = _ScopedRegionField


class NominationFilter(ListFilterSet):
    """The nominations: the list page (and its "to recommend" queue), its export and the API's list."""

    q = django_filters.CharFilter(label=_("Nominee name"), method="filter_name", max_length=100)
    campaign = ScopedModelChoiceFilter(label=_("Campaign"), queryset=Campaign.objects.none(), empty_label=_("Any"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NominationStatus.choices, empty_label=_("Any"))
    city = ScopedRegionFilter(
        label=_("City"), queryset=Region.objects.none(), field_name="organisation__region", empty_label=_("Any")
    )

    class Meta:
        model = Nomination
        form = FilterForm
        fields = ["q", "campaign", "status", "city"]

    def limit_choices(self, actor) -> None:
        if actor is None:
            return
        self.form.fields["campaign"].limit_to(
            lambda: Campaign.objects.filter(campaign_scope(actor)).select_related("award").order_by("-year", "-pk")
        )
        self.form.fields["city"].limit_to(
            lambda: (
                Region.objects.filter(region_scope(actor), level=RegionLevel.CITY).order_by("code")
                if actor.is_superuser or actor.is_official
                else Region.objects.none()
            )
        )

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(talent__name__icontains=value) | Q(nominee_organisation__name__icontains=value))


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
