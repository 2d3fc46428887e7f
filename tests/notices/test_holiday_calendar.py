"""The seeded State Council holiday arrangements (notices migration 0002) drive notice closing dates."""

import datetime

import pytest

from notices.models import CalendarDay
from notices.services import notice_closing_date

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("opens_on", "working_days", "closes_on"),
    [
        # National Day 2026: 1–7 October off, Saturday 10 October worked → Thu 8, Fri 9, Sat 10, Mon 12, Tue 13
        (D(2026, 9, 30), 5, D(2026, 10, 13)),
        # Sunday 20 September 2026 is worked: Fri 18 → Sun 20, Mon 21, Tue 22, Wed 23, Thu 24
        (D(2026, 9, 18), 5, D(2026, 9, 24)),
        # Spring Festival 2025: Sunday 26 January worked, 28 January – 4 February off
        (D(2025, 1, 24), 5, D(2025, 2, 7)),
        # Spring Festival 2026: 15–23 February off, Saturday 14 February worked
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        # Mid-Autumn 2026 (Fri 25 – Sun 27 September): Thu 24 → Mon 28
        (D(2026, 9, 24), 1, D(2026, 9, 28)),
        # no exception: a plain week in 2026
        (D(2026, 11, 23), 5, D(2026, 11, 30)),
    ],
)
def test_closing_date_follows_the_seeded_holiday_calendar(opens_on, working_days, closes_on):
    assert notice_closing_date(opens_on, working_days) == closes_on


def test_both_years_are_seeded_with_holidays_and_adjusted_working_days():
    days = dict(CalendarDay.objects.values_list("date", "is_working_day"))
    assert days[D(2025, 1, 1)] is False
    assert days[D(2025, 10, 8)] is False
    assert days[D(2025, 9, 28)] is True
    assert days[D(2026, 1, 4)] is True
    assert days[D(2026, 6, 19)] is False
    assert days[D(2026, 5, 9)] is True
    assert CalendarDay.objects.get(date=D(2026, 10, 1)).note == "国庆节"
