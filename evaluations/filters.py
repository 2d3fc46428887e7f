"""Filters of rounds, dossiers and attachments shared by the pages and the API (ids as plain numbers:
a model choice would tell an out-of-scope id from a missing one)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.models import Outcome, Track
from evaluations.models import Attachment, Dossier, DossierStatus, Round, RoundKind

WINDOW_CHOICES = [("open", _("Open now")), ("upcoming", _("Not open yet")), ("closed", _("Closed"))]


def filter_window(queryset, value: str):
    today = timezone.localdate()
    if value == "open":
        return queryset.filter(opens_on__lte=today, closes_on__gte=today)
    if value == "upcoming":
        return queryset.filter(opens_on__gt=today)
    if value == "closed":
        return queryset.filter(closes_on__lt=today)
    return queryset


class RoundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search title"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RoundKind.choices)
    window = django_filters.ChoiceFilter(label=_("Window"), choices=WINDOW_CHOICES, method="filter_window")
    occupation = django_filters.CharFilter(label=_("Occupation code"), field_name="occupation__code")
    title_series = django_filters.CharFilter(label=_("Title series code"), field_name="title_series__code")
    committee = django_filters.NumberFilter(label=_("Committee"), field_name="committee_id")

    class Meta:
        model = Round
        fields = ["q", "kind", "window", "occupation", "title_series", "committee"]

    def filter_window(self, queryset, name, value):
        return filter_window(queryset, value)


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search talent name"), field_name="talent__name", lookup_expr="icontains")
    round = django_filters.NumberFilter(label=_("Round"), field_name="round_id")
    talent = django_filters.NumberFilter(label=_("Talent"), field_name="talent_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DossierStatus.choices)
    track = django_filters.ChoiceFilter(label=_("Track"), choices=Track.choices)
    eligibility_outcome = django_filters.ChoiceFilter(label=_("Eligibility"), choices=Outcome.choices)

    class Meta:
        model = Dossier
        fields = ["q", "round", "talent", "status", "track", "eligibility_outcome"]


class AttachmentFilter(django_filters.FilterSet):
    dossier = django_filters.NumberFilter(label=_("Dossier"), field_name="dossier_id")
    removed = django_filters.BooleanFilter(
        label=_("Removed"), field_name="removed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Attachment
        fields = ["dossier", "removed"]
