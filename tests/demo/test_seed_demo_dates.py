"""seed_demo and the tests' date arithmetic on the days naive arithmetic breaks (tests/dates.py):
29 February, 31 December and 1 January in Asia/Shanghai."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.data import TALENT_COUNT
from demo.evaluations import SKILL_ROUND, TITLE_ROUND
from evaluations.models import Round
from talents.models import Talent
from tests.dates import AWKWARD_INSTANTS, SHANGHAI, frozen, years_after, years_before
from tests.demo.test_seed_demo import GREEN_CHANNEL_AWARDS


def test_calendar_years_not_365_days():
    assert years_before(datetime.date(2028, 2, 29), 1) == datetime.date(2027, 2, 28)
    assert years_after(datetime.date(2028, 2, 29), 4) == datetime.date(2032, 2, 29)
    assert years_before(datetime.date(2029, 3, 1), 1) == datetime.date(2028, 3, 1)  # 366 days: a leap day between
    assert years_before(datetime.date(2027, 1, 1), 1) == datetime.date(2026, 1, 1)


@pytest.mark.parametrize("instant", AWKWARD_INSTANTS.values(), ids=AWKWARD_INSTANTS.keys())
def test_the_clock_is_frozen_in_shanghai(instant):
    with frozen(instant):
        assert timezone.localdate() == instant.date()
        assert timezone.now() == instant
        assert datetime.datetime.now(SHANGHAI) == instant
    # On 1 January at 00:30 in Shanghai, UTC is still in the old year: local dates must come from localdate().
    new_year = AWKWARD_INSTANTS["new-year-2027-01-01"]
    assert new_year.astimezone(datetime.UTC).date() == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("instant", AWKWARD_INSTANTS.values(), ids=AWKWARD_INSTANTS.keys())
def test_seed_demo_on_awkward_days(instant, db, settings):
    settings.DEBUG = True
    with frozen(instant):
        call_command("seed_demo", stdout=io.StringIO())
        today = timezone.localdate()
        assert today == instant.date()
        assert Talent.objects.count() == TALENT_COUNT
        # The demo's rounds are open on the day it is seeded, whatever the day.
        for round_ in Round.objects.filter(title__in=[SKILL_ROUND, TITLE_ROUND]):
            assert round_.opens_on <= today <= round_.closes_on, round_.title
        # Dated from the local day (on 1 January at 00:30 UTC's date is still 31 December).
        assert Round.objects.get(title=SKILL_ROUND).opens_on == today - datetime.timedelta(days=10)
        # R2 / R1b cases: technicians who have held the level for more than a calendar year.
        year_ago = years_before(today, 1)
        technicians = Talent.objects.filter(
            frontline=True, credentials__skill_level__code="technician", credentials__obtained_on__lt=year_ago
        ).exclude(honours__award__code__in=GREEN_CHANNEL_AWARDS)
        assert technicians.distinct().count() >= 20
        out = io.StringIO()
        call_command("seed_demo", stdout=out)  # a second run on the same day creates nothing
        assert "talents            0 /   300" in out.getvalue()
