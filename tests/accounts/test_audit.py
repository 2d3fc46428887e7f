import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from accounts.models import AuditLog
from accounts.selectors import audit_log_list
from accounts.services import audit_record


def test_audit_record_keeps_who_what_from_to_and_why(world):
    entry = audit_record(
        actor=world.city_official, obj=world.org, action="review", from_state="a", to_state="b", comment="why"
    )
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_username, entry.action) == (world.city_official, "city", "review")
    assert (entry.from_state, entry.to_state, entry.comment) == ("a", "b", "why")
    assert entry.object_id == str(world.org.pk)
    assert entry.at is not None
    assert list(AuditLog.objects.for_object(world.org)) == [entry]


def test_audit_entries_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = audit_record(actor=world.clerk, obj=world.org, action="create")
    entry.comment = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_database_refuses_update_and_delete_of_audit_rows(world):
    entry = audit_record(actor=world.clerk, obj=world.org, action="create")
    for statement in (
        "UPDATE accounts_auditlog SET comment = 'x' WHERE id = %s",
        "DELETE FROM accounts_auditlog WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    assert AuditLog.objects.filter(pk=entry.pk, comment="").exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=entry.pk).update(comment="bulk")


def test_an_anonymous_visitor_sees_no_audit_entry(world):
    audit_record(actor=world.city_official, obj=world.org, action="review")
    assert list(audit_log_list(actor=AnonymousUser())) == []
    assert audit_log_list(actor=world.city_official).count() == 1
