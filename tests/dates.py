"""Dates in tests: calendar arithmetic (a year is never 365 days) and a frozen clock.

``years_before(day, 1)`` is "the same day last year" (29 February → 28 February), where
``day.replace(year=day.year - 1)`` raises on 29 February and ``day - timedelta(days=365)`` is a day
off whenever a leap day lies in between.

``frozen(instant)`` stops the clock (``timezone.now()``, ``localdate()``, ``date.today()``, ``time.time()``)
at an aware instant; PostgreSQL's own ``now()`` keeps the real time.
"""

import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import time_machine
from dateutil.relativedelta import relativedelta

SHANGHAI = ZoneInfo("Asia/Shanghai")


def shanghai(year, month, day, hour=12, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# The days on which naive date arithmetic breaks, in the portal's time zone: a leap day; the last
# evening of a year; the first morning of a year, when UTC is still in the old year (00:30 in Shanghai
# is 16:30 UTC the day before).
AWKWARD_INSTANTS = {
    "leap-day-2028-02-29": shanghai(2028, 2, 29),
    "new-year-eve-2026-12-31": shanghai(2026, 12, 31, 23, 30),
    "new-year-2027-01-01": shanghai(2027, 1, 1, 0, 30),
}


def years_before(day: datetime.date, years: int) -> datetime.date:
    return day - relativedelta(years=years)


def years_after(day: datetime.date, years: int) -> datetime.date:
    return day + relativedelta(years=years)


@contextmanager
def frozen(instant: datetime.datetime):
    assert instant.tzinfo is not None, "freeze at an aware instant"
    with time_machine.travel(instant, tick=False):
        yield
