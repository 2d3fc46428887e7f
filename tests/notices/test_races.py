"""Concurrent writes on PostgreSQL: one notice per subject, one resolution per objection."""

import pytest
from django.db import connection

from notices.models import NoticeEntry, ObjectionStatus
from notices.services import NoticeSubject, notice_publish, objection_resolve
from tests.accounts.factories import UserFactory, region
from tests.notices.factories import ObjectionFactory
from tests.talents.factories import TalentFactory
from tests.transactional import load_reference_data, run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture(autouse=True)
def reference_data():
    """Transactional tests flush every table afterwards; load the migrated reference data again."""
    load_reference_data(plans=True)


def test_two_officials_publishing_one_subject_at_once(handlers):
    assert connection.vendor == "postgresql"
    talent = TalentFactory()
    officials = [UserFactory(role="provincial_official", region=region("440000")) for _ in range(2)]
    calls = [
        lambda official=official: notice_publish(
            actor=official,
            title=f"公示{official.pk}",
            body="",
            region=region("440000"),
            source="evaluations",
            subjects=[NoticeSubject(talent, "张*", talent.employer.name, "车工 技师")],
        )
        for official in officials
    ]
    assert sorted(run_concurrently(calls)) == ["ok", "subject_in_open_notice"]
    assert NoticeEntry.objects.count() == 1


def test_two_officials_resolving_one_objection_at_once(handlers):
    objection = ObjectionFactory()
    officials = [UserFactory(role="provincial_official", region=region("440000")) for _ in range(2)]
    calls = [
        lambda official=official, upheld=upheld: objection_resolve(
            actor=official, objection=objection, upheld=upheld, resolution="核查结论"
        )
        for official, upheld in zip(officials, (True, False), strict=True)
    ]
    assert sorted(run_concurrently(calls)) == ["objection_resolved", "ok"]
    objection.refresh_from_db()
    assert objection.status in (ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED)
    assert len(handlers.withdrawn) == (1 if objection.status == ObjectionStatus.UPHELD else 0)
