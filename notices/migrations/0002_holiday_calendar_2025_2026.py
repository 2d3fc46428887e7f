"""The State Council's holiday arrangements for 2025 and 2026 as CalendarDay rows.

2025: 国办发明电〔2024〕12号. 2026: 国办发明电〔2025〕7号. Holidays are days off; adjusted working
days (调休) are weekend days worked. Later years are entered in the admin.

Checked against a public restatement of the 2026 notice found while writing this: it confirms the
2026 National Day arrangement and adds Sunday 20 September 2026 as an adjusted working day (before
National Day), which is included here. The other dates are as published in the two notices and
could not be re-checked against the original text from this environment.
"""

import datetime

from django.db import migrations

D = datetime.date


def _span(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


# (first day off, last day off, note, adjusted working days)
ARRANGEMENTS = [
    # 2025
    (D(2025, 1, 1), D(2025, 1, 1), "元旦", []),
    (D(2025, 1, 28), D(2025, 2, 4), "春节", [D(2025, 1, 26), D(2025, 2, 8)]),
    (D(2025, 4, 4), D(2025, 4, 6), "清明节", []),
    (D(2025, 5, 1), D(2025, 5, 5), "劳动节", [D(2025, 4, 27)]),
    (D(2025, 5, 31), D(2025, 6, 2), "端午节", []),
    (D(2025, 10, 1), D(2025, 10, 8), "国庆节、中秋节", [D(2025, 9, 28), D(2025, 10, 11)]),
    # 2026
    (D(2026, 1, 1), D(2026, 1, 3), "元旦", [D(2026, 1, 4)]),
    (D(2026, 2, 15), D(2026, 2, 23), "春节", [D(2026, 2, 14), D(2026, 2, 28)]),
    (D(2026, 4, 4), D(2026, 4, 6), "清明节", []),
    (D(2026, 5, 1), D(2026, 5, 5), "劳动节", [D(2026, 5, 9)]),
    (D(2026, 6, 19), D(2026, 6, 21), "端午节", []),
    (D(2026, 9, 25), D(2026, 9, 27), "中秋节", []),
    (D(2026, 10, 1), D(2026, 10, 7), "国庆节", [D(2026, 9, 20), D(2026, 10, 10)]),
]


def rows() -> list[tuple[datetime.date, bool, str]]:
    out = []
    for first, last, note, workdays in ARRANGEMENTS:
        out.extend((day, False, note) for day in _span(first, last))
        out.extend((day, True, f"{note}调休上班") for day in workdays)
    return out


def load(apps, schema_editor):
    CalendarDay = apps.get_model("notices", "CalendarDay")
    for day, is_working_day, note in rows():
        CalendarDay.objects.update_or_create(date=day, defaults={"is_working_day": is_working_day, "note": note})


def unload(apps, schema_editor):
    CalendarDay = apps.get_model("notices", "CalendarDay")
    CalendarDay.objects.filter(date__in=[day for day, _, _ in rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
