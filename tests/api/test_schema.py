"""OpenAPI: every endpoint documented without a drf-spectacular warning; docs served from local static files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

PATHS = [
    "/api/v1/auth/token/",
    "/api/v1/regions/",
    "/api/v1/regions/{code}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
    "/api/v1/occupations/",
    "/api/v1/occupations/{code}/",
    "/api/v1/skill-levels/",
    "/api/v1/title-levels/",
    "/api/v1/title-series/",
    "/api/v1/awards/",
    "/api/v1/talents/",
    "/api/v1/talents/{id}/",
    "/api/v1/talents/{id}/reveal-id/",
    "/api/v1/credentials/",
    "/api/v1/credentials/{id}/",
    "/api/v1/honours/",
    "/api/v1/honours/{id}/",
]


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning or error into a failure; --validate checks
    # the document against the OpenAPI 3 JSON schema.
    out = tmp_path / "schema.yaml"
    GENERATOR_STATS.reset()
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))
    assert "/api/v1/talents/{id}/reveal-id/" in out.read_text(encoding="utf-8")


def test_schema_lists_every_endpoint(world, client):
    client.force_login(world.clerk)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert set(PATHS) <= set(schema["paths"])
    talents = schema["paths"]["/api/v1/talents/"]
    assert set(talents) == {"get", "post"}
    assert "delete" not in schema["paths"]["/api/v1/talents/{id}/"]
    assert set(schema["paths"]["/api/v1/honours/{id}/"]) == {"get"}
    # The ID number is write-only: in the request, never in a response.
    assert "id_number" in schema["components"]["schemas"]["TalentCreateRequest"]["properties"]
    assert "id_number" not in schema["components"]["schemas"]["Talent"]["properties"]
    # Signing in needs no credentials.
    assert schema["paths"]["/api/v1/auth/token/"]["post"].get("security") in (None, [], [{}])
    assert "security" not in schema or not schema["security"]


def test_schema_and_docs_need_a_signed_in_user(db, client):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 401


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_docs_use_only_local_static_files(language, world, client):
    client.force_login(world.clerk)
    response = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the docs page must not load anything from a CDN"
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"
    # Swagger UI's start-up script is a file of its own (the Content-Security-Policy allows no inline
    # script): it names the schema.
    script = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html)
    assert script, html[:500]
    start_up = client.get(script[1].replace("&amp;", "&")).content.decode()
    assert not re.search(r"https?://", start_up)
    assert '"/api/schema/"' in start_up
