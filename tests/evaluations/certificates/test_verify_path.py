"""The public certificate verification answers with or without the trailing slash.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest

from evaluations.models import DossierStatus

pytestmark = pytest.mark.django_db

S = DossierStatus


def test_certificate_verification_is_reachable_without_the_trailing_slash(db, client):
    response = client.get("/api/v1/certificates/verify", {"number": "X", "code": "Y"})
    assert response.status_code == 404
