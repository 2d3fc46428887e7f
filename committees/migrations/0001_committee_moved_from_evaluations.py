"""The committees move here from ``evaluations`` without touching the data: the tables keep their names
(``Meta.db_table``), so this migration only adds the models to this app's state; evaluations'
0005 drops them from its own. The content types (and with them the audit trail and permissions)
follow the models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in ("committee", "committeemember"):
        if content_type.objects.filter(app_label="committees", model=model).exists():
            continue
        content_type.objects.filter(app_label="evaluations", model=model).update(app_label="committees")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in ("committee", "committeemember"):
        if content_type.objects.filter(app_label="evaluations", model=model).exists():
            continue
        content_type.objects.filter(app_label="committees", model=model).update(app_label="evaluations")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_regions_and_audit_guard"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The tables were created by evaluations; they must exist before this state refers to them.
        ("evaluations", "0004_certificate_credential_revocation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Committee",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "quorum_numerator",
                            models.PositiveSmallIntegerField(default=2, verbose_name="quorum numerator"),
                        ),
                        (
                            "quorum_denominator",
                            models.PositiveSmallIntegerField(default=3, verbose_name="quorum denominator"),
                        ),
                        (
                            "pass_numerator",
                            models.PositiveSmallIntegerField(default=2, verbose_name="pass threshold numerator"),
                        ),
                        (
                            "pass_denominator",
                            models.PositiveSmallIntegerField(default=3, verbose_name="pass threshold denominator"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="created by",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="accounts.region",
                                verbose_name="region",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "review committee",
                        "verbose_name_plural": "review committees",
                        "ordering": ["name"],
                        "db_table": "evaluations_committee",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("quorum_denominator__gt", 0),
                                    ("quorum_numerator__lte", models.F("quorum_denominator")),
                                    ("pass_denominator__gt", 0),
                                    ("pass_numerator__lte", models.F("pass_denominator")),
                                ),
                                name="committee_fractions_valid",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CommitteeMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("is_chair", models.BooleanField(default=False, verbose_name="chair")),
                        (
                            "committee",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="committees.committee",
                                verbose_name="committee",
                            ),
                        ),
                        (
                            "expert",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memberships",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="expert",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "committee member",
                        "verbose_name_plural": "committee members",
                        "db_table": "evaluations_committeemember",
                        "constraints": [
                            models.UniqueConstraint(fields=("committee", "expert"), name="one_membership_per_expert"),
                        ],
                    },
                ),
                migrations.AddField(
                    model_name="committee",
                    name="members",
                    field=models.ManyToManyField(
                        related_name="committees",
                        through="committees.CommitteeMember",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="members",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
