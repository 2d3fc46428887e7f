"""The committees moved from evaluations without data loss (docs/committees.md): same tables, state-only
migrations, content types (and so the audit trail) carried over."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import SeparateDatabaseAndState

from accounts.models import AuditLog
from committees.models import Committee, CommitteeMember
from evaluations.models import Round
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members

MOVE = ("committees", "0001_committee_moved_from_evaluations")
DROP = ("evaluations", "0005_committee_moved_to_committees")


def test_the_tables_keep_their_names():
    assert Committee._meta.db_table == "evaluations_committee"
    assert CommitteeMember._meta.db_table == "evaluations_committeemember"
    assert Round._meta.get_field("committee").related_model is Committee


def test_the_state_before_the_move_named_the_same_tables():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    before = loader.project_state(("evaluations", "0004_certificate_credential_revocation")).apps
    after = loader.project_state().apps
    for old, new in (("committee", "committee"), ("committeemember", "committeemember")):
        assert before.get_model("evaluations", old)._meta.db_table == after.get_model("committees", new)._meta.db_table
    assert ("evaluations", "committee") not in loader.project_state().models


@pytest.mark.parametrize("key", [MOVE, DROP])
def test_the_move_changes_no_table(key):
    migration = MigrationLoader(None, ignore_no_migrations=True).disk_migrations[key]
    separate = [op for op in migration.operations if isinstance(op, SeparateDatabaseAndState)]
    assert separate and all(op.database_operations == [] for op in separate)


@pytest.mark.django_db
def test_rows_written_through_the_old_table_are_the_committees_rows():
    committee = CommitteeFactory()
    add_members(committee, [ExpertFactory()])
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM evaluations_committee WHERE id = %s", [committee.pk])
        assert cursor.fetchone() == (committee.name,)
        cursor.execute("SELECT count(*) FROM evaluations_committeemember WHERE committee_id = %s", [committee.pk])
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_content_types_and_their_audit_rows_follow_the_models():
    migration = importlib.import_module("committees.migrations.0001_committee_moved_from_evaluations")
    committee = CommitteeFactory()
    ContentType.objects.filter(app_label="committees").delete()
    old = ContentType.objects.create(app_label="evaluations", model="committee")
    ContentType.objects.create(app_label="evaluations", model="committeemember")
    ContentType.objects.clear_cache()
    AuditLog.objects.create(
        actor=committee.created_by, content_type=old, object_id=str(committee.pk), object_repr="x", action="x"
    )
    migration.move_content_types(global_apps, None)
    ContentType.objects.clear_cache()
    moved = ContentType.objects.get_for_model(Committee)
    assert moved.pk == old.pk and moved.app_label == "committees"
    assert not ContentType.objects.filter(app_label="evaluations", model__startswith="committee").exists()
    assert AuditLog.objects.for_object(committee).count() == 1
