"""Load the catalogues (docs/catalogues.md, docs/codes.md): skill and title levels, title series,
occupations of the national occupational classification (2022) and awards."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

SKILL_LEVELS = [
    ("junior_worker", "五级/初级工", "Level 5 / junior worker"),
    ("intermediate_worker", "四级/中级工", "Level 4 / intermediate worker"),
    ("senior_worker", "三级/高级工", "Level 3 / senior worker"),
    ("technician", "二级/技师", "Level 2 / technician"),
    ("senior_technician", "一级/高级技师", "Level 1 / senior technician"),
    ("principal_technician", "特级技师", "Principal technician"),
    ("chief_technician", "首席技师", "Chief technician"),
]
TITLE_LEVELS = [
    ("junior", "员级", "Junior"),
    ("assistant", "助理级", "Assistant"),
    ("intermediate", "中级", "Intermediate"),
    ("deputy_senior", "副高级", "Deputy senior"),
    ("senior", "正高级", "Senior"),
]


def _read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def load_catalogues(apps, schema_editor):
    for model_name, levels in (("SkillLevel", SKILL_LEVELS), ("TitleLevel", TITLE_LEVELS)):
        model = apps.get_model("catalogues", model_name)
        for rank, (code, name, name_en) in enumerate(levels, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "rank": rank})

    TitleSeries = apps.get_model("catalogues", "TitleSeries")
    series = {}
    for row in _read("title_series.json"):
        series[row["code"]], _ = TitleSeries.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "name_en": row["name_en"], "is_digital": row["is_digital"]},
        )

    Occupation = apps.get_model("catalogues", "Occupation")
    for row in _read("occupations.json"):
        Occupation.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": row["name_en"],
                "is_digital": row["is_digital"],
                "title_series": series.get(row["title_series"]),
            },
        )

    Award = apps.get_model("catalogues", "Award")
    for row in _read("awards.json"):
        Award.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "name_en": row["name_en"], "level": row["level"]}
        )


class Migration(migrations.Migration):
    dependencies = [("catalogues", "0001_initial")]

    operations = [migrations.RunPython(load_catalogues, migrations.RunPython.noop)]
