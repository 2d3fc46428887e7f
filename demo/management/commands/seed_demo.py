"""manage.py seed_demo: a coherent demo in Guangdong, Jiangsu and Zhejiang; safe to run twice."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.data import DEMO_PASSWORD
from demo.seeding import DemoSeedError, seed_demo

MODELS = (
    "organisations",
    "users",
    "talents",
    "credentials",
    "honours",
    "targets",
    "activities",
    "enrolments",
    "questions",
    "platforms",
    "committees",
    "rounds",
    "dossiers",
    "certificates",
    "campaigns",
    "nominations",
)


class Command(BaseCommand):
    help = (
        "Create demo organisations, users for every role (password demo12345), 300 talents with "
        "credentials and honours, and programs data (regional targets, activities with enrolments and "
        "questions, platforms). Idempotent: a second run creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even though DEBUG is off. The demo creates a superuser with a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            # A superuser whose password is in the README must never reach a production database.
            raise CommandError("DEBUG is off: refusing to create demo accounts. Use --allow-without-debug to insist.")
        started = time.monotonic()
        try:
            report = seed_demo()
        except DemoSeedError as error:
            raise CommandError(str(error)) from error

        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        width = max(len(username) for username, *_rest in report.logins)
        self.stdout.write(f"{'username':<{width}}  {'password':<10}  {'role':<22}  organisation / region")
        for username, role, where, password in report.logins:
            self.stdout.write(f"{username:<{width}}  {password:<10}  {role!s:<22}  {where or '—'}")
        if report.foreign_usernames:
            self.stdout.write(
                self.style.WARNING(
                    "These usernames existed before and were not created by seed_demo; they were left "
                    f"unchanged and keep their own password: {', '.join(report.foreign_usernames)}"
                )
            )

        self.stdout.write(self.style.MIGRATE_HEADING("Demo records (created now / present)"))
        for model in MODELS:
            self.stdout.write(f"{model:<14} {report.created.get(model, 0):>5} / {report.present.get(model, 0):>5}")
        self.stdout.write(self.style.SUCCESS(f"seed_demo finished in {time.monotonic() - started:.1f} s."))
