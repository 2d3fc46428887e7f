"""The registry lists' filters: one definition each, shared by the page, its xlsx export and the API."""

import django_filters
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains as Contains
from django.db import connections, models
from django.db.models import Func, Q
from django.db.models.functions import Reverse
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _

from accounts.filters import CodeChoiceFilter, ListFilterSet
from accounts.models import Region
from catalogues.models import Award, Occupation, SkillLevel
from talents.forms import style_talent_filter_form
from talents.models import (
    ClaimStatus,
    Credential,
    CredentialKind,
    Education,
    Gender,
    Honour,
    RegistrationClaim,
    Talent,
)

# The visible parts of a masked number (docs/roles.md): a longer fragment would let a caller
# confirm the hidden digits one by one.
VISIBLE_PREFIX, VISIBLE_SUFFIX = 6, 4


def name_grams(value: str) -> list[str]:
    """The query's grams as the index has them (migration talents 0002, tp_name_grams): one character
    alone, its bigrams otherwise — every one of them must be in the name's."""
    value = value.lower()
    if len(value) == 1:
        return [value]
    return sorted({value[i : i + 2] for i in range(len(value) - 1)})


class NameGrams(Func):
    """tp_name_grams(name): the name's lower-cased characters and bigrams, GIN-indexed on PostgreSQL."""

    function = "tp_name_grams"
    output_field = ArrayField(models.TextField())


def name_or_visible_id_condition(queryset, value: str, *, prefix: str = ""):
    """`queryset` narrowed to names containing `value` or ID numbers beginning/ending with it (the visible
    parts). PostgreSQL goes through the indexes (Chinese names have too few characters for trigrams: a
    GIN index over each name's characters and bigrams, a prefix and a reversed-prefix index on the ID
    number); another database gets the plain lookups."""
    name_field, id_field = f"{prefix}name", f"{prefix}id_number"
    condition = Q(**{f"{name_field}__icontains": value})
    upper = value.upper()
    if connections[queryset.db].vendor != "postgresql":
        if len(value) <= VISIBLE_PREFIX:
            condition |= Q(**{f"{id_field}__startswith": upper})
        if len(value) <= VISIBLE_SUFFIX:
            condition |= Q(**{f"{id_field}__endswith": upper})
        return queryset.filter(condition)
    # The grams select candidates through the index, icontains keeps the exact meaning.
    condition = Q(Contains(NameGrams(name_field), name_grams(value))) & condition
    if len(value) <= VISIBLE_PREFIX:
        condition |= Q(**{f"{id_field}__startswith": upper})
    if len(value) <= VISIBLE_SUFFIX:
        condition |= Q(StartsWith(Reverse(id_field), upper[::-1]))
    return queryset.filter(condition)


def search_by_name_or_visible_id(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return name_or_visible_id_condition(queryset, value)


class TalentFilter(ListFilterSet):
    """The registry: the page's selects post ids, the API names catalogue entries and regions by code."""

    q = django_filters.CharFilter(label=_("Search name or ID (first 6 / last 4)"), method=search_by_name_or_visible_id)
    occupation = CodeChoiceFilter(label=_("Occupation"), queryset=Occupation.objects.all(), field_name="occupation")
    digital = django_filters.BooleanFilter(label=_("Digital occupation"), field_name="occupation__is_digital")
    region = CodeChoiceFilter(label=_("Region"), queryset=Region.objects.all(), method="filter_region")
    organisation = django_filters.NumberFilter(label=_("Employer"), field_name="employer_id")
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices, empty_label=_("Any"))
    education = django_filters.ChoiceFilter(label=_("Education"), choices=Education.choices, empty_label=_("Any"))
    frontline = django_filters.BooleanFilter(label=_("Frontline post"))
    skill_level = CodeChoiceFilter(
        label=_("Holds skill level"),
        queryset=SkillLevel.objects.all(),
        to_field_name="code",
        method="filter_skill_level",
    )
    award = CodeChoiceFilter(
        label=_("Holds award"), queryset=Award.objects.all(), to_field_name="code", method="filter_award"
    )

    class Meta:
        model = Talent
        fields = ["q", "occupation", "digital", "region", "organisation", "gender", "education", "frontline"]

    def limit_choices(self, actor) -> None:
        # Active occupations, regions in the actor's scope: a value the page would not offer is refused.
        if actor is not None:
            style_talent_filter_form(self.form, actor=actor)

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(employer__region=value) | Q(employer__region__parent=value))

    def filter_skill_level(self, queryset, name, value):
        return queryset.filter(
            id__in=Credential.objects.active()
            .filter(kind=CredentialKind.SKILL_LEVEL, skill_level=value)
            .values("talent_id")
        )

    def filter_award(self, queryset, name, value):
        return queryset.filter(id__in=Honour.objects.active().filter(award=value).values("talent_id"))


class CredentialFilter(ListFilterSet):
    """The credentials API's filters; catalogue entries by code."""

    # Plain numbers, not model choices: a choice field would tell an out-of-scope id from a missing one.
    talent = django_filters.NumberFilter(field_name="talent_id")
    skill_level = django_filters.CharFilter(label=_("skill level"), field_name="skill_level__code")
    title_level = django_filters.CharFilter(label=_("title level"), field_name="title_level__code")
    occupation = django_filters.CharFilter(label=_("occupation"), field_name="occupation__code")
    title_series = django_filters.CharFilter(label=_("title series"), field_name="title_series__code")

    class Meta:
        model = Credential
        fields = ["talent", "kind", "skill_level", "title_level", "occupation", "title_series"]


class HonourFilter(ListFilterSet):
    """The honours API's filters; the award by code."""

    talent = django_filters.NumberFilter(field_name="talent_id")
    award = django_filters.ModelChoiceFilter(queryset=Award.objects.all(), to_field_name="code")

    class Meta:
        model = Honour
        fields = ["talent", "award", "source"]


class RegistrationClaimFilter(ListFilterSet):
    """The registration-claim queue's filter, for its page and its API."""

    status = django_filters.ChoiceFilter(label=_("status"), choices=ClaimStatus.choices)

    class Meta:
        model = RegistrationClaim
        fields = ["status"]
