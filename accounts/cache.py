"""The versioned response cache (docs/scale.md, "Cached lists"): a list's rendered rows or an API
list's data, keyed by the reader's scope, the request (path and normalised query) and the language,
and by the version numbers of the areas it shows. Services bump an area's version on every write, so
the next request builds a fresh entry; nothing is ever deleted by hand and stale entries expire.

- ``scope_version_bump(*areas)``: in a service, after its write. Bumps at once (a read later in the same
  transaction misses) and again after the commit (a reader that built an entry from the old rows between
  the first bump and the commit stored it under a version nobody asks for any more).
- ``scope_versions(areas)``: the current numbers, one ``get_many``.
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
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

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

T = TypeVar("T")


def _version_key(area: str) -> str:
    return f"{VERSION_PREFIX}{area}"


def _increment(area: str) -> None:
    key = _version_key(area)
    if cache.add(key, time.time_ns(), timeout=None):
        return
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, time.time_ns(), timeout=None)


def scope_version_bump(*areas: str) -> None:
    """Invalidate every cached entry that shows one of ``areas`` (now and again after the commit)."""

    def increment_all() -> None:
        for area in areas:
            _increment(area)

    increment_all()
    transaction.on_commit(increment_all)


def scope_versions(areas: Iterable[str]) -> tuple[int, ...]:
    areas = sorted(set(areas))
    found = cache.get_many([_version_key(area) for area in areas])
    missing = [area for area in areas if _version_key(area) not in found]
    for area in missing:
        cache.add(_version_key(area), time.time_ns(), timeout=None)
    if missing:
        found = cache.get_many([_version_key(area) for area in areas])
    return tuple(found.get(_version_key(area), 0) for area in areas)


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
        repr(scope_versions(areas)),
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
    """A service decorator: after the service returns (its write done), bump ``areas``'s versions."""

    def decorate(service: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            result = service(*args, **kwargs)
            scope_version_bump(*areas)
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
