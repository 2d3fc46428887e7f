# ruff: noqa: E501 — one row per line keeps the table readable
"""Issue 16, item 3: questions the contract answers (docs/rules.md#checks, #clauses-and-reasons).

A real level the track does not lead to is an ineligible answer naming the track's levels; a code
that is no level is a 400 with its own code; every reason carries its clause code; an honour or a
credential dated after the check is explained as such; English explanations read naturally.
"""

from dataclasses import dataclass, field

import pytest
import yaml
from django.core.management import call_command

from eligibility.engine import Parameters, evaluate
from eligibility.models import EligibilityCheck
from eligibility.services.checks import stored_reasons
from tests.eligibility.builders import AS_OF, snapshot
from tests.eligibility.factories import TalentSpec, make_talent

PARAMS = Parameters()
ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"
URL = "/api/v1/eligibility/check"
OVERRIDE_URL = "/api/v1/eligibility/overrides"
TECHNICIAN_2020 = [("technician", "2020-05-01")]


@dataclass(frozen=True)
class Case:
    says: str  # the policy sentence (skills-title-integration-opinions) the row illustrates
    given: object
    ask: tuple  # (track, target level)
    expect: str
    clauses: dict = field(default_factory=dict)  # clause code → passed
    en: tuple = ()  # fragments of the English explanations
    zh: tuple = ()  # fragments of the Chinese explanations


