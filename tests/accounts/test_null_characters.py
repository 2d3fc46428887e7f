"""A null character in a request is bad input, never a 500 (issue 14): PostgreSQL refuses ``\\x00`` in any
text it stores or compares, so one middleware refuses it with a translated 400 before a view runs."""

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.html import escape

from accounts.middleware import NULL_CHARACTER_REFUSED
from accounts.models import AuditLog
from talents.models import Talent
from tests.programs.factories import plan

pytestmark = pytest.mark.django_db

NUL = "\x00"


def argless_paths(resolver=None, prefix=""):
    """Every page and endpoint whose URL takes no argument, the admin left aside."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("admin/", "api/v1/^")) or "<" in route or "^" in route:
            continue
        if isinstance(pattern, URLResolver):
            yield from argless_paths(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route


def test_every_argless_url_refuses_a_null_character_in_its_query_and_form_body(world):
    client = Client()
    client.force_login(world.provincial_official)
    audit_rows = AuditLog.objects.count()
    paths = sorted(set(argless_paths()))
    assert "/programs/platforms/" in paths and "/api/v1/regions/" in paths  # the walk found the lists
    for path in paths:
        for response in (
            client.get(path, {"q": NUL, "kind": NUL, "region": NUL}),
            client.post(path, {"code": NUL, "name": "x"}),
        ):
            assert response.status_code == 400, (path, response.status_code)
    assert AuditLog.objects.count() == audit_rows  # nothing changed


@pytest.mark.parametrize("catalogue", ["regions", "occupations", "skill-levels", "title-levels", "awards"])
def test_code_lookups_with_a_null_character_answer_400(world, client_for, catalogue):
    response = client_for(world.clerk).get(f"/api/v1/{catalogue}/44%0001/")
    assert response.status_code == 400
    assert response.json()["code"] == "null_character"


@pytest.mark.parametrize(
    ("endpoint", "body"),
    [
        ("/api/v1/targets/", {"region": "4401\u0000", "metric": "x", "value": 1}),
        ("/api/v1/talents/", {"name": "张三", "id_number": "44010619850307001\u0000", "education": "\u0000"}),
        ("/api/v1/credentials/", {"talent": 1, "occupation": "6-18\u0000", "level": "\u0000"}),
        ("/api/v1/honours/", {"talent": 1, "award": "\u0000"}),
        ("/api/v1/eligibility-runs/", {"region": "\u0000"}),
        ("/api/v1/rounds/", {"occupation": "\u0000", "series": "\u0000"}),
        ("/api/v1/activities/", {"occupation": "\u0000", "region": "\u0000"}),
    ],
)
def test_code_fields_of_request_bodies_with_a_null_character_answer_400(world, client_for, endpoint, body):
    client = client_for(world.provincial_official)
    talents = Talent.objects.count()
    response = client.post(endpoint, json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "null_character"
    assert Talent.objects.count() == talents
    # An escaped backslash is ordinary text, not a null character.
    text = json.dumps({"note": "\\u0000"})
    assert client.post(endpoint, text, content_type="application/json").status_code != 500


def test_plan_progress_filters_and_export_refuse_a_null_character_with_a_translated_page(world, client_for):
    pk = plan().pk
    client = client_for(world.provincial_official)
    for url in (
        f"/programs/plans/{pk}/progress/?region=%00",
        f"/programs/plans/{pk}/progress/export/?region=%00",
        f"/api/v1/plans/{pk}/progress/?region=%00",
        "/programs/platforms/?kind=%00",
        "/api/v1/platforms/?kind=%00",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
    page = client.get(f"/programs/plans/{pk}/progress/?region=%00").content.decode()
    with translation.override("zh-hans"):  # the default language of pages
        assert escape(str(NULL_CHARACTER_REFUSED)) in page
