import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from eligibility.models import EligibilityCheck, EligibilityOverride, RuleSet, RuleSetStatus
from eligibility.selectors.checks import rule_set_current
from eligibility.services.checks import eligibility_check_talent, eligibility_override, eligibility_override_latest
from eligibility.services.rule_sets import rule_set_new_version, rule_set_publish, rule_set_update_draft
from tests.eligibility.factories import DEFAULT_RULE_SET, TalentSpec, default_rule_set, make_talent

AS_OF = datetime.date(2025, 6, 30)
FRONTLINE_TECHNICIAN = TalentSpec(skills=(("technician", datetime.date(2018, 1, 1)),), frontline=True, years_of_work=15)
AWARDED = TalentSpec(
    skills=(("technician", datetime.date(2018, 1, 1)),),
    honours=(("national_technical_expert", datetime.date(2023, 9, 1)),),
)


@pytest.fixture
def review_check(world):
    talent = make_talent(FRONTLINE_TECHNICIAN, employer=world.org)
    return eligibility_check_talent(
        actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior", as_of=AS_OF
    )


def test_the_migration_publishes_the_default_rule_set(db):
    rule_set = default_rule_set()
    assert rule_set.status == RuleSetStatus.PUBLISHED and rule_set.published_at is not None
    assert rule_set_current().code == DEFAULT_RULE_SET
    assert (rule_set.r1_frontline_min_years, rule_set.r2_min_years_at_level, rule_set.r7_pass_mark) == (10, 1, 60)
    assert (
        rule_set.r4_min_working_years_assistant,
        rule_set.r4_min_working_years_intermediate,
        rule_set.r4_min_working_years_deputy_senior,
    ) == (2, 3, 4)


def test_a_check_stores_the_rule_set_version_and_bilingual_reasons(world):
    talent = make_talent(AWARDED, employer=world.org)
    check = eligibility_check_talent(
        actor=world.clerk, talent=talent, track="green_channel", target_level="senior", as_of=AS_OF
    )
    check.refresh_from_db()
    assert check.outcome == "eligible"
    assert check.rule_set == default_rule_set() and check.as_of == AS_OF and check.checked_by == world.clerk
    honour = next(reason for reason in check.reasons if reason["clause"] == "R1.honour")
    assert honour["rule"] == "R1" and honour["passed"] is True
    assert "正高级" in honour["explanation"]["zh-hans"]
    assert "Senior" in honour["explanation"]["en"]
    title = "《关于进一步加强高技能人才与专业技术人才职业发展贯通的实施意见》"
    assert honour["source"]["zh-hans"].startswith(title + "主要措施（二）")
    assert "Won the China Skills Award" in honour["source"]["en"]


def test_the_as_of_date_defaults_to_today(world):
    talent = make_talent(AWARDED, employer=world.org)
    check = eligibility_check_talent(
        actor=world.city_official, talent=talent, track="promotion", target_level="senior_technician"
    )
    assert check.as_of == timezone.localdate()
    assert check.outcome == "eligible"


@pytest.mark.parametrize(
    ("track", "level", "field", "code"),
    [
        ("fast_lane", "senior", "track", "unknown_track"),
        ("green_channel", "Technician", "target_level", "unknown_level"),
        ("promotion", "x", "target_level", "unknown_level"),
    ],
)
def test_unknown_track_or_level_is_a_field_error(world, track, level, field, code):
    talent = make_talent(AWARDED, employer=world.org)
    with pytest.raises(ApplicationError) as raised:
        eligibility_check_talent(actor=world.clerk, talent=talent, track=track, target_level=level)
    assert raised.value.field == field and raised.value.status == 400 and raised.value.code == code
    assert not EligibilityCheck.objects.exists()


def test_a_real_level_the_track_does_not_lead_to_is_an_ineligible_check(world):
    talent = make_talent(AWARDED, employer=world.org)
    check = eligibility_check_talent(actor=world.clerk, talent=talent, track="green_channel", target_level="technician")
    assert check.outcome == "ineligible"
    assert [reason["clause"] for reason in check.reasons] == ["R1.target"]


def test_experts_do_not_check(world):
    talent = make_talent(AWARDED, employer=world.org)
    with pytest.raises(PermissionDeniedError):
        eligibility_check_talent(actor=world.expert, talent=talent, track="green_channel", target_level="senior")


def test_an_official_overrides_needs_review_with_a_reason(world, review_check):
    assert review_check.outcome == "needs_review"
    override = eligibility_override(
        actor=world.city_official, check=review_check, outcome="eligible", reason="车间一线二十年，解决多项工艺难题"
    )
    review_check.refresh_from_db()
    assert review_check.outcome == "needs_review"  # the system's determination is untouched
    assert override.check_overridden == review_check and override.decided_by == world.city_official
    entry = AuditLog.objects.get(action="eligibility_override")
    assert (entry.from_state, entry.to_state, entry.actor) == ("needs_review", "eligible", world.city_official)
    assert entry.comment == "车间一线二十年，解决多项工艺难题"


@pytest.mark.parametrize(
    ("outcome", "reason", "field"), [("eligible", "   ", "reason"), ("needs_review", "理由", "outcome")]
)
def test_an_override_needs_a_reason_and_a_decision(world, review_check, outcome, reason, field):
    with pytest.raises(ApplicationError) as raised:
        eligibility_override(actor=world.city_official, check=review_check, outcome=outcome, reason=reason)
    assert raised.value.field == field
    assert not EligibilityOverride.objects.exists() and not AuditLog.objects.filter(action="eligibility_override")


