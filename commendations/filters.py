"""The commendations lists' filters: one definition each, shared by the page, its xlsx export and the
API (docs/architecture.md, "list filters"). Each area appends its own class."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.filters import CodeOrIdChoiceField, ListFilterSet, ScopedModelChoiceField, ScopedModelChoiceFilter
from accounts.forms import BootstrapFormMixin
from accounts.models import Region, RegionLevel
from accounts.scoping import region_scope
from commendations.models import Campaign, Nomination, NominationStatus


class FilterForm(BootstrapFormMixin, forms.Form):
    """A list page's filter form, styled like every other form."""


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
        from commendations.selectors import campaign_list

        self.form.fields["campaign"].limit_to(lambda: campaign_list(actor=actor).order_by("-year", "-pk"))
        self.form.fields["city"].limit_to(
            lambda: (
                Region.objects.filter(region_scope(actor), level=RegionLevel.CITY).order_by("code")
                if actor.is_superuser or actor.is_official
                else Region.objects.none()
            )
        )

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(talent__name__icontains=value) | Q(nominee_organisation__name__icontains=value))