CASES = [
    Case("measure 2: green channel → “senior or deputy senior titles” only; intermediate is a real level it does not lead to", snapshot(skills=TECHNICIAN_2020, honours=[("china_skills_award", "2024-01-10")]),
         ("green_channel", "intermediate"), INELIGIBLE, {"R1.target": False}, ("leads only to deputy senior or senior titles, not to intermediate",), ("副高级、正高级",)),
    Case("measure 2: skills → titles leads to assistant, intermediate, deputy senior; senior is not among them", snapshot(skills=[("principal_technician", "2010-01-01")]),
         ("skills_to_titles", "senior"), INELIGIBLE, {"R2.target": False}, ("assistant, intermediate or deputy senior titles",)),
    Case("measure 4: titles → skills leads to senior worker, technician, senior technician; not to a title", snapshot(titles=[("deputy_senior", "2010-01-01")], years_of_work=20),
         ("titles_to_skills", "senior"), INELIGIBLE, {"R4.target": False}, ("skill evaluation at Level 3 / senior worker",)),
    Case("measure 4: “assistant … titles … senior workers”: an assistant title reads with “an”", snapshot(titles=[("assistant", "2022-01-01")], years_of_work=2),
         ("titles_to_skills", "senior_worker"), ELIGIBLE, {"R4.title": True}, ("Holds an assistant title or above",)),
    Case("measure 4: an intermediate title reads with “an”, in lower case", snapshot(years_of_work=9),
         ("titles_to_skills", "technician"), INELIGIBLE, {"R4.title": False}, ("Does not hold an intermediate title or above",)),
    Case("measure 2: technician → intermediate title, named in lower case", snapshot(skills=TECHNICIAN_2020),
         ("skills_to_titles", "intermediate"), ELIGIBLE, {"R2.level": True}, ("which leads to the intermediate title",)),
    Case("measure 2: an honour conferred after the as-of date does not count yet, and the reason says so", snapshot(skills=TECHNICIAN_2020, honours=[("national_technical_expert", "2025-07-01")]),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.honour": False}, ("not counted yet", "2025-07-01"), ("晚于核查日期", "2025-07-01")),
    Case("measure 2: a studio lead from after the as-of date is explained too", snapshot(skills=TECHNICIAN_2020, roles=[("national_master_studio_leader", "2025-09-01")]),
         ("green_channel", "senior"), INELIGIBLE, {"R1.honour": False}, ("leadership of a national skill-master studio (2025-09-01)",)),
    Case("measure 2: a skill level obtained after the as-of date is explained on R2", snapshot(skills=[("senior_worker", "2015-01-01"), ("technician", "2025-08-01")]),
         ("skills_to_titles", "intermediate"), INELIGIBLE, {"R2.level": False}, ("Level 2 / technician (2025-08-01)",)),
    Case("measure 4: a title obtained after the as-of date is explained on R5", snapshot(titles=[("assistant", "2020-01-01"), ("intermediate", "2025-12-01")]),
         ("promotion", "deputy_senior"), INELIGIBLE, {"R5.next_level": False}, ("Intermediate (2025-12-01)",)),
    Case("a later fact is only mentioned where the clause failed", snapshot(skills=TECHNICIAN_2020, honours=[("china_skills_award", "2024-01-10"), ("national_technical_expert", "2025-07-01")]),
         ("green_channel", "deputy_senior"), ELIGIBLE, {"R1.honour": True}),
]  # fmt: skip


# Item 2: measure 2, “high-skilled talents recognized by the people's governments of various provinces … can
# directly apply for the evaluation of senior or deputy senior titles”: the honour attests high skill, so a
# skill level missing from the registry sends the talent to an official, it does not refuse them.
R1A_CASES = [
    Case("provincial-government recognition, no skill level recorded → an official confirms", snapshot(honours=[("provincial_high_skilled_recognition", "2023-05-01")]),
         ("green_channel", "deputy_senior"), REVIEW, {"R1.skill_recorded": False, "R1.honour": True}, ("No skill level is recorded",), ("没有其职业技能等级记录",)),
    Case("“Won the China Skills Award”, only a title recorded → an official confirms", snapshot(titles=[("intermediate", "2015-01-01")], honours=[("china_skills_award", "2024-01-10")]),
         ("green_channel", "senior"), REVIEW, {"R1.skill_recorded": False}),
    Case("“as the leader of the national skill master studio”, no skill level → an official confirms", snapshot(roles=[("national_master_studio_leader", "2022-03-01")]),
         ("green_channel", "deputy_senior"), REVIEW, {"R1.skill_recorded": False, "R1.honour": True}),
    Case("a skill level dated after the check is not recorded yet: review, and the reason says so", snapshot(skills=[("technician", "2025-08-01")], honours=[("provincial_special_allowance", "2020-01-01")]),
         ("green_channel", "deputy_senior"), REVIEW, {"R1.skill_recorded": False}, ("Level 2 / technician (2025-08-01)",)),
    Case("boundary: a recorded level below senior worker is a fact, not a gap → ineligible", snapshot(skills=[("intermediate_worker", "2010-01-01")], honours=[("provincial_high_skilled_recognition", "2023-05-01")]),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.high_skilled": False}),
    Case("no honour and no skill level: nothing attests high skill → ineligible", snapshot(frontline=True, years_of_work=30),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.high_skilled": False, "R1.honour": False}),
    Case("an honour conferred after the check does not attest yet → ineligible", snapshot(honours=[("china_skills_award", "2025-07-01")]),
         ("green_channel", "deputy_senior"), INELIGIBLE, {"R1.high_skilled": False, "R1.honour": False}),
    Case("a recorded senior worker level with the honour stays eligible", snapshot(skills=[("senior_worker", "2025-06-01")], honours=[("provincial_high_skilled_recognition", "2023-05-01")]),
         ("green_channel", "deputy_senior"), ELIGIBLE, {"R1.high_skilled": True, "R1.honour": True}),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES + R1A_CASES, ids=[c.says for c in CASES + R1A_CASES])
def test_questions_the_contract_answers(case):
    determination = evaluate(case.given, *case.ask, PARAMS, AS_OF)
    assert determination.outcome == case.expect
    by_code = {result.code: result.passed for result in determination.clauses}
    for code, passed in case.clauses.items():
        assert by_code.get(code) == passed, by_code
    reasons = stored_reasons(determination, PARAMS)
    english = " ".join(reason["explanation"]["en"] for reason in reasons)
    chinese = " ".join(reason["explanation"]["zh-hans"] for reason in reasons)
    for fragment in case.en:
        assert fragment in english, english
    for fragment in case.zh:
        assert fragment in chinese, chinese
    assert " a Assistant" not in english and " a Intermediate" not in english
    if case.expect == ELIGIBLE:  # a later fact is mentioned only on a failed clause
        assert "not counted yet" not in english and all("later" not in reason for reason in reasons)


def test_every_reason_names_its_clause_code_and_later_facts_are_listed():
    given = snapshot(skills=TECHNICIAN_2020, honours=[("national_technical_expert", "2025-07-01")])
    reasons = stored_reasons(evaluate(given, "green_channel", "deputy_senior", PARAMS, AS_OF), PARAMS)
    assert [reason["clause"] for reason in reasons] == [
        "R1.high_skilled",
        "R1.honour",
        "R1.frontline",
        "R3.green_channel",
    ]
    assert reasons[1]["later"] == [{"code": "national_technical_expert", "date": "2025-07-01"}]


def test_a_code_that_is_no_level_still_raises_in_the_engine():
    with pytest.raises(ValueError):
        evaluate(snapshot(), "green_channel", "grandmaster", PARAMS, AS_OF)


def test_api_a_level_the_track_does_not_lead_to_is_answered(world, client_for):
    talent = make_talent(
        TalentSpec(skills=TECHNICIAN_2020 and (("technician", AS_OF.replace(year=2018)),)), employer=world.org
    )
    body = {"talent": talent.pk, "track": "green_channel", "target_level": "intermediate"}
    response = client_for(world.clerk).post(URL, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    answer = response.json()
    assert answer["outcome"] == INELIGIBLE
    assert [reason["clause"] for reason in answer["reasons"]] == ["R1.target"]
    assert "deputy senior or senior" in answer["reasons"][0]["explanation"]
    assert EligibilityCheck.objects.get().outcome == INELIGIBLE


def test_api_a_code_that_is_no_level_is_a_400_with_its_own_code(world, client_for):
    talent = make_talent(TalentSpec(), employer=world.org)
    body = {"talent": talent.pk, "track": "promotion", "target_level": "grandmaster"}
    response = client_for(world.clerk).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_level"
    assert response.json()["target_level"][0]
    assert not EligibilityCheck.objects.exists()


# Item 1: leading-talents-cultivation-plan, key task 3, “for the front-line workers with superb skills and outstanding
# performance, and for high-skilled talents who solve major process and technical problems, they can be promoted to
# the vocational skill level”: skipping levels is possible, but never automatically (needs_review, evidence listed).
R10_CASES = [
    Case("a frontline technician with a provincial technical-expert honour asks for principal technician (two levels up)", snapshot(skills=TECHNICIAN_2020, frontline=True, honours=[("provincial_technical_expert", "2023-10-01")]),
         ("exceptional_promotion", "principal_technician"), REVIEW, {"R10.frontline": True, "R10.above_current": True, "R10.evidence": True}, ("Evidence: ", "(2023-10-01)"), ("证明：",)),
    Case("one level up is also possible on this track", snapshot(skills=TECHNICIAN_2020, frontline=True, honours=[("national_technical_expert", "2024-01-01")]),
         ("exceptional_promotion", "senior_technician"), REVIEW, {"R10.above_current": True, "R10.evidence": True}),
    Case("a solved major problem is dossier evidence: without a competition honour the official still decides", snapshot(skills=[("senior_worker", "2019-01-01")], frontline=True),
         ("exceptional_promotion", "senior_technician"), REVIEW, {"R10.evidence": False}, ("solved major process or technical problem",)),
    Case("boundary: a city technical expert is below the rule set's provincial level, not listed", snapshot(skills=TECHNICIAN_2020, frontline=True, honours=[("city_technical_expert", "2023-01-01")]),
         ("exceptional_promotion", "senior_technician"), REVIEW, {"R10.evidence": False}),
    Case("an honour after the check date is not evidence yet", snapshot(skills=TECHNICIAN_2020, frontline=True, honours=[("national_technical_expert", "2025-07-01")]),
         ("exceptional_promotion", "senior_technician"), REVIEW, {"R10.evidence": False}),
    Case("“front-line workers”: not in a frontline post → ineligible", snapshot(skills=TECHNICIAN_2020, frontline=False, honours=[("national_technical_expert", "2024-01-01")]),
         ("exceptional_promotion", "principal_technician"), INELIGIBLE, {"R10.frontline": False}, ("exceptional promotion is for frontline workers",)),
    Case("“promoted”: the current level or below is no promotion → ineligible", snapshot(skills=TECHNICIAN_2020, frontline=True),
         ("exceptional_promotion", "technician"), INELIGIBLE, {"R10.above_current": False}),
    Case("“to the vocational skill level”: a title is not a level of this track", snapshot(skills=TECHNICIAN_2020, frontline=True),
         ("exceptional_promotion", "senior"), INELIGIBLE, {"R10.target": False}, ("leads only to a skill level",)),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("case", R10_CASES, ids=[c.says for c in R10_CASES])
def test_exceptional_promotion_is_never_eligible_by_itself(case):
    determination = evaluate(case.given, *case.ask, PARAMS, AS_OF)
    assert determination.outcome == case.expect != ELIGIBLE
    by_code = {result.code: result.passed for result in determination.clauses}
    for code, passed in case.clauses.items():
        assert by_code.get(code) == passed, by_code
    reasons = stored_reasons(determination, PARAMS)
    english = " ".join(reason["explanation"]["en"] for reason in reasons)
    chinese = " ".join(reason["explanation"]["zh-hans"] for reason in reasons)
    assert all(fragment in english for fragment in case.en), english
    assert all(fragment in chinese for fragment in case.zh), chinese


def test_the_rule_set_names_the_competition_level_that_counts():
    given = snapshot(skills=TECHNICIAN_2020, frontline=True, honours=[("city_technical_expert", "2023-01-01")])
    city = Parameters(r10_min_competition_level="city")
    results = {r.code: r for r in evaluate(given, "exceptional_promotion", "senior_technician", city, AS_OF).clauses}
    assert results["R10.evidence"].passed and results["R10.evidence"].evidence[0][0] == "city_technical_expert"


def test_an_official_decides_an_exceptional_promotion_with_a_reason(world, client_for):
    talent = make_talent(
        TalentSpec(skills=(("technician", AS_OF.replace(year=2018)),), frontline=True, years_of_work=12),
        employer=world.org,
    )
    body = {"talent": talent.pk, "track": "exceptional_promotion", "target_level": "principal_technician"}
    answer = client_for(world.clerk).post(URL, body, content_type="application/json").json()
    assert answer["outcome"] == REVIEW
    assert [reason["clause"] for reason in answer["reasons"]] == ["R10.frontline", "R10.above_current", "R10.evidence"]
    decision = {**body, "outcome": "eligible", "reason": "解决了重大工艺难题，材料已核实"}
    response = client_for(world.city_official).post(OVERRIDE_URL, decision, content_type="application/json")
    assert response.status_code == 201 and response.json()["outcome"] == ELIGIBLE


def test_the_openapi_schema_shows_the_clause_code_and_the_new_track(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out))
    schemas = yaml.safe_load(out.read_text(encoding="utf-8"))["components"]["schemas"]
    answer = schemas["EligibilityCheckAnswer"]["properties"]["reasons"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert "clause" in schemas[answer]["properties"] and "clause" in schemas[answer]["required"]
    tracks = {value for schema in schemas.values() for value in schema.get("enum", []) or []}
    assert "exceptional_promotion" in tracks
