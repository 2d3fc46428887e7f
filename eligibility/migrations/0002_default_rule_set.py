"""R1(b)'s "long worked in frontline posts" becomes a parameter, and the published default rule set
``skills-title-integration`` v1 is loaded so that checks work out of the box (docs/rules.md)."""

import django.core.validators
from django.db import migrations, models
from django.utils import timezone

DEFAULT_CODE = "skills-title-integration"


def load_default_rule_set(apps, schema_editor):
    RuleSet = apps.get_model("eligibility", "RuleSet")
    if RuleSet.objects.filter(code=DEFAULT_CODE).exists():
        return
    # Every parameter keeps the model's default, i.e. the value docs/rules.md names.
    RuleSet.objects.create(
        code=DEFAULT_CODE,
        version=1,
        title="关于进一步加强高技能人才与专业技术人才职业发展贯通的实施意见",
        status="published",
        notes=(
            "Defaults of docs/rules.md, from docs/policies.md#skills-title-integration-opinions and "
            "docs/policies.md#leading-talents-cultivation-plan."
        ),
        published_at=timezone.now(),
    )


def unload_default_rule_set(apps, schema_editor):
    RuleSet = apps.get_model("eligibility", "RuleSet")
    RuleSet.objects.filter(code=DEFAULT_CODE, version=1, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="ruleset",
            name="r1_frontline_min_years",
            field=models.PositiveSmallIntegerField(
                default=10,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(50),
                ],
                verbose_name="R1(b): working years that count as long service in frontline posts",
            ),
        ),
        migrations.RunPython(load_default_rule_set, unload_default_rule_set),
    ]
