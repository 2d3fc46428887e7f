"""Plans seeded before the policy texts were described in docs/ name a file outside the repository;
point them at their section of docs/policies.md (the same values 0002 now seeds)."""

from django.db import migrations

# The old value is "policy/<file name>.txt"; the new one the document's section of docs/policies.md.
SOURCES = {
    "leading-talents-cultivation-plan-2024-2026": "leading-talents-cultivation-plan",
    "digital-talent-action-plan-2024-2026": "digital-talent-action-plan",
    "talent-services-special-actions": "talent-services-special-actions",
}


def point_at_docs(apps, schema_editor):
    Plan = apps.get_model("programs", "Plan")
    for file_name, section in SOURCES.items():
        Plan.objects.filter(source_file="policy/" + file_name + ".txt").update(
            source_file=f"docs/policies.md#{section}"
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_progress_figures")]
    operations = [migrations.RunPython(point_at_docs, migrations.RunPython.noop)]
