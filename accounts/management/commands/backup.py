"""``manage.py backup DEST``: the database and the private attachments into DEST (docs/security.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the private attachments into an empty folder."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="An empty (or new) folder for this backup.")
        parser.add_argument("--database-url", help="Another database than the portal's (default: DATABASE_URL).")
        parser.add_argument("--media-root", type=Path, help="Another attachments folder (default: PRIVATE_MEDIA_ROOT).")

    def handle(self, *args, **options):
        try:
            manifest = backup_create(
                destination=options["destination"],
                database_url=options["database_url"],
                media_root=options["media_root"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup of {manifest['database']} written to {options['destination']}")
