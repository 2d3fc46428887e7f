import datetime

import pytest

from accounts.models import AuditLog
from eligibility.models import EligibilityCheck, EligibilityOverride
from tests.eligibility.factories import TalentSpec, make_talent

URL = "/api/v1/eligibility/check"
OVERRIDE_URL = "/api/v1/eligibility/overrides"
QUERIES_PER_CHECK = 12
AWARDED = TalentSpec(
    skills=(("technician", datetime.date(2018, 1, 1)),),
    honours=(("china_skills_award", datetime.date(2023, 9, 1)),),
)
FRONTLINE = TalentSpec(skills=(("technician", datetime.date(2018, 1, 1)),), frontline=True, years_of_work=15)


@pytest.fixture
def api(client_for):
    def post(user, url, body, language="zh-hans"):
        return client_for(user).post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)

    return post


def test_the_answer_has_exactly_the_contract_of_design_10(world, api):
    talent = make_talent(AWARDED, employer=world.org)
    response = api(world.clerk, URL, {"talent": talent.pk, "track": "green_channel", "target_level": "senior"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"outcome", "rule_set", "reasons"}
    assert body["outcome"] == "eligible"
    assert body["rule_set"] == {"code": "skills-title-integration", "version": 1}
    assert all(set(reason) == {"rule", "clause", "passed", "explanation", "source"} for reason in body["reasons"])
    assert [reason["rule"] for reason in body["reasons"]] == ["R1", "R1", "R3"]
    assert [reason["clause"] for reason in body["reasons"]] == ["R1.high_skilled", "R1.honour", "R3.green_channel"]
    assert "中华技能大奖" in body["reasons"][1]["explanation"]
    assert EligibilityCheck.objects.get().checked_by == world.clerk


def test_explanations_follow_the_request_language(world, api):
    talent = make_talent(AWARDED, employer=world.org)
    body = {"talent": talent.pk, "track": "skills_to_titles", "target_level": "intermediate"}
    english = api(world.city_official, URL, body, language="en").json()
    assert english["outcome"] == "eligible"
    assert english["reasons"][0]["explanation"].startswith("Holds skill level")
    chinese = api(world.city_official, URL, body).json()
    assert chinese["reasons"][0]["explanation"].startswith("持有")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"talent": 999999999, "track": "green_channel", "target_level": "senior"}, "talent"),
        ({"track": "green_channel", "target_level": "senior"}, "talent"),
        ({"talent": "own", "track": "express", "target_level": "senior"}, "track"),
        ({"talent": "own", "track": "green_channel", "target_level": "Senior"}, "target_level"),
        ({"talent": "own", "track": "promotion", "target_level": "grandmaster"}, "target_level"),
        ({"talent": "foreign", "track": "green_channel", "target_level": "senior"}, "talent"),
    ],
)
def test_unknown_talent_track_or_level_is_400_with_a_field_message(world, api, body, field):
    talents = {
        "own": make_talent(AWARDED, employer=world.org).pk,
        "foreign": make_talent(AWARDED, employer=world.org_other_province).pk,
    }
    if body.get("talent") in talents:
        body = {**body, "talent": talents[body["talent"]]}
    response = api(world.clerk, URL, body)
    assert response.status_code == 400
    assert field in response.json() and response.json()[field][0]
    assert not EligibilityCheck.objects.exists()


def test_experts_are_refused(world, api):
    talent = make_talent(AWARDED, employer=world.org)
    response = api(world.expert, URL, {"talent": talent.pk, "track": "green_channel", "target_level": "senior"})
    assert response.status_code == 403


def test_an_official_overrides_the_latest_needs_review(world, api):
    talent = make_talent(FRONTLINE, employer=world.org)
    check = {"talent": talent.pk, "track": "green_channel", "target_level": "deputy_senior"}
    assert api(world.clerk, URL, check).json()["outcome"] == "needs_review"
    response = api(world.city_official, OVERRIDE_URL, {**check, "outcome": "eligible", "reason": "一线二十年"})
    assert response.status_code == 201, response.json()
    assert response.json()["outcome"] == "eligible" and response.json()["decided_by"] == "city"
    assert EligibilityOverride.objects.get().check_overridden == EligibilityCheck.objects.get()
    assert AuditLog.objects.filter(action="eligibility_override").count() == 1
    again = api(world.city_official, OVERRIDE_URL, {**check, "outcome": "ineligible", "reason": "改判"})
    assert again.status_code == 409


def test_an_override_without_reason_or_by_a_clerk_is_refused(world, api):
    talent = make_talent(FRONTLINE, employer=world.org)
    check = {"talent": talent.pk, "track": "green_channel", "target_level": "deputy_senior"}
    api(world.clerk, URL, check)
    assert api(world.clerk, OVERRIDE_URL, {**check, "outcome": "eligible", "reason": "x"}).status_code == 403
    response = api(world.city_official, OVERRIDE_URL, {**check, "outcome": "eligible", "reason": ""})
    assert response.status_code == 400 and "reason" in response.json()
    assert not EligibilityOverride.objects.exists()


def test_the_check_takes_a_constant_number_of_queries(world, client_for, django_assert_num_queries):
    """Session, user, talent, rule set, the snapshot's five queries, the insert (and a savepoint pair),
    whether the talent has one credential or ten."""
    one = make_talent(AWARDED, employer=world.org)
    awards = ("china_skills_award", "national_technical_expert")
    ten = make_talent(
        TalentSpec(
            skills=tuple(("technician", datetime.date(2010 + n, 1, 1)) for n in range(10)),
            honours=tuple((code, datetime.date(2020, 1, 1)) for code in awards),
            graduations=((True, datetime.date(2008, 7, 1)),),
        ),
        employer=world.org,
    )
    client = client_for(world.clerk)
    body = {"track": "green_channel", "target_level": "senior"}
    client.post(URL, {**body, "talent": one.pk}, content_type="application/json")  # warms the level names
    for talent in (one, ten):
        with django_assert_num_queries(QUERIES_PER_CHECK):
            response = client.post(URL, {**body, "talent": talent.pk}, content_type="application/json")
        assert response.status_code == 200
