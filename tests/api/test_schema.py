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


def _property(schema: dict, component: str, name: str) -> dict:
    return schema["components"]["schemas"][component]["properties"][name]


def _allows(schema: dict, field: dict, value) -> bool:
    """Whether a response field's declaration admits the value (null, or "" for a blank choice)."""
    if value is None:
        return field.get("nullable") is True
    refs = [option["$ref"].rsplit("/", 1)[1] for option in field.get("oneOf", []) if "$ref" in option]
    return any(value in schema["components"]["schemas"][ref].get("enum", []) for ref in refs)


# Fields the API answers null or "" for (issue 14: schemathesis found them declared as plain strings
# or as enums without the blank choice).
NULLABLE = [
    ("Credential", "skill_level"),
    ("Credential", "title_level"),
    ("Credential", "occupation"),
    ("Credential", "title_series"),
    ("Occupation", "title_series"),
    ("Region", "parent"),
    ("Round", "occupation"),
    ("Round", "title_series"),
    ("Target", "parent_region"),
    ("Objection", "resolved_by"),
    ("Run", "started_by"),
    ("RunDetail", "started_by"),
]
BLANK = [("Talent", "education"), ("Dossier", "eligibility_outcome"), ("DossierDetail", "eligibility_outcome")]


def test_response_fields_declare_null_and_blank_where_the_api_answers_them(world, client):
    client.force_login(world.clerk)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert [f"{c}.{n}" for c, n in NULLABLE if not _allows(schema, _property(schema, c, n), None)] == []
    assert [f"{c}.{n}" for c, n in BLANK if not _allows(schema, _property(schema, c, n), "")] == []
    # The rule set's version is its integer, in runs as in rounds.
    assert _property(schema, "Run", "rule_set")["properties"]["version"]["type"] == "integer"
    assert _property(schema, "Round", "rule_set")["properties"]["version"]["type"] == "integer"
