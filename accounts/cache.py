"""The versioned response cache (docs/scale.md, "Cached lists"): a list's rendered rows or an API
list's data, keyed by the reader's scope, the request (path and normalised query) and the language,
and by the version numbers of the areas it shows. Services bump an area's version on every write, so
the next request builds a fresh entry; nothing is ever deleted by hand and stale entries expire.

Versions are kept per province: a reader bound to one province (a clerk, a city or provincial official)
keys on that province's version and the area's "everywhere" epoch; a reader of the whole country (a
national official, an administrator, an expert, anyone else) keys on the area's "national" version. A
write in a province bumps that province's version and the national one, so another province's cached
lists and dashboards survive it; a write whose province is unknown bumps the epoch and the national one.

- ``scope_version_bump(*areas, provinces=None)``: in a service, after its write. Bumps at once (a read
  later in the same transaction misses) and again after the commit (a reader that built an entry from the
  old rows between the first bump and the commit stored it under a version nobody asks for any more).
- ``scope_versions(areas, province=None)``: the current numbers a reader keys on, one ``get_many``.
- ``cached(request, key_parts, areas, build)``: ``build()``'s value, cached for ``ENTRY_TTL`` seconds.

A version that is missing (never bumped, or evicted by Redis) starts at the clock's nanoseconds, never
at a number an older entry could carry. Areas are stable names, one per app that writes what lists show.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from accounts.models import Organisation, Region, RegionLevel, Role
from accounts.pagination import FastPage, fast_page

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

TALENTS = "talents"  # talents, credentials, honours (talents.services)
DOSSIERS = "dossiers"  # dossiers, evidence, attachments, reviews, rounds (evaluations.services)
PROGRAMS = "programs"  # plans, activities, enrolments, platforms (programs.services)
NOTICES = "notices"  # public notices and their objections (notices.services)
NOMINATIONS = "nominations"  # nomination steps, review scores and votes (commendations)

ENTRY_TTL = 300  # a backstop: every write already changes the key
VERSION_PREFIX = "scopever:"
ENTRY_PREFIX = "scopecache:"
EVERYWHERE = "all"  # an area's epoch: bumped by a write whose province is unknown; every province reads it
NATIONAL = "national"  # bumped by every write: what readers of the whole country key on

T = TypeVar("T")

# Region id → its province's id (None: national level). Regions are GB/T 2260 reference data that never
# move between provinces, so a process keeps what it has looked up.
_PROVINCE_OF_REGION: dict[int, int | None] = {}


def region_province(region_id: int | None) -> int | None:
    """The province a region belongs to (itself for a province; None for the national level)."""
    if region_id is None:
        return None
    if region_id not in _PROVINCE_OF_REGION:
        row = Region.objects.filter(pk=region_id).values_list("level", "parent_id").first()
        if row is None:
            return None
        level, parent_id = row
        province = region_id if level == RegionLevel.PROVINCE else parent_id if level == RegionLevel.CITY else None
        _PROVINCE_OF_REGION[region_id] = province
    return _PROVINCE_OF_REGION[region_id]


def scope_province(actor: Any) -> int | None:
    """The one province whose rows make up everything ``actor`` sees (docs/roles.md: a clerk's organisation,
    a city's or a province's region, and the rounds of that province), or None for a reader of the whole
    country, an expert (committees anywhere) or anyone without such a scope."""
    if actor is None or not actor.is_authenticated or actor.sees_everything:
        return None
    if actor.role == Role.ENTERPRISE_CLERK:
        return region_province(actor.organisation.region_id) if actor.organisation_id else None
    if actor.role in (Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL):
        return region_province(actor.region_id)
    return None


def _version_key(area: str, part: str | int) -> str:
    return f"{VERSION_PREFIX}{area}:{part}"


def _increment(key: str) -> None:
    if cache.add(key, time.time_ns(), timeout=None):
        return
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, time.time_ns(), timeout=None)


def scope_version_bump(*areas: str, provinces: Iterable[int | None] | None = None) -> None:
    """Invalidate the cached entries that show one of ``areas`` (now and again after the commit): those of
    readers in ``provinces`` (ids; None stands for rows of no province) and of the whole country, or
    everybody's when ``provinces`` is None (unknown)."""
    if provinces is None:
        parts: list[str | int] = [EVERYWHERE, NATIONAL]
    else:
        parts = [NATIONAL, *sorted({province for province in provinces if province is not None})]
    keys = [_version_key(area, part) for area in areas for part in parts]

    def increment_all() -> None:
        for key in keys:
            _increment(key)

    increment_all()
    transaction.on_commit(increment_all)


def scope_versions(areas: Iterable[str], province: int | None = None) -> tuple[int, ...]:
    """The versions a reader of ``province`` (None: the whole country) keys on for ``areas``."""
    parts: list[str | int] = [NATIONAL] if province is None else [EVERYWHERE, province]
    keys = [_version_key(area, part) for area in sorted(set(areas)) for part in parts]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, time.time_ns(), timeout=None)
    if missing:
        found = cache.get_many(keys)
    return tuple(found.get(key, 0) for key in keys)


