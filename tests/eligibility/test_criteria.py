"""Award criteria evaluated by the engine (eligibility.selectors.criteria.criteria_result)."""

import datetime

import pytest

from eligibility.criteria import evaluate_criteria
from eligibility.models import Outcome
from eligibility.selectors.criteria import criteria_result
from eligibility.snapshots import TalentSnapshot
from tests.eligibility.factories import TalentSpec, default_rule_set, make_talent

AS_OF = datetime.date(2026, 6, 30)


def snapshot(**kwargs) -> TalentSnapshot:
    base = {
        "talent_id": 1,
        "employer_id": 1,
        "region_id": 1,
        "occupation_id": 1,
        "occupation_title_series_id": None,
        "frontline": True,
        "years_of_work": 12,
        "education": "secondary",
    }
    return TalentSnapshot(**{**base, **kwargs})


def test_no_criteria_is_eligible_and_unknown_codes_are_refused():
    from eligibility.engine import Parameters

    assert evaluate_criteria(snapshot(), Parameters(), [], AS_OF).outcome == Outcome.ELIGIBLE
    with pytest.raises(ValueError):
        evaluate_criteria(snapshot(), Parameters(), ["R99.nothing"], AS_OF)


def test_each_clause_is_judged_on_its_own():
    from eligibility.engine import Parameters

    result = evaluate_criteria(snapshot(), Parameters(), ["R9.technician", "R1.frontline", "R9.training"], AS_OF)
    by_code = {r.code: r.passed for r in result.results}
    assert by_code == {"R9.technician": False, "R1.frontline": True, "R9.training": None}
    assert result.outcome == Outcome.INELIGIBLE  # the not-considered clause does not save it


@pytest.mark.django_db
def test_criteria_result_explains_every_clause(world):
    rule_set = default_rule_set()
    holder = make_talent(TalentSpec(skills=(("technician", datetime.date(2020, 1, 1)),)), employer=world.org)
    novice = make_talent(TalentSpec(), employer=world.org)
    codes = ["R9.technician", "R1.high_skilled"]
    passed = criteria_result(holder, rule_set, codes, as_of=AS_OF, language="en")
    failed = criteria_result(novice, rule_set, codes, as_of=AS_OF, language="zh-hans")
    assert passed.passed and [r["clause"] for r in passed.reasons] == codes
    assert passed.reasons[0]["explanation"] == "Holds skill level technician or above."
    assert not failed.passed
    assert [r["clause"] for r in failed.failed_reasons] == codes
    assert failed.reasons[0]["explanation"] == "未持有技师及以上职业技能等级。"
    assert all(r["source"] for r in failed.reasons)
