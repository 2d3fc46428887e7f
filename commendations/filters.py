"""One filter definition per list of the commendations app (docs/architecture.md, "list filters")."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilterSet, ScopedModelChoiceFilter
from accounts.forms import BootstrapFormMixin
from commendations.models import Campaign, Nomination
from commendations.selectors import campaign_list


class FilterForm(BootstrapFormMixin, forms.Form):
    """A list page's filter form, styled like every other form."""


def filter_review_decision(queryset, name, value):
    if value == "pending":
        return queryset.filter(review_passed__isnull=True)
    return queryset.filter(review_passed=(value == "passed"))


class ExpertReviewFilter(ListFilterSet):
    """The expert review queue (docs/commendations.md#expert-review): its page and its API."""

    campaign = ScopedModelChoiceFilter(label=_("Campaign"), queryset=Campaign.objects.none(), empty_label=_("All"))
    decision = django_filters.ChoiceFilter(
        label=_("Committee decision"),
        choices=[("pending", _("Not yet recorded")), ("passed", _("Passed"))],
        method=filter_review_decision,
        empty_label=_("All"),
    )

    class Meta:
        model = Nomination
        form = FilterForm
        fields = ["campaign", "decision"]

    def limit_choices(self, actor) -> None:
        if actor is not None:
            self.form.fields["campaign"].limit_to(
                lambda: campaign_list(actor=actor).select_related(None).select_related("award").order_by("-year", "-pk")
            )
