"""The two batch evaluators agree: the set-based SQL path (PostgreSQL) and the Python rules produce
identical outcomes, target levels and per-clause masks over generated populations (hypothesis).

Dates cluster around the boundaries the rules care about (exactly one year, one day short, after
the as-of date, 29 February), so the generated populations hit them often.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import batch_sql
from eligibility.batch import evaluate_range
from eligibility.clauses import BY_CODE
from eligibility.models import EligibilityRunResult
from talents.models import Credential, Honour
from tests.accounts.factories import OrganisationFactory, region
from tests.eligibility.factories import RuleSetFactory, TalentSpec, make_population, make_run, make_talent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL path runs on PostgreSQL")

AS_OF_DATES = (datetime.date(2025, 6, 30), datetime.date(2025, 2, 28))
DATES = st.sampled_from(
    [
        datetime.date(2010, 3, 1),
        datetime.date(2021, 6, 30),
        datetime.date(2022, 6, 30),
        datetime.date(2023, 6, 30),
        datetime.date(2024, 2, 29),
        datetime.date(2024, 3, 1),
        datetime.date(2024, 6, 30),
        datetime.date(2024, 7, 1),
        datetime.date(2025, 2, 28),
        datetime.date(2025, 6, 30),
        datetime.date(2025, 7, 1),
    ]
)
SKILLS = st.sampled_from(
    ["junior_worker", "intermediate_worker", "senior_worker", "technician", "senior_technician",
     "principal_technician", "chief_technician"]
)  # fmt: skip
TITLES = st.sampled_from(["junior", "assistant", "intermediate", "deputy_senior", "senior"])
AWARDS = st.sampled_from(
    ["china_skills_award", "national_technical_expert", "state_council_special_allowance",
     "provincial_special_allowance", "provincial_high_skilled_recognition", "provincial_technical_expert",
     "city_technical_expert"]
)  # fmt: skip

SPECS = st.builds(
    TalentSpec,
    skills=st.lists(st.tuples(SKILLS, DATES), max_size=3).map(tuple),
    titles=st.lists(st.tuples(TITLES, DATES), max_size=2).map(tuple),
    honours=st.lists(st.tuples(AWARDS, DATES), max_size=2, unique=True).map(tuple),
    studios=st.lists(st.tuples(st.sampled_from(["national", "provincial"]), st.none() | DATES), max_size=1).map(tuple),
    graduations=st.lists(st.tuples(st.booleans(), DATES), max_size=1).map(tuple),
    frontline=st.booleans(),
    years_of_work=st.sampled_from([0, 1, 2, 3, 4, 9, 10, 11, 30]),
    education=st.sampled_from(["", "below_secondary", "bachelor", "doctorate"]),
    has_series=st.booleans(),
)
PARAMETERS = st.fixed_dictionaries(
    {
        "r1_frontline_min_years": st.sampled_from([1, 10]),
        "r2_min_years_at_level": st.sampled_from([1, 2]),
        "r4_min_working_years_assistant": st.sampled_from([2, 3]),
        "r4_min_working_years_intermediate": st.just(3),
        "r4_min_working_years_deputy_senior": st.sampled_from([4, 10]),
        "r5_min_years_at_level": st.sampled_from([1, 3]),
    }
)

COLUMNS = (
    "talent_id",
    "region_id",
    "green_channel",
    "green_channel_level",
    "skills_to_titles",
    "skills_to_titles_level",
    "titles_to_skills",
    "titles_to_skills_level",
    "promotion",
    "promotion_level",
    "clauses_evaluated",
    "clauses_passed",
)


def revoke_some(talents, pattern):
    """Revoked credentials and honours count in neither evaluator: revoke some, by a drawn pattern."""
    for model in (Credential, Honour):
        pks = model.objects.filter(talent__in=talents).order_by("pk").values_list("pk", flat=True)
        chosen = [pk for n, pk in enumerate(pks) if pattern[n % len(pattern)]]
        model.objects.filter(pk__in=chosen).update(revoked_at=timezone.now(), revoked_reason="drawn")


def results(run):
    return list(EligibilityRunResult.objects.filter(run=run).order_by("talent_id").values_list(*COLUMNS))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(SPECS, min_size=1, max_size=12),
    parameters=PARAMETERS,
    as_of=st.sampled_from(AS_OF_DATES),
    scope=st.sampled_from([None, "440000", "440100", "320000"]),
    revoked=st.lists(st.booleans(), min_size=1, max_size=16),
)
def test_sql_and_python_evaluators_agree(specs, parameters, as_of, scope, revoked):
    with transaction.atomic():
        employers = [OrganisationFactory(region=region("440100")), OrganisationFactory(region=region("320100"))]
        talents = [make_talent(spec, employer=employers[n % 2]) for n, spec in enumerate(specs)]
        revoke_some(talents, revoked)
        rule_set = RuleSetFactory(**parameters)
        first, last = talents[0].pk, talents[-1].pk
        scope_region = region(scope) if scope else None
        by_sql = make_run(rule_set=rule_set, as_of=as_of, region=scope_region)
        by_python = make_run(rule_set=rule_set, as_of=as_of, region=scope_region)
        written = evaluate_range(run=by_sql, first_talent_id=first, last_talent_id=last, evaluator="sql")
        evaluate_range(run=by_python, first_talent_id=first, last_talent_id=last, evaluator="python")
        sql_rows, python_rows = results(by_sql), results(by_python)
        in_scope = [t for t in talents if scope is None or t.employer.region.code[:2] == scope[:2]]
        if scope == "440100":
            in_scope = [t for t in in_scope if t.employer.region.code == "440100"]
        assert written == len(in_scope) == len(sql_rows)
        for sql_row, python_row in zip(sql_rows, python_rows, strict=True):
            if sql_row != python_row:
                differing = {name: (a, b) for name, a, b in zip(COLUMNS, sql_row, python_row, strict=True) if a != b}
                mask = sql_row[-2] ^ python_row[-2] | sql_row[-1] ^ python_row[-1]
                clauses = [code for code, clause in BY_CODE.items() if mask & clause.mask]
                pytest.fail(f"talent {sql_row[0]}: {differing}, clauses {clauses}")
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_sql_path_is_idempotent_and_scoped(world):
    talents = make_population(world)
    run = make_run(region=region("440000"))
    first, last = talents[0].pk, talents[-1].pk
    assert evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="sql") == 2
    assert evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="sql") == 0
    assert sorted(EligibilityRunResult.objects.filter(run=run).values_list("talent_id", flat=True)) == sorted(
        t.pk for t in talents if t.employer_id == world.org.pk
    )


@pytest.mark.django_db
def test_a_clause_the_sql_path_cannot_express_raises(world, monkeypatch):
    talents = make_population(world)
    monkeypatch.delitem(batch_sql.SQL_CLAUSES, "R2.series")
    run = make_run()
    with pytest.raises(batch_sql.SQLPathUnsupported, match="R2.series"):
        evaluate_range(run=run, first_talent_id=talents[0].pk, last_talent_id=talents[-1].pk, evaluator="sql")
    assert not EligibilityRunResult.objects.filter(run=run).exists()
