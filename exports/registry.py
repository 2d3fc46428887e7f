"""The list pages that export to xlsx, each described once as data (docs/interfaces.md).

An app registers its lists in ``AppConfig.ready()``; this app never imports them (docs/conventions.md §16). A
list's ``rows`` is the same scoped, filtered selector its page uses, so an export holds exactly what
the requester sees, ID numbers masked as on screen.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    header: Any  # a lazy translation: resolved in the requester's language when the file is written
    value: Callable[[Any], Any]
    # With ``fields`` rows: the row's key whose value alone decides this column's (a choice, a foreign
    # key), so the writer computes it once per distinct key in an export (one language per file).
    key: str = ""


@dataclass(frozen=True)
class ListExport:
    name: str
    title: Any  # lazy: "Review queue"
    page: str  # URL name of the list page (breadcrumb and "back")
    filename: str  # stem: "dossiers" → dossiers-20261123.xlsx
    may_export: Callable[[Any], bool]
    refusal: Any  # lazy message for a role that may not export it
    rows: Callable[[Any, Mapping], Any]  # (actor, filters) → queryset, scoped and filtered like the page
    columns: tuple[Column, ...]
    # The page's filter parameters an export keeps (never the page number).
    parameters: tuple[str, ...] = ()
    # A list of one object's children (an activity's enrolments) names that object's parameter: its
    # button sits on the object's page, and ``page`` is the list of such objects.
    parent_parameter: str = ""
    # The fields a row needs: when given, ``rows`` is read with ``values(*fields)`` (dicts, no model
    # instances — a national export reads a million rows) and each column's ``value`` takes that dict.
    fields: tuple[str, ...] = ()

    def kept_filters(self, data: Mapping) -> dict:
        return {key: data.get(key) for key in self.parameters if data.get(key)}


def filtered_rows(selector, filter_class) -> Callable[[Any, Mapping], Any]:
    """The ``rows`` of a list whose page reads ``selector(actor=…, filters=…)`` through ``filter_class``:
    the export filters exactly as the page does (one filter definition, docs/conventions.md)."""

    def rows(actor, data):
        return selector(actor=actor, filters=filter_class.clean(data, actor=actor))

    return rows


@lru_cache(maxsize=4096)
def _choice_label(choices, value, language: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


def choice_label(choices, value) -> str:
    """The label of ``value`` in a TextChoices class, in the active language: cached, since a national
    export asks the same few labels a million times (``get_FOO_display`` rebuilds its map on each call)."""
    return _choice_label(choices, value, get_language() or "")


@lru_cache(maxsize=64)
def _yes_no(value: bool, language: str) -> str:
    return str(_("Yes") if value else _("No"))


def yes_no(value) -> str:
    return _yes_no(bool(value), get_language() or "")


_LISTS: dict[str, ListExport] = {}


def register_list_export(spec: ListExport) -> None:
    if spec.name in _LISTS and _LISTS[spec.name] is not spec:
        raise ImproperlyConfigured(f"List export {spec.name!r} registered twice")
    _LISTS[spec.name] = spec


def list_export(name: str) -> ListExport | None:
    return _LISTS.get(name)


def list_exports() -> list[ListExport]:
    return sorted(_LISTS.values(), key=lambda spec: spec.name)
