"""add_working_days: Monday–Friday, corrected by holidays and adjusted weekend working days (调休)."""

import datetime

import pytest

from notices.calendar import add_working_days

D = datetime.date

# The 2025 National Day and Mid-Autumn holiday: 1–8 October off; Sunday 28 September and Saturday
# 11 October are working days.
NATIONAL_DAY_2025 = {
    D(2025, 9, 28): True,
    **{D(2025, 10, day): False for day in range(1, 9)},
    D(2025, 10, 11): True,
}


@pytest.mark.parametrize(
    ("start", "n", "exceptions", "expected"),
    [
        # plain weeks
        (D(2026, 11, 23), 0, {}, D(2026, 11, 23)),  # Monday, nothing to add
        (D(2026, 11, 23), 1, {}, D(2026, 11, 24)),  # Monday → Tuesday
        (D(2026, 11, 23), 5, {}, D(2026, 11, 30)),  # Monday → next Monday
        (D(2026, 11, 27), 1, {}, D(2026, 11, 30)),  # Friday → Monday, the weekend skipped
        (D(2026, 11, 28), 1, {}, D(2026, 11, 30)),  # Saturday → Monday
        (D(2026, 11, 29), 5, {}, D(2026, 12, 4)),  # Sunday → Friday
        # the National Day week
        (D(2025, 9, 26), 1, NATIONAL_DAY_2025, D(2025, 9, 28)),  # Friday → the adjusted Sunday
        (D(2025, 9, 29), 2, NATIONAL_DAY_2025, D(2025, 10, 9)),  # Monday: Tuesday 30th, then 9 October
        (D(2025, 9, 30), 1, NATIONAL_DAY_2025, D(2025, 10, 9)),  # the whole holiday skipped
        (D(2025, 9, 30), 3, NATIONAL_DAY_2025, D(2025, 10, 11)),  # 9th, 10th, the adjusted Saturday
        (D(2025, 9, 30), 5, NATIONAL_DAY_2025, D(2025, 10, 14)),  # …then Monday 13th, Tuesday 14th
        (D(2025, 10, 3), 1, NATIONAL_DAY_2025, D(2025, 10, 9)),  # published during the holiday
        # a one-off holiday on a weekday
        (D(2026, 12, 30), 2, {D(2027, 1, 1): False}, D(2027, 1, 4)),  # Wed → Thu, (Fri off) → Mon
    ],
)
def test_add_working_days(start, n, exceptions, expected):
    assert add_working_days(start, n, exceptions) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 23), -1, {})