def _organisation_ids(obj: Any) -> set[int]:
    """The organisations a written object belongs to, by the names the apps use (``employer`` of a talent,
    ``organisation`` of a dossier, an activity or a platform; through its ``talent`` or ``dossier``)."""
    ids = set()
    for name in ("employer_id", "organisation_id"):
        if isinstance(getattr(obj, name, None), int):
            ids.add(getattr(obj, name))
    if not ids:
        for name in ("talent", "dossier"):
            if isinstance(getattr(type(obj), name, None), property) or not hasattr(type(obj), name):
                continue
            try:
                related = getattr(obj, name, None)
            except ObjectDoesNotExist:  # deleted with what the service removed
                continue
            if related is not None:
                ids |= _organisation_ids(related)
    return ids


def written_provinces(actor: Any, objects: Iterable[Any], organisations: Iterable[int] = ()) -> set[int | None] | None:
    """The provinces a write touched: the writer's own when bound to one (a scoped write stays in its
    scope), else those of the written objects' (and ``organisations``') organisations; None when neither
    says (unknown)."""
    province = scope_province(actor)
    if province is not None:
        return {province}
    organisations = set(organisations).union(*(_organisation_ids(obj) for obj in objects if obj is not None))
    if not organisations:
        return None
    regions = Organisation.objects.filter(pk__in=organisations).values_list("region_id", flat=True)
    return {region_province(region_id) for region_id in regions}


def scope_key(actor: User) -> str:
    """What decides a scoped list's rows: role, region and organisation (docs/roles.md). Experts see by
    committee membership, so each expert is a scope of their own; so is anyone without a role."""
    if not actor.is_authenticated:
        return "anonymous"
    if actor.role == "expert" or not actor.role:
        return f"user:{actor.pk}"
    return f"{actor.role}:{actor.region_id or ''}:{actor.organisation_id or ''}:{int(actor.is_superuser)}"


def request_key(request: HttpRequest) -> str:
    """Path and query with the parameters sorted (``?a=1&b=2`` and ``?b=2&a=1`` share an entry)."""
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    return f"{request.get_host()}|{request.path}|{query!r}"


def cached(request: HttpRequest, *, name: str, areas: Iterable[str], build: Callable[[], T]) -> T:
    """``build()`` (picklable) for this reader's scope, request and language at the areas' versions.
    ``SCOPE_CACHE_ENABLED = False`` (the test settings; the cache's own tests turn it on) builds every time."""
    if not getattr(settings, "SCOPE_CACHE_ENABLED", True):
        return build()
    parts = [
        name,
        scope_key(request.user),  # type: ignore[arg-type]
        request_key(request),
        translation.get_language() or "",
        repr(scope_versions(areas, scope_province(request.user))),
    ]
    key = ENTRY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    value: Any = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, ENTRY_TTL)
    return value


def cached_page(
    request: HttpRequest,
    *,
    name: str,
    areas: Iterable[str],
    queryset: Any,
    per_page: int,
    rows_template: str,
    rows_name: str,
    prepare: Callable[[list], None] | None = None,
) -> tuple[FastPage, SafeString]:
    """A list page's rows (``rows_template`` rendered with ``rows_name``) and its page, from the cache: on
    a hit the queryset is never evaluated. The rows carry no CSRF token nor anything of the user beyond
    the scope (the page's header, forms and export button are rendered per request around them)."""

    built: list[FastPage] = []

    def build() -> dict:
        page = fast_page(queryset, request, per_page)
        if prepare is not None:
            prepare(page.object_list)
        built.append(page)
        html = render_to_string(rows_template, {rows_name: page.object_list})
        total = page.paginator.count
        return {"html": str(html), "number": page.number, "has_next": page.has_next(), "total": total}

    value = cached(request, name=name, areas=areas, build=build)
    # A hit has no row objects: the page only answers the pagination's questions.
    page = built[0] if built else FastPage([], value["number"], per_page, value["has_next"], value["total"])
    return page, mark_safe(value["html"])  # noqa: S308 - our own template's output, escaped when rendered


def bumps_scope_version(*areas: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A service decorator: after the service returns (its write done), bump ``areas``'s versions in the
    provinces it wrote (``written_provinces``: the ``actor``'s, else those of the objects it was given —
    read before the call too, so a talent moved to another province's employer leaves both — and of what
    it returned)."""

    def decorate(service: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            actor = kwargs.get("actor")
            given = [value for name, value in kwargs.items() if name not in ("actor", "request")]
            before: set[int] = set()
            if scope_province(actor) is None:
                before = set().union(*(_organisation_ids(value) for value in given))
            result = service(*args, **kwargs)
            written = [*given, *(result if isinstance(result, list) else [result])]
            scope_version_bump(*areas, provinces=written_provinces(actor, written, before))
            return result

        return wrapper

    return decorate


def version_bump_hook(*areas: str) -> Callable[..., None]:
    """An after-transition hook (``workflow.register_after_transition``) that bumps ``areas``: every step
    of a workflow changes what the lists and to-do counts of those areas show."""

    def bump(*_args: Any) -> None:
        scope_version_bump(*areas)

    return bump


def cached_fragment(
    request: HttpRequest, *, name: str, areas: Iterable[str], template: str, context: dict
) -> Callable[[], SafeString]:
    """A lazily rendered, cached piece of a page (a list's filter form: its selects' hundreds of options
    cost more than the rows). Templates call it when they print it, so an htmx fragment that does not
    show it never renders it. The piece may depend on the query, the scope and the language only."""

    def render() -> SafeString:
        html = cached(request, name=name, areas=areas, build=lambda: str(render_to_string(template, context)))
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered

    return render
