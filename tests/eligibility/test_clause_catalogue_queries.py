"""What other apps ask of the clause catalogue without evaluating anything (commendation criteria)."""

import pytest

from eligibility.clauses import CLAUSES
from eligibility.selectors.criteria import clause_codes, clause_statements, unknown_clause_codes
from tests.eligibility.factories import PublishedRuleSetFactory

pytestmark = pytest.mark.django_db


def test_every_clause_code_is_known_and_others_are_not():
    rule_set = PublishedRuleSetFactory()
    assert clause_codes(rule_set) == tuple(clause.code for clause in CLAUSES if clause.criterion)
    # "this track does not lead to that level" and the R10 / missing-registry clauses are no award criteria
    assert not {"R1.target", "R1.skill_recorded", "R10.frontline"} & set(clause_codes(rule_set))
    assert unknown_clause_codes(["R1.frontline", "R0.none", "r1.frontline"], rule_set) == ["R0.none", "r1.frontline"]


def test_a_statement_reads_the_rule_sets_parameters_in_the_language_asked():
    rule_set = PublishedRuleSetFactory(r1_frontline_min_years=12)
    english = clause_statements(["R1.frontline", "R0.none"], rule_set, "en")
    chinese = clause_statements(["R1.frontline"], rule_set, "zh-hans")
    assert [s["code"] for s in english] == ["R1.frontline"]  # an unknown code has no statement
    assert "12" in english[0]["text"] and english[0]["text"] != chinese[0]["text"]
