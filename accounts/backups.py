"""Backups of the portal's state: the PostgreSQL database (``pg_dump`` custom format) and the private
attachments (a tar.gz of PRIVATE_MEDIA_ROOT), with a manifest of checksums that a restore verifies first.
Used by ``manage.py backup`` and ``manage.py restore`` (docs/security.md, "Backups")."""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import environ
from django.conf import settings
from django.db import connections
from django.utils import timezone

DATABASE_FILE = "database.dump"
MEDIA_FILE = "private_media.tar.gz"
MANIFEST_FILE = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (nothing was restored)."""


def _database_settings(database_url: str | None) -> dict[str, Any]:
    # The connection's settings (a test run points them at its test database).
    config = environ.Env.db_url_config(database_url) if database_url else connections["default"].settings_dict
    if "postgresql" not in config["ENGINE"]:
        raise BackupError(f"Only PostgreSQL databases are backed up (this one is {config['ENGINE']}).")
    return config


def _pg_environment(config: dict[str, Any]) -> dict[str, str]:
    """libpq's environment variables: the password never appears on a command line (ps would show it)."""
    env = dict(os.environ)
    values = {
        "PGHOST": config.get("HOST"),
        "PGPORT": config.get("PORT"),
        "PGUSER": config.get("USER"),
        "PGPASSWORD": config.get("PASSWORD"),
        "PGDATABASE": config.get("NAME"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, destination: Path, database_url: str | None = None, media_root: Path | None = None) -> dict:
    """Write the database dump, the attachments archive and the manifest into ``destination`` (created;
    it must be empty). Returns the manifest."""
    config = _database_settings(database_url)
    media = Path(media_root or settings.PRIVATE_MEDIA_ROOT)
    destination.mkdir(parents=True, exist_ok=True)
    if any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: a backup goes into a folder of its own.")
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(destination / DATABASE_FILE)],
        _pg_environment(config),
    )
    with tarfile.open(destination / MEDIA_FILE, "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": config.get("NAME"),
        "files": {name: _sha256(destination / name) for name in (DATABASE_FILE, MEDIA_FILE)},
    }
    (destination / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2))
    return manifest


def backup_verify(source: Path) -> dict:
    """The manifest of the backup in ``source``, after checking that every file is there, unchanged."""
    try:
        manifest = json.loads((source / MANIFEST_FILE).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source}: no readable {MANIFEST_FILE} ({error}).") from error
    for name, checksum in manifest.get("files", {}).items():
        path = source / name
        if not path.exists() or _sha256(path) != checksum:
            raise BackupError(f"{path} is missing or damaged (checksum differs): nothing restored.")
    return manifest


def backup_restore(*, source: Path, database_url: str | None = None, media_root: Path | None = None) -> dict:
    """Replace the database's contents and the attachments with the backup in ``source`` (verified first).
    The database restore runs in one transaction: it succeeds whole or changes nothing."""
    manifest = backup_verify(source)
    config = _database_settings(database_url)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(config["NAME"]),
            str(source / DATABASE_FILE),
        ],
        _pg_environment(config),
    )
    media = Path(media_root or settings.PRIVATE_MEDIA_ROOT)
    staging = media.with_name(media.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        archive.extractall(staging, filter="data")  # "data": no absolute paths, links or devices
    # Swap in the restored folder whole, so a failed extraction leaves the current files in place.
    if media.exists():
        shutil.rmtree(media)
    staging.rename(media)
    return manifest
