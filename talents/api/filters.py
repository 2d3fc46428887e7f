"""The registry filters of talents/filters.py as the API takes them: catalogues and regions by code."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Region
from catalogues.models import Award, Occupation, SkillLevel
from talents.filters import CredentialFilter, HonourFilter, TalentFilter

# The visible parts of a masked number (DESIGN.md §1): a longer fragment would let a caller
# confirm the hidden digits one by one.
VISIBLE_PREFIX, VISIBLE_SUFFIX = 6, 4


def search_by_name_or_visible_id_part(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    condition = Q(name__icontains=value)
    if len(value) <= VISIBLE_PREFIX:
        condition |= Q(id_number__startswith=value.upper())
    if len(value) <= VISIBLE_SUFFIX:
        condition |= Q(id_number__endswith=value.upper())
    return queryset.filter(condition)


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A catalogue entry or region named by its code (the schema cannot infer it through a method)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)


class TalentApiFilter(TalentFilter):
    q = django_filters.CharFilter(
        label=_("Search name or ID (first 6 / last 4)"), method=search_by_name_or_visible_id_part
    )
    occupation = CodeChoiceFilter(label=_("Occupation"), queryset=Occupation.objects.all(), field_name="occupation")
    region = CodeChoiceFilter(label=_("Region"), queryset=Region.objects.all(), method="filter_region")
    skill_level = CodeChoiceFilter(
        label=_("Holds skill level"), queryset=SkillLevel.objects.all(), method="filter_skill_level"
    )
    award = CodeChoiceFilter(label=_("Holds award"), queryset=Award.objects.all(), method="filter_award")


class CredentialApiFilter(CredentialFilter):
    skill_level = django_filters.CharFilter(label=_("skill level"), field_name="skill_level__code")
    title_level = django_filters.CharFilter(label=_("title level"), field_name="title_level__code")
    occupation = django_filters.CharFilter(label=_("occupation"), field_name="occupation__code")
    title_series = django_filters.CharFilter(label=_("title series"), field_name="title_series__code")


HonourApiFilter = HonourFilter
