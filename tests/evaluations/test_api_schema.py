"""The OpenAPI document lists every evaluations endpoint.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest

from evaluations.models import DossierStatus

pytestmark = pytest.mark.django_db

S = DossierStatus


# The OpenAPI document


EVALUATIONS_PATHS = {
    "/api/v1/rounds/": {"get", "post"},
    "/api/v1/rounds/{id}/": {"get"},
    "/api/v1/committees/": {"get"},
    "/api/v1/dossiers/": {"get", "post"},
    "/api/v1/dossiers/{id}/": {"get", "patch"},
    "/api/v1/dossiers/{id}/submit/": {"post"},
    "/api/v1/dossiers/{id}/withdraw/": {"post"},
    "/api/v1/dossiers/{id}/review/": {"post"},
    "/api/v1/dossiers/{id}/comments/": {"get", "post"},
    "/api/v1/dossiers/{id}/scores/": {"get", "post"},
    "/api/v1/dossiers/{id}/scores/complete/": {"post"},
    "/api/v1/dossiers/{id}/votes/": {"get", "post"},
    "/api/v1/dossiers/{id}/decide/": {"post"},
    "/api/v1/attachments/": {"get", "post"},
    "/api/v1/attachments/{id}/": {"get", "delete"},
    "/api/v1/attachments/{id}/download/": {"get"},
    "/api/v1/certificates/": {"get"},
    "/api/v1/certificates/verify/": {"get"},
    "/api/v1/notices/": {"get"},
    "/api/v1/objections/": {"get", "post"},
}


def test_the_openapi_document_lists_every_evaluations_endpoint(world, client):
    client.force_login(world.clerk)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in EVALUATIONS_PATHS.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    # The public verification needs no credentials and never offers the ID number.
    verify = paths["/api/v1/certificates/verify/"]["get"]
    assert "id_number" not in str(verify)
