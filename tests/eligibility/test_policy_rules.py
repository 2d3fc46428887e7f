# ruff: noqa: E501 — one row per line keeps the table readable
"""R1–R9 against the policy texts, as one table (docs/rules.md; docs/policies.md#skills-title-integration-opinions
and docs/policies.md#leading-talents-cultivation-plan). Pure: no database, no clock.

Each row: the rule, what the policy says, the talent (or the round's inputs), what is asked, and the
expected answer — an outcome for a track, or passed/failed for R7–R9 — plus the clauses that must
have passed (True) or failed (False). Default parameters (docs/rules.md): R1(b) 10 years of work,
R2 1 year at the level, R4 2 / 3 / 4 working years, R5 1 year, R7 pass mark 60.
"""

from dataclasses import dataclass, field

import pytest

from eligibility.engine import Parameters, evaluate, r7_assessment, r8_self_evaluation, r9_leading_talent
from tests.eligibility.builders import AS_OF, OCCUPATION, OTHER_OCCUPATION, snapshot

PARAMS = Parameters()
PLAN, OTHER_PLAN = 1, 2
KEY_OCCUPATIONS = frozenset({OCCUPATION})
THEORY, OPERATION, INTERVIEW = "theory_exam", "skill_operation", "interview_defence"

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"


@dataclass(frozen=True)
class Case:
    rule: str
    says: str  # the policy sentence the row illustrates
    given: object  # a snapshot, or the inputs of R7 / R8
    ask: tuple  # (track, target level) for R1–R6; ("R7", methods, exempt) / ("R8",) / ("R9", plan)
    expect: object  # outcome, or True / False for R7–R9
    clauses: dict = field(default_factory=dict)  # clause code → passed


TECHNICIAN_2020 = [("technician", "2020-05-01")]

