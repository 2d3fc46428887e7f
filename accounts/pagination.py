"""Pagination that never COUNTs the whole scope on a normal page (docs/scale.md, issue 12).

Pages: ``fast_page(queryset, request)`` fetches ``per_page + 1`` rows to know whether a next page
exists; the exact total is computed only when the request asks for it (``?count=1``) or the page
number is past the end, and is then cached for a short time per (query, actor). The page object
answers the questions of Django's ``Page`` that ``partials/pagination.html`` asks (``has_previous``,
``has_next``, ``number``…); its ``paginator.num_pages`` is ``None`` while the total is unknown.

API: ``NoCountPagination`` is page-number pagination with ``next``/``previous`` links and no
``count`` unless the client passes ``?count=1``.
"""

from __future__ import annotations

import hashlib
import math

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.http import Http404
from rest_framework import pagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

COUNT_PARAM = "count"
COUNT_TTL = 60


def _page_number(value, *, strict: bool) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        if strict and value not in (None, ""):
            raise Http404 from None
        return 1
    if number < 1:
        if strict:
            raise Http404
        return 1
    return number


def cached_count(queryset, *, actor=None) -> int:
    """The exact count of ``queryset``, cached for ``COUNT_TTL`` seconds per (SQL, actor)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a scope that is empty by construction (e.g. ``pk__in=[]``) has no SQL: 0 rows
        return 0
    key = "fastpage:" + hashlib.sha256(f"{getattr(actor, 'pk', '')}|{sql}|{params!r}".encode()).hexdigest()
    total = cache.get(key)
    if total is None:
        total = queryset.order_by().count()
        cache.set(key, total, COUNT_TTL)
    return total


class _Totals:
    def __init__(self, total: int | None, per_page: int):
        self.count = total
        self.num_pages = None if total is None else max(1, math.ceil(total / per_page))


class FastPage:
    """One page of at most ``per_page`` rows, found with ``per_page + 1`` rows and no COUNT."""

    def __init__(self, rows: list, number: int, per_page: int, has_next: bool, total: int | None):
        self.object_list = rows
        self.number = number
        self.per_page = per_page
        self._has_next = has_next
        self.paginator = _Totals(total, per_page)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def fast_page(queryset, request, per_page: int) -> FastPage:
    """The requested page, like ``Paginator.get_page``: a bad number gives the first page, a number past
    the end the last (found with the one COUNT that case needs)."""
    actor = getattr(request, "user", None)
    number = _page_number(request.GET.get("page"), strict=False)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    total = None
    if not rows and number > 1:
        total = cached_count(queryset, actor=actor)
        number = max(1, math.ceil(total / per_page))
        offset = (number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
    if total is None and request.GET.get(COUNT_PARAM) == "1":
        total = cached_count(queryset, actor=actor)
    return FastPage(rows[:per_page], number, per_page, len(rows) > per_page, total)


class NoCountPagination(pagination.PageNumberPagination):
    """Page-number pagination without COUNT: ``next``/``previous`` from ``page_size + 1`` rows;
    ``count`` only on ``?count=1`` (cached briefly). A page past the end is 404, as before."""

    count_query_param = COUNT_PARAM

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        number = _page_number(request.query_params.get(self.page_query_param), strict=True)
        offset = (number - 1) * page_size
        rows = list(queryset[offset : offset + page_size + 1])
        if not rows and number > 1:
            raise Http404
        self.number = number
        self.has_next = len(rows) > page_size
        self.count = None
        if request.query_params.get(self.count_query_param) == "1":
            self.count = cached_count(queryset, actor=request.user)
        return rows[:page_size]

    def get_next_link(self):
        if not self.has_next or self.request is None:  # the request is set by paginate_queryset
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number <= 1 or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data):
        body = {}
        if self.count is not None:
            body["count"] = self.count
        body.update(next=self.get_next_link(), previous=self.get_previous_link(), results=data)
        return Response(body)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["results"]
        answer["properties"]["count"]["description"] = "Only with ?count=1."
        return answer

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.count_query_param,
                "required": False,
                "in": "query",
                "description": "1: include the exact total as `count`.",
                "schema": {"type": "integer", "enum": [1]},
            },
        ]
