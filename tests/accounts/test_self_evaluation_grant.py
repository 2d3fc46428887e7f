# ruff: noqa: E501 — one row per line keeps the table readable
"""Issue 16, item 5 (R8): skills-title-integration-opinions, measure 3, "Support high-skilled talents intensive,
strong technical strength, and above-scale enterprises with standardized internal management to independently
carry out the evaluation of high-skilled talents." A provincial official grants it to an organisation of their
province with the four criteria confirmed and a reason, or withdraws it with a reason; audited; bad input
changes nothing (docs/rules.md#r8-self-evaluation)."""

from dataclasses import dataclass

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from accounts.services import organisation_set_self_evaluation

ALL_FOUR = ("talent_intensive", "technically_strong", "above_designated_size", "standardised_management")
REASON = "经核查，该企业高技能人才密集、技术实力较强、规模以上且内部管理规范（粤人社函〔2026〕8号）"


@dataclass(frozen=True)
class Case:
    says: str
    actor: str  # attribute of the world fixture
    organisation: str
    allowed: bool
    criteria: tuple
    reason: str
    expect: str  # "granted", "withdrawn", or the error code / "403"
    already: bool = False


CASES = [
    Case("a provincial official grants an enterprise of a city of the province, the four criteria confirmed", "provincial_official", "org_other_city", True, ALL_FOUR, REASON, "granted"),
    Case("“talent-intensive, technically strong, above designated size, standardised management”: three are not enough", "provincial_official", "org", True, ALL_FOUR[:3], REASON, "criteria_required"),
    Case("a criterion the opinions do not name is refused", "provincial_official", "org", True, (*ALL_FOUR, "large_revenue"), REASON, "unknown_criterion"),
    Case("a reason is required", "provincial_official", "org", True, ALL_FOUR, "  ", "reason_required"),
    Case("withdrawn with a reason, no criteria needed", "provincial_official", "org", False, (), "内部管理不再规范", "withdrawn", already=True),
    Case("only the provincial level grants: a city official is refused", "city_official", "org", True, ALL_FOUR, REASON, "403"),
    Case("only in the official's own province", "provincial_official_other", "org", True, ALL_FOUR, REASON, "403"),
    Case("a clerk cannot grant their own organisation", "clerk", "org", True, ALL_FOUR, REASON, "403"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.says for c in CASES])
def test_self_evaluation_is_granted_by_the_province(world, case):
    organisation = getattr(world, case.organisation)
    if case.already:
        organisation.may_self_evaluate, organisation.self_evaluation_criteria = True, list(ALL_FOUR)
        organisation.save()
    audits = AuditLog.objects.count()
    call = {
        "actor": getattr(world, case.actor),
        "organisation": organisation,
        "allowed": case.allowed,
        "criteria": case.criteria,
        "reason": case.reason,
    }
    if case.expect in ("granted", "withdrawn"):
        organisation_set_self_evaluation(**call)
        organisation.refresh_from_db()
        assert organisation.may_self_evaluate is (case.expect == "granted")
        assert sorted(organisation.self_evaluation_criteria) == sorted(case.criteria)
        entry = AuditLog.objects.for_object(organisation).get(action="set_self_evaluation")
        assert entry.actor == call["actor"] and entry.comment == case.reason
        assert (entry.from_state, entry.to_state) == (str(case.already).lower(), str(case.allowed).lower())
        return
    error = PermissionDeniedError if case.expect == "403" else ApplicationError
    with pytest.raises(error) as raised:
        organisation_set_self_evaluation(**call)
    if case.expect != "403":
        assert raised.value.code == case.expect and raised.value.status in (None, 400)
    organisation.refresh_from_db()
    assert organisation.may_self_evaluate is case.already
    assert AuditLog.objects.count() == audits