def test_only_needs_review_is_overridden_and_only_once(world, review_check):
    clerk_check = eligibility_check_talent(
        actor=world.clerk,
        talent=make_talent(AWARDED, employer=world.org),
        track="green_channel",
        target_level="senior",
        as_of=AS_OF,
    )
    with pytest.raises(ApplicationError) as raised:
        eligibility_override(actor=world.city_official, check=clerk_check, outcome="ineligible", reason="不符合")
    assert raised.value.status == 409
    eligibility_override(actor=world.city_official, check=review_check, outcome="ineligible", reason="贡献不足")
    with pytest.raises(ApplicationError) as raised:
        eligibility_override(actor=world.provincial_official, check=review_check, outcome="eligible", reason="复核")
    assert raised.value.code == "already_decided"
    assert EligibilityOverride.objects.count() == 1


def test_clerks_cannot_override(world, review_check):
    with pytest.raises(PermissionDeniedError):
        eligibility_override(actor=world.clerk, check=review_check, outcome="eligible", reason="理由")


def test_a_new_check_is_a_new_record_and_the_override_stays(world, review_check):
    eligibility_override(actor=world.city_official, check=review_check, outcome="eligible", reason="一线骨干")
    again = eligibility_check_talent(
        actor=world.clerk, talent=review_check.talent, track="green_channel", target_level="deputy_senior", as_of=AS_OF
    )
    assert again.pk != review_check.pk and again.outcome == "needs_review"
    assert EligibilityOverride.objects.get().check_overridden == review_check
    with pytest.raises(ApplicationError) as raised:  # the older determination is no longer the one to decide
        eligibility_override(actor=world.city_official, check=review_check, outcome="eligible", reason="再议")
    assert raised.value.code in {"already_decided", "stale"}
    override = eligibility_override_latest(
        actor=world.city_official,
        talent=review_check.talent,
        track="green_channel",
        target_level="deputy_senior",
        outcome="eligible",
        reason="复核通过",
    )
    assert override.check_overridden == again


# Rule sets


def test_a_new_version_is_a_draft_copy_edited_then_published(world):
    draft = rule_set_new_version(actor=world.admin, code=DEFAULT_RULE_SET)
    assert (draft.version, draft.status, draft.derived_from) == (2, RuleSetStatus.DRAFT, default_rule_set())
    rule_set_update_draft(actor=world.admin, rule_set=draft, changes={"r2_min_years_at_level": 2})
    draft.refresh_from_db()
    assert draft.r2_min_years_at_level == 2
    rule_set_publish(actor=world.admin, rule_set=draft)
    assert rule_set_current().pk == draft.pk
    actions = list(AuditLog.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["rule_set_new_version", "rule_set_publish", "rule_set_update"]


def test_published_rule_sets_never_change(world):
    published = default_rule_set()
    with pytest.raises(ApplicationError) as raised:
        rule_set_update_draft(actor=world.admin, rule_set=published, changes={"r2_min_years_at_level": 5})
    assert raised.value.status == 409
    with pytest.raises(ApplicationError) as refused:
        rule_set_publish(actor=world.admin, rule_set=published)
    assert (refused.value.code, refused.value.status) == ("rule_set_published", 409)
    assert RuleSet.objects.get(pk=published.pk).r2_min_years_at_level == 1


def test_one_draft_at_a_time_and_bad_values_refused(world):
    draft = rule_set_new_version(actor=world.admin, code=DEFAULT_RULE_SET)
    with pytest.raises(ApplicationError) as raised:
        rule_set_new_version(actor=world.admin, code=DEFAULT_RULE_SET)
    assert raised.value.code == "draft_exists"
    with pytest.raises(ApplicationError) as raised:
        rule_set_update_draft(actor=world.admin, rule_set=draft, changes={"r7_pass_mark": 101})
    assert raised.value.field == "r7_pass_mark"
    with pytest.raises(ApplicationError) as refused:
        rule_set_update_draft(actor=world.admin, rule_set=draft, changes={"status": "published"})
    assert (refused.value.code, refused.value.status) == ("not_editable", 400)
    with pytest.raises(PermissionDeniedError):
        rule_set_update_draft(actor=world.national_official, rule_set=draft, changes={"r7_pass_mark": 70})
    draft.refresh_from_db()
    assert draft.r7_pass_mark == 60 and draft.status == RuleSetStatus.DRAFT


def test_a_check_uses_the_rule_set_parameters(world):
    draft = rule_set_new_version(actor=world.admin, code=DEFAULT_RULE_SET)
    rule_set_update_draft(actor=world.admin, rule_set=draft, changes={"r1_frontline_min_years": 20})
    rule_set_publish(actor=world.admin, rule_set=draft)
    talent = make_talent(FRONTLINE_TECHNICIAN, employer=world.org)  # 15 years of work
    check = eligibility_check_talent(
        actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior", as_of=AS_OF
    )
    assert (check.outcome, check.rule_set.version) == ("ineligible", 2)
    frontline = next(reason for reason in check.reasons if reason["clause"] == "R1.frontline")
    assert "20" in frontline["explanation"]["en"]
