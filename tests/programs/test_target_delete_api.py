"""DELETE /api/v1/targets/{id}/ outside the test's own transaction (issue 14): the service locks the row, so
it must open a transaction itself; inside an ordinary test's wrapping transaction the bug could not show."""

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditLog, Role
from programs.models import Metric, RegionalTarget
from programs.services.targets import target_set
from tests.accounts.factories import UserFactory, region
from tests.programs.factories import plan
from tests.transactional import load_reference_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    load_reference_data(plans=True)


def test_a_leaf_target_is_deleted_through_the_api_with_an_audit_row():
    ministry = UserFactory(role=Role.NATIONAL_OFFICIAL, region=region("000000"))
    row = target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=9)
    client = APIClient()
    client.force_authenticate(ministry)
    response = client.delete(f"/api/v1/targets/{row.pk}/?reason=重新分解")
    assert response.status_code == 204
    assert not RegionalTarget.objects.filter(pk=row.pk).exists()
    audit = AuditLog.objects.get(action="target_delete")
    assert audit.comment == "重新分解" and audit.from_state == "9"
