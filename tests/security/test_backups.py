"""Backups (issue 14): ``manage.py backup`` dumps the database and the private attachments; ``manage.py
restore`` puts both back, here into a fresh scratch database and folder (a restore drill on the small
database the test run migrated: the regions and catalogues its migrations loaded)."""

import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.slow


def _connect(settings_dict, dbname):
    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def _counts(conn) -> dict:
    tables = ("accounts_region", "catalogues_occupation", "django_migrations")
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}  # noqa: S608


@pytest.fixture
def scratch_database(db):
    """An empty database beside the test database, dropped afterwards; yields its URL and name."""
    settings_dict = connection.settings_dict
    name = f"restore_drill_{uuid.uuid4().hex[:8]}"
    with _connect(settings_dict, "postgres") as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"] or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    url = f"postgres://{user}{password}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"
    yield url, name
    with _connect(settings_dict, "postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "private"
    (root / "evidence" / "2026").mkdir(parents=True)
    (root / "evidence" / "2026" / "certificate.pdf").write_bytes(b"%PDF-1.4 evidence")
    (root / "exports").mkdir()
    (root / "exports" / "queue.xlsx").write_bytes(b"PK\x03\x04 workbook")
    return root


def test_backup_and_restore_bring_back_the_database_and_the_attachments(scratch_database, media, tmp_path):
    url, name = scratch_database
    backup = tmp_path / "backup-2026-12-03"
    call_command("backup", str(backup), media_root=str(media))
    assert {p.name for p in backup.iterdir()} == {"database.dump", "private_media.tar.gz", "manifest.json"}

    restored_media = tmp_path / "restored" / "private"
    restored_media.mkdir(parents=True)
    (restored_media / "stale.txt").write_text("not in the backup")
    call_command("restore", str(backup), database_url=url, media_root=str(restored_media), yes=True)

    with _connect(connection.settings_dict, connection.settings_dict["NAME"]) as source:
        expected = _counts(source)
    with _connect(connection.settings_dict, name) as restored:
        assert _counts(restored) == expected
    assert expected["accounts_region"] > 0  # the drill restored real rows
    assert (restored_media / "evidence" / "2026" / "certificate.pdf").read_bytes() == b"%PDF-1.4 evidence"
    assert (restored_media / "exports" / "queue.xlsx").read_bytes() == b"PK\x03\x04 workbook"
    assert not (restored_media / "stale.txt").exists()  # the folder is the backup's, whole


def test_a_damaged_backup_is_refused_and_nothing_is_restored(scratch_database, media, tmp_path):
    url, name = scratch_database
    backup = tmp_path / "backup"
    call_command("backup", str(backup), media_root=str(media))
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    target = tmp_path / "target"
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup), database_url=url, media_root=str(target), yes=True)
    with _connect(connection.settings_dict, name) as restored:
        assert restored.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
    assert not target.exists()


def test_a_restore_asks_for_confirmation_and_a_backup_for_an_empty_folder(media, tmp_path, db):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path))
    (tmp_path / "occupied").mkdir()
    (tmp_path / "occupied" / "file").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "occupied"), media_root=str(media))
