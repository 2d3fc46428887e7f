"""Working days for publicity periods: Monday–Friday, corrected by the State Council's yearly
holiday arrangement (holidays off, adjusted weekend working days 调休 on), kept as CalendarDay rows."""

import datetime
from collections.abc import Mapping

# Generous enough for a 5-working-day notice across the Spring Festival or National Day weeks.
_LOOKAHEAD_DAYS_PER_WORKING_DAY = 3
_LOOKAHEAD_SLACK_DAYS = 21


def is_working_day(day: datetime.date, exceptions: Mapping[datetime.date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: datetime.date, n: int, exceptions: Mapping[datetime.date, bool]) -> datetime.date:
    """The n-th working day after ``start`` (``start`` itself for n = 0). Pure: no database access."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    counted = 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day, exceptions):
            counted += 1
    return day


def lookahead_end(start: datetime.date, n: int) -> datetime.date:
    """The last day whose calendar exceptions can matter for ``add_working_days(start, n)``."""
    return start + datetime.timedelta(days=n * _LOOKAHEAD_DAYS_PER_WORKING_DAY + _LOOKAHEAD_SLACK_DAYS)