CASES = [
    # R1 green channel: (a) honours lead straight to deputy senior / senior; (b) long frontline → review.
    Case("R1", "China Skills Award → may apply directly", snapshot(skills=TECHNICIAN_2020, honours=[("china_skills_award", "2024-01-10")], years_of_work=2),
         ("green_channel", "deputy_senior"), ELIGIBLE, {"R1.honour": True}),
    Case("R1", "leader of a national master studio → senior title, no prerequisite title", snapshot(skills=[("senior_worker", "2025-06-01")], roles=[("national_master_studio_leader", "2023-03-01")]),
         ("green_channel", "senior"), ELIGIBLE, {"R1.honour": True}),
    Case("R1", "provincial special allowance counts (provincial level or above)", snapshot(skills=TECHNICIAN_2020, honours=[("provincial_special_allowance", "2022-01-01")]),
         ("green_channel", "deputy_senior"), ELIGIBLE),
    Case("R1", "a provincial master studio is not in the list", snapshot(skills=TECHNICIAN_2020, roles=[("provincial_master_studio_leader", "2021-01-01")]),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.honour": False, "R1.frontline": False}),
    Case("R1", "an honour conferred after the as-of date does not count yet", snapshot(skills=TECHNICIAN_2020, honours=[("national_technical_expert", "2025-07-01")]),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.honour": False}),
    Case("R1", "high-skilled talents only: intermediate worker with an award", snapshot(skills=[("intermediate_worker", "2010-01-01")], honours=[("china_skills_award", "2020-01-01")], frontline=True, years_of_work=30),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.high_skilled": False}),
    Case("R1", "(b) long in frontline posts: exactly 10 years → special route, an official decides", snapshot(skills=TECHNICIAN_2020, frontline=True, years_of_work=10),
         ("green_channel", "deputy_senior"), REVIEW, {"R1.honour": False, "R1.frontline": True}),
    Case("R1", "(b) 9 years, one below the parameter", snapshot(skills=TECHNICIAN_2020, frontline=True, years_of_work=9),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.frontline": False}),
    Case("R1", "(b) long service, but not in a frontline post", snapshot(skills=TECHNICIAN_2020, frontline=False, years_of_work=25),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.frontline": False}),
    # R2 skills → titles: senior worker → assistant, technician → intermediate, senior technician → deputy senior.
    Case("R2", "technician held for years → intermediate title", snapshot(skills=TECHNICIAN_2020),
         ("skills_to_titles", "intermediate"), ELIGIBLE, {"R2.level": True, "R2.years": True, "R2.series": True}),
    Case("R2", "senior worker obtained exactly one year before → assistant (boundary)", snapshot(skills=[("senior_worker", "2024-06-30")]),
         ("skills_to_titles", "assistant"), ELIGIBLE, {"R2.years": True}),
    Case("R2", "one day short of a year", snapshot(skills=[("senior_worker", "2024-07-01")]),
         ("skills_to_titles", "assistant"), INELIGIBLE, {"R2.level": True, "R2.years": False}),
    Case("R2", "senior worker is the level just below technician → not intermediate", snapshot(skills=[("senior_worker", "2015-01-01")]),
         ("skills_to_titles", "intermediate"), INELIGIBLE, {"R2.level": False}),
    Case("R2", "principal technician is above senior technician → deputy senior", snapshot(skills=[("principal_technician", "2019-01-01")]),
         ("skills_to_titles", "deputy_senior"), ELIGIBLE),
    Case("R2", "no title series corresponds to the occupation", snapshot(skills=TECHNICIAN_2020, series=None),
         ("skills_to_titles", "intermediate"), INELIGIBLE, {"R2.series": False}),
    # R3: education, papers, foreign language, computer certificates are never restrictive conditions.
    Case("R3", "green channel without any degree", snapshot(skills=TECHNICIAN_2020, honours=[("china_skills_award", "2024-01-10")], education="below_secondary"),
         ("green_channel", "senior"), ELIGIBLE, {"R3.green_channel": True}),
    Case("R3", "skills → titles without any degree or diploma", snapshot(skills=TECHNICIAN_2020, education=""),
         ("skills_to_titles", "intermediate"), ELIGIBLE, {"R3.skills_to_titles": True}),
    Case("R3", "a doctorate does not replace the skill level either", snapshot(skills=[("intermediate_worker", "2010-01-01")], education="doctorate", graduations=[(OCCUPATION, "2012-07-01")]),
         ("skills_to_titles", "assistant"), INELIGIBLE, {"R2.level": False, "R3.skills_to_titles": True}),
    # R4 titles → skills: assistant / intermediate / deputy senior → senior worker / technician / senior technician.
    Case("R4", "assistant title, exactly 2 working years → senior worker (boundary)", snapshot(titles=[("assistant", "2022-01-01")], years_of_work=2),
         ("titles_to_skills", "senior_worker"), ELIGIBLE, {"R4.title": True, "R4.years": True}),
    Case("R4", "assistant title, 1 working year", snapshot(titles=[("assistant", "2022-01-01")], years_of_work=1),
         ("titles_to_skills", "senior_worker"), INELIGIBLE, {"R4.years": False}),
    Case("R4", "intermediate title, 3 years → technician", snapshot(titles=[("intermediate", "2021-01-01")], years_of_work=3),
         ("titles_to_skills", "technician"), ELIGIBLE),
    Case("R4", "assistant is the title just below intermediate → not technician", snapshot(titles=[("assistant", "2015-01-01")], years_of_work=20),
         ("titles_to_skills", "technician"), INELIGIBLE, {"R4.title": False}),
    Case("R4", "deputy senior title, 3 years (needs 4) → not senior technician", snapshot(titles=[("deputy_senior", "2015-01-01")], years_of_work=3),
         ("titles_to_skills", "senior_technician"), INELIGIBLE, {"R4.title": True, "R4.years": False}),
    # R5 promotion: one year after obtaining a level, the next level; no skipping.
    Case("R5", "technician obtained exactly one year before → senior technician (boundary)", snapshot(skills=[("technician", "2024-06-30")]),
         ("promotion", "senior_technician"), ELIGIBLE, {"R5.next_level": True, "R5.years": True}),
    Case("R5", "one day short of a year", snapshot(skills=[("technician", "2024-07-01")]),
         ("promotion", "senior_technician"), INELIGIBLE, {"R5.years": False}),
    Case("R5", "skipping a level is refused", snapshot(skills=[("technician", "2015-01-01")]),
         ("promotion", "principal_technician"), INELIGIBLE, {"R5.next_level": False}),
    Case("R5", "titles climb the same way: intermediate → deputy senior", snapshot(titles=[("intermediate", "2020-01-01")]),
         ("promotion", "deputy_senior"), ELIGIBLE),
    Case("R5", "promotion needs a level to start from", snapshot(),
         ("promotion", "junior_worker"), INELIGIBLE, {"R5.next_level": False}),
    Case("R5", "standard track: a first level needs nothing", snapshot(),
         ("standard", "junior_worker"), ELIGIBLE, {"R5.next_level": True}),
    Case("R5", "standard track: no entry above the first level", snapshot(),
         ("standard", "senior_worker"), INELIGIBLE, {"R5.next_level": False}),
    # R6: a related graduation certificate exempts the theory test (reported, never decides).
    Case("R6", "graduate of the occupation's speciality: exempt", snapshot(titles=[("intermediate", "2019-01-01")], years_of_work=8, graduations=[(OCCUPATION, "2010-07-01")]),
         ("titles_to_skills", "technician"), ELIGIBLE, {"R6.theory_exemption": True}),
    Case("R6", "no graduation certificate: the test applies, still eligible", snapshot(titles=[("intermediate", "2019-01-01")], years_of_work=8),
         ("titles_to_skills", "technician"), ELIGIBLE, {"R6.theory_exemption": False}),
    Case("R6", "a certificate in an unrelated speciality does not exempt", snapshot(titles=[("intermediate", "2019-01-01")], years_of_work=8, graduations=[(OTHER_OCCUPATION, "2010-07-01")]),
         ("titles_to_skills", "technician"), ELIGIBLE, {"R6.theory_exemption": False}),
    # R7 assessment: pass mark per method (60 of 100), exempt methods skipped.
    Case("R7", "every method at the pass mark exactly (boundary)", {THEORY: 60, OPERATION: 75},
         ("R7", (THEORY, OPERATION), ()), True),
    Case("R7", "59 in one method fails", {THEORY: 59, OPERATION: 90},
         ("R7", (THEORY, OPERATION), ()), False),
    Case("R7", "an exempt theory test is skipped (R6)", {OPERATION: 80, INTERVIEW: 61},
         ("R7", (THEORY, OPERATION, INTERVIEW), (THEORY,)), True),
    Case("R7", "a missing score fails", {THEORY: 90},
         ("R7", (THEORY, OPERATION), ()), False),
    # R8 self-evaluation: only organisations granted it organise their own rounds.
    Case("R8", "granted by the provincial official", True, ("R8",), True),
    Case("R8", "not granted", False, ("R8",), False),
    Case("R8", "not granted, whatever its size (granting is the official's decision)", False, ("R8",), False),
    # R9 leading talents: completed a plan activity, technician or above, key industry.
    Case("R9", "technician, trained in the plan, key industry → counts", snapshot(skills=TECHNICIAN_2020, training=[(PLAN, "2025-05-01")]),
         ("R9", PLAN), True, {"R9.training": True, "R9.technician": True, "R9.key_industry": True}),
    Case("R9", "senior worker is the level just below technician", snapshot(skills=[("senior_worker", "2015-01-01")], training=[(PLAN, "2025-05-01")]),
         ("R9", PLAN), False, {"R9.technician": False}),
    Case("R9", "training of another plan does not count", snapshot(skills=TECHNICIAN_2020, training=[(OTHER_PLAN, "2025-05-01")]),
         ("R9", PLAN), False, {"R9.training": False}),
    Case("R9", "outside the plan's key industries", snapshot(skills=TECHNICIAN_2020, training=[(PLAN, "2025-05-01")], occupation=OTHER_OCCUPATION),
         ("R9", PLAN), False, {"R9.key_industry": False}),
    Case("R9", "training completed after the as-of date not yet", snapshot(skills=TECHNICIAN_2020, training=[(PLAN, "2025-07-01")]),
         ("R9", PLAN), False, {"R9.training": False}),
]  # fmt: skip


def decide(case: Case):
    """The answer and the clause results for one row."""
    kind = case.ask[0]
    if kind == "R7":
        _, methods, exempt = case.ask
        result = r7_assessment(case.given, methods, exempt, PARAMS)
        return result.passed, [result]
    if kind == "R8":
        result = r8_self_evaluation(case.given)
        return result.passed, [result]
    if kind == "R9":
        return r9_leading_talent(case.given, case.ask[1], KEY_OCCUPATIONS, AS_OF)
    track, level = case.ask
    determination = evaluate(case.given, track, level, PARAMS, AS_OF)
    return determination.outcome, list(determination.clauses)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.says}" for c in CASES])
def test_policy_rule(case):
    answer, results = decide(case)
    assert answer == case.expect
    by_code = {result.code: result.passed for result in results}
    for code, passed in case.clauses.items():
        assert by_code.get(code) == passed, f"{code}: {by_code}"
    assert all(result.rule == case.rule or case.rule == "R3" for result in results if result.code in case.clauses)


def test_every_rule_has_at_least_three_cases():
    counts = {f"R{n}": sum(case.rule == f"R{n}" for case in CASES) for n in range(1, 10)}
    assert all(count >= 3 for count in counts.values()), counts
