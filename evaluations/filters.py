"""The evaluations lists' filters: one definition each, shared by the page, its xlsx export and the API.

Ids of rows the actor may see are model choices narrowed to the actor's scope (``limit_choices``), so a
missing and an out-of-scope id get the same answer.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilterSet, ScopedModelChoiceFilter
from accounts.forms import BootstrapFormMixin
from accounts.models import Region, RegionLevel
from accounts.scoping import region_scope
from eligibility.models import Outcome, Track
from evaluations.models import Attachment, Certificate, Dossier, DossierStatus, Round, RoundKind, Score, Vote
from evaluations.rules import awaiting_decision_of
from evaluations.selectors.scope import rounds_visible_to
from talents.filters import name_or_visible_id_condition

WINDOW_CHOICES = [("open", _("Open now")), ("upcoming", _("Not open yet")), ("closed", _("Closed"))]
# The statuses of the experts' assessment queue.
QUEUE_STATUSES = (DossierStatus.IN_ASSESSMENT, DossierStatus.IN_COMMITTEE)
YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class FilterForm(BootstrapFormMixin, forms.Form):
    """A list page's filter form, styled like every other form."""


def filter_window(queryset, value: str):
    today = timezone.localdate()
    if value == "open":
        return queryset.filter(opens_on__lte=today, closes_on__gte=today)
    if value == "upcoming":
        return queryset.filter(opens_on__gt=today)
    if value == "closed":
        return queryset.filter(closes_on__lt=today)
    return queryset


def search_talent_by_name_or_visible_id(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return name_or_visible_id_condition(queryset, value, prefix="talent__")


def _by_window(queryset, name, value):
    return filter_window(queryset, value)


class RoundFilter(ListFilterSet):
    """The round list; ``window`` is the API's older spelling of the page's ``state``."""

    q = django_filters.CharFilter(label=_("Search title"), field_name="title", lookup_expr="icontains", max_length=100)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RoundKind.choices, empty_label=_("All"))
    state = django_filters.ChoiceFilter(
        label=_("Window"), choices=WINDOW_CHOICES, method=_by_window, empty_label=_("All")
    )
    window = django_filters.ChoiceFilter(
        label=_("Window"), choices=WINDOW_CHOICES, method=_by_window, empty_label=_("All")
    )
    occupation = django_filters.CharFilter(label=_("Occupation code"), field_name="occupation__code")
    title_series = django_filters.CharFilter(label=_("Title series code"), field_name="title_series__code")
    committee = django_filters.NumberFilter(label=_("Committee"), field_name="committee_id")

    class Meta:
        model = Round
        form = FilterForm
        fields = ["q", "kind", "state", "window", "occupation", "title_series", "committee"]


class DossierFilter(ListFilterSet):
    """The dossiers: the clerk's "my dossiers" page and export, and the API's dossier list."""

    q = django_filters.CharFilter(
        label=_("Search name"), field_name="talent__name", lookup_expr="icontains", max_length=100
    )
    round = ScopedModelChoiceFilter(
        label=_("Round"), queryset=Round.objects.none(), field_name="round", empty_label=_("All")
    )
    talent = django_filters.NumberFilter(label=_("Talent"), field_name="talent_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DossierStatus.choices, empty_label=_("All"))
    track = django_filters.ChoiceFilter(label=_("Track"), choices=Track.choices, empty_label=_("All"))
    eligibility_outcome = django_filters.ChoiceFilter(
        label=_("Eligibility"), choices=Outcome.choices, empty_label=_("All")
    )

    class Meta:
        model = Dossier
        form = FilterForm
        fields = ["q", "round", "talent", "status", "track", "eligibility_outcome"]

    def limit_choices(self, actor) -> None:
        if actor is not None:
            self.form.fields["round"].limit_to(lambda: rounds_visible_to(actor).order_by("-opens_on"))


EXPERT_DUE_SCORE = "score"
EXPERT_DUE_VOTE = "vote"
EXPERT_DUE_CHOICES = [(EXPERT_DUE_SCORE, _("Awaiting my scores")), (EXPERT_DUE_VOTE, _("Awaiting my vote"))]


def expert_due_condition(actor, step: str) -> Q:
    """The dossiers awaiting this expert's scores (in assessment, none of theirs yet) or vote (before the
    committee, not yet cast), their own employer's excepted (they may not judge those)."""
    if step == EXPERT_DUE_SCORE:
        condition = Q(status=DossierStatus.IN_ASSESSMENT) & ~Exists(
            Score.objects.filter(dossier=OuterRef("pk"), expert_id=actor.pk)
        )
    else:
        condition = Q(status=DossierStatus.IN_COMMITTEE) & ~Exists(
            Vote.objects.filter(dossier=OuterRef("pk"), expert_id=actor.pk)
        )
    if actor.organisation_id is not None:
        condition &= ~Q(organisation_id=actor.organisation_id)
    return condition


def filter_expert_due(queryset, actor, value):
    if not value or actor is None:
        return queryset
    return queryset.filter(expert_due_condition(actor, value))


class AssessmentQueueFilter(ListFilterSet):
    """The experts' assessment queue; ``due`` depends on the actor, so the selector applies it."""

    round = ScopedModelChoiceFilter(
        label=_("Round"), queryset=Round.objects.none(), field_name="round", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(status.value, status.label) for status in QUEUE_STATUSES],
        empty_label=_("All"),
    )
    due = django_filters.ChoiceFilter(
        label=_("My part"), choices=EXPERT_DUE_CHOICES, method="filter_due", empty_label=_("All")
    )

    class Meta:
        model = Dossier
        form = FilterForm
        fields = ["round", "status", "due"]

    def filter_due(self, queryset, name, value):
        return filter_expert_due(queryset, self.actor, value)

    def limit_choices(self, actor) -> None:
        if actor is not None:
            self.form.fields["round"].limit_to(lambda: rounds_visible_to(actor).order_by("-opens_on", "-pk"))


