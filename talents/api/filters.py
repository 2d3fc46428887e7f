"""The registry filters of talents/filters.py as the API takes them: catalogues and regions by code."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Region
from catalogues.models import Award, Occupation, SkillLevel
from talents.filters import CredentialFilter, HonourFilter, TalentFilter


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A catalogue entry or region named by its code (the schema cannot infer it through a method)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)


class TalentApiFilter(TalentFilter):
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
