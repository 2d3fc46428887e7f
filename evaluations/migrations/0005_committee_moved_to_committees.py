"""Committees now live in the ``committees`` app (same tables, see committees' 0001): drop them from
this app's state and point the round's foreign key at the new home. No database change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0004_certificate_credential_revocation"),
        ("committees", "0001_committee_moved_from_evaluations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="round",
                    name="committee",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rounds",
                        to="committees.committee",
                        verbose_name="committee",
                    ),
                ),
                migrations.RemoveField(model_name="committee", name="members"),
                migrations.DeleteModel(name="CommitteeMember"),
                migrations.DeleteModel(name="Committee"),
            ],
        ),
    ]