class ReviewQueueFilter(ListFilterSet):
    """The officials' review queue: its page, its bulk approval and its export."""

    q = django_filters.CharFilter(
        label=_("Search name or ID (first 6 / last 4)"), method=search_talent_by_name_or_visible_id
    )
    round = ScopedModelChoiceFilter(label=_("Round"), queryset=Round.objects.none(), empty_label=_("Any"))
    track = django_filters.ChoiceFilter(label=_("Track"), choices=Track.choices, empty_label=_("Any"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[choice for choice in DossierStatus.choices if choice[0] != DossierStatus.DRAFT],
        empty_label=_("Any"),
    )
    region = ScopedModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.none(), method="filter_region", empty_label=_("Any")
    )
    eligibility = django_filters.ChoiceFilter(
        label=_("Eligibility"), field_name="eligibility_outcome", choices=Outcome.choices, empty_label=_("Any")
    )
    # With ``region`` a province: its own organisations only, not its cities' (the round overview's cells).
    direct = django_filters.BooleanFilter(
        label=_("Directly under the province"), method="filter_direct", widget=forms.Select(choices=YES_NO)
    )
    # Whose next step it is depends on the actor: the selector applies it (review_queue_filtered).
    awaiting = django_filters.BooleanFilter(
        label=_("Awaiting my decision"), method="filter_awaiting", widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Dossier
        fields = ["q", "round", "track", "status", "region", "eligibility", "direct", "awaiting"]

    def limit_choices(self, actor) -> None:
        if actor is None:
            return
        self.form.fields["round"].limit_to(lambda: rounds_visible_to(actor).order_by("-opens_on", "-pk"))
        self.form.fields["region"].limit_to(
            lambda: (
                Region.objects.filter(region_scope(actor)).exclude(level=RegionLevel.NATIONAL).order_by("code")
                if actor.is_superuser or actor.is_official
                else Region.objects.none()
            )
        )
        for name, form_field in self.form.fields.items():
            css = "form-select form-select-sm" if isinstance(form_field.widget, forms.Select) else "form-control"
            form_field.widget.attrs["class"] = css if name != "q" else "form-control form-control-sm"

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(organisation__region=value) | Q(organisation__region__parent=value))

    def filter_direct(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Q(organisation__region__level=RegionLevel.PROVINCE)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_awaiting(self, queryset, name, value):
        return filter_awaiting(queryset, self.actor, value)


def filter_awaiting(queryset, actor, value):
    """Dossiers whose next review step is (True) or is not (False) the actor's."""
    if value is None or actor is None:
        return queryset
    condition = awaiting_decision_of(actor)
    return queryset.filter(condition) if value else queryset.exclude(condition)


class AttachmentFilter(ListFilterSet):
    """The attachments API (no page lists them)."""

    dossier = django_filters.NumberFilter(label=_("Dossier"), field_name="dossier_id")
    removed = django_filters.BooleanFilter(
        label=_("Removed"), field_name="removed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Attachment
        fields = ["dossier", "removed"]


class CertificateFilter(ListFilterSet):
    """The certificates API (no page lists them)."""

    class Meta:
        model = Certificate
        fields = ["status", "issued_on"]
