"""accounts.pagination: pages without COUNT (next from page_size + 1 rows), the count on demand."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from rest_framework.request import Request

from accounts.models import Region
from accounts.pagination import NoCountPagination, fast_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """Five catalogue regions, renamed R0…R4 in code order."""
    codes = list(Region.objects.order_by("code").values_list("code", flat=True)[:5])
    for index, code in enumerate(codes):
        Region.objects.filter(code=code).update(name=f"R{index}")
    return Region.objects.filter(code__in=codes).order_by("code")


def page_of(rows, **query):
    return fast_page(rows, RequestFactory().get("/list/", query), 2)


def test_first_middle_last_page(rows, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = page_of(rows)
    assert [r.name for r in first] == ["R0", "R1"]
    assert (first.number, first.has_previous(), first.has_next(), first.paginator.num_pages) == (1, False, True, None)
    middle = page_of(rows, page="2")
    assert (middle.previous_page_number(), middle.next_page_number(), middle.has_other_pages()) == (1, 3, True)
    last = page_of(rows, page="3")
    assert [r.name for r in last] == ["R4"] and not last.has_next() and last.has_previous()


def test_bad_page_gives_the_first_and_past_the_end_the_last(rows):
    for number in ("x", "0", "-1", ""):
        page = page_of(rows, page=number)
        assert page.number == 1 and [r.name for r in page] == ["R0", "R1"]
    page = page_of(rows, page="99")
    assert (page.number, [r.name for r in page], page.paginator.num_pages) == (3, ["R4"], 3)


def test_empty_list(rows):
    page = page_of(rows.none())
    assert (list(page), page.has_next(), page.has_previous(), page.has_other_pages()) == ([], False, False, False)


def test_count_on_demand_is_cached(rows, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = page_of(rows, count="1")
    assert (page.paginator.count, page.paginator.num_pages) == (5, 3)
    with django_assert_num_queries(1):
        assert page_of(rows, count="1").paginator.count == 5


def api_page(rows, **query):
    paginator = NoCountPagination()
    paginator.page_size = 2
    request = Request(RequestFactory().get("/api/x/", query))
    data = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response([r.name for r in data]).data


def test_api_pages_have_links_and_no_count(rows):
    first = api_page(rows)
    assert "count" not in first and first["previous"] is None and first["results"] == ["R0", "R1"]
    assert first["next"].endswith("?page=2")
    second = api_page(rows, page="2")
    assert second["previous"].endswith("/api/x/") and second["next"].endswith("page=3")
    last = api_page(rows, page="3")
    assert last["next"] is None and last["results"] == ["R4"]
    assert api_page(rows, count="1")["count"] == 5


def test_api_bad_page_is_404(rows):
    for number in ("x", "0", "4"):
        with pytest.raises(Http404):
            api_page(rows, page=number)
    assert api_page(rows.none())["results"] == []


def test_count_of_a_scope_empty_by_construction_is_zero(rows, django_assert_num_queries):
    # ``pk__in=[]`` (a role that sees nothing) compiles to no SQL at all: the count is 0, never a 500.
    nothing = rows.filter(pk__in=[])
    with django_assert_num_queries(0):
        assert page_of(nothing, count="1").paginator.count == 0
    assert api_page(nothing, count="1") == {"count": 0, "next": None, "previous": None, "results": []}
