"""``manage.py restore SOURCE --yes``: replace the database and the private attachments with a backup
(docs/security.md). Stop the web and worker containers first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the private attachments from a backup folder (replaces both)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A folder written by manage.py backup.")
        parser.add_argument("--database-url", help="Restore into another database (a restore drill).")
        parser.add_argument("--media-root", type=Path, help="Restore the attachments into another folder.")
        parser.add_argument("--yes", action="store_true", help="Confirm: the current contents are replaced.")

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("A restore replaces the database and the attachments: add --yes to go on.")
        try:
            manifest = backup_restore(
                source=options["source"],
                database_url=options["database_url"],
                media_root=options["media_root"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']} from {options['source']}")
