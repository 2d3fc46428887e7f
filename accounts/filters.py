"""One filter definition per list (docs/architecture.md, "list filters").

A list's filters are a ``ListFilterSet`` in its app's ``filters.py``: the filter names, their fields and
how each narrows a queryset. The page, its xlsx export and its API endpoint all clean the request's values
with that one class and hand the cleaned values to the list's selector, which narrows its scoped queryset
with ``apply``. Selectors never build forms; views never narrow querysets themselves.
"""

from collections.abc import Mapping
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Organisation, OrganisationKind, Region, RegionLevel


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet that knows its actor (to narrow its choices to the actor's scope) and separates
    cleaning from filtering."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, actor=None):
        self.actor = actor if actor is not None else getattr(request, "user", None)
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.limit_choices(self.actor)

    def limit_choices(self, actor) -> None:
        """Narrow model-choice filters to what ``actor`` may see (override; the default narrows nothing)."""

    @property
    def form(self):
        form = super().form
        form.filterset = self  # a page that renders only the form still names its list's FilterSet
        return form

    def cleaned_values(self) -> dict[str, Any]:
        """The valid, non-empty values: an invalid one is left out (the page shows its error and ignores
        it, as before), so an export built later from the same parameters holds the same rows."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in EMPTY_VALUES}

    @classmethod
    def clean(cls, data: Mapping | None, *, actor=None) -> dict[str, Any]:
        return cls(data or {}, actor=actor).cleaned_values()

    @classmethod
    def apply(cls, queryset: QuerySet, values: Mapping[str, Any]) -> QuerySet:
        """Narrow ``queryset`` by already-cleaned ``values`` (what a selector calls)."""
        filterset = cls(queryset=queryset)
        for name, value in values.items():
            if name in filterset.filters and value not in EMPTY_VALUES:
                queryset = filterset.filters[name].filter(queryset, value)
        return queryset

    @classmethod
    def parameter_names(cls) -> tuple[str, ...]:
        return tuple(cls.base_filters)


class CodeOrIdChoiceField(django_filters.fields.ModelChoiceField):
    """A catalogue entry or region named by its stable code (the API's spelling, docs/codes.md) or by its
    id (what a page's select posts): both name the same row, so page, export and API share one filter."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value)
        lookup = Q(code=value) | Q(pk=int(value)) if value.isdigit() and len(value) < 10 else Q(code=value)
        rows = list(self.queryset.filter(lookup)[:2])  # one query; a code wins over an equal id
        match = next((row for row in rows if row.code == value), rows[0] if rows else None)
        if match is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return match


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice (a catalogue entry, a region) taken by its code or its id."""

    field_class = CodeOrIdChoiceField


class _ScopedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """Reads the field's queryset when the choices are rendered, not when the widget is built."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset


class ScopedModelChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice whose queryset depends on the actor and is built on first use (a value to validate,
    choices to render): a request that names no value pays no query for the actor's scope."""

    iterator = _ScopedChoiceIterator
    _queryset_factory = None

    def limit_to(self, factory) -> None:
        self._queryset_factory = factory

    def _get_queryset(self):
        if self._queryset_factory is not None:
            factory, self._queryset_factory = self._queryset_factory, None
            self._set_queryset(factory())
        return self._queryset

    queryset = property(_get_queryset, django_filters.fields.ModelChoiceField._set_queryset)


class ScopedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice narrowed in ``limit_choices`` with ``self.form.fields[name].limit_to(factory)``."""

    field_class = ScopedModelChoiceField


# The API's lists of regions and organisations (regions named by their GB/T 2260 code).


class RegionFilter(ListFilterSet):
    level = django_filters.ChoiceFilter(label=_("level"), choices=RegionLevel.choices)
    parent = django_filters.CharFilter(label=_("parent region"), field_name="parent__code")

    class Meta:
        model = Region
        fields = ["level", "parent"]


class OrganisationFilter(ListFilterSet):
    region = django_filters.CharFilter(
        label=_("region"),
        method="filter_region",
        help_text=_("GB/T 2260 code; a province includes its cities."),
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["region", "kind"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(region__code=value) | Q(region__parent__code=value))
