"""Every edge of ``workflow.EDGES``: the allowed actors take it (audited with who, when, from, to, why),
every other actor gets 403 and nothing changes, a comment-required edge refuses a blank comment (400),
and every action from a state without an edge is a 409 naming the state and the action.

(Requirements mapped in docs/evaluations-test-coverage.md.)
"""

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from eligibility.models import Track
from evaluations import workflow
from evaluations.models import Dossier, DossierStatus
from evaluations.services.review import dossier_review
from tests.evaluations.scenarios import dossier_in as _dossier_in

pytestmark = pytest.mark.django_db

S = DossierStatus


# The transition table, edge by edge


def _actors(world, panel) -> dict:
    """Every kind of actor, relative to a Guangzhou dossier whose committee is ``panel.committee``."""
    return {
        "clerk": world.clerk,
        "clerk_other_org": world.clerk_other_org,
        "city": world.city_official,
        "city_other": world.city_official_other_city,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "chair": panel.chair,
        "member": panel.experts[1],
        "expert_outsider": world.expert,  # an expert of no committee of this round
        "admin": world.admin,
        "system": None,
    }


# (action, from, scenario, to, who may take it)
EDGE_CASES = [
    ("submit", S.DRAFT, "city", S.SUBMITTED, {"clerk"}),
    ("submit", S.RETURNED, "city", S.SUBMITTED, {"clerk"}),
    ("submit", S.WITHDRAWN, "city", S.SUBMITTED, {"clerk"}),
    ("withdraw", S.SUBMITTED, "city", S.WITHDRAWN, {"clerk"}),
    ("approve", S.SUBMITTED, "city", S.CITY_APPROVED, {"city"}),
    ("approve", S.SUBMITTED, "green", S.IN_ASSESSMENT, {"province"}),
    ("approve", S.SUBMITTED, "cityless", S.IN_ASSESSMENT, {"province"}),
    ("approve", S.CITY_APPROVED, "city", S.IN_ASSESSMENT, {"province"}),
    ("return", S.SUBMITTED, "city", S.RETURNED, {"city"}),
    ("return", S.SUBMITTED, "green", S.RETURNED, {"province"}),
    ("return", S.SUBMITTED, "cityless", S.RETURNED, {"province"}),
    ("return", S.CITY_APPROVED, "city", S.RETURNED, {"province"}),
    ("reject", S.SUBMITTED, "city", S.REJECTED, {"city"}),
    ("reject", S.SUBMITTED, "green", S.REJECTED, {"province"}),
    ("reject", S.SUBMITTED, "cityless", S.REJECTED, {"province"}),
    ("reject", S.CITY_APPROVED, "city", S.REJECTED, {"province"}),
    ("complete_scoring", S.IN_ASSESSMENT, "city", S.IN_COMMITTEE, {"chair", "province", "system"}),
    ("decide_pass", S.IN_COMMITTEE, "city", S.PASSED, {"chair", "province"}),
    ("decide_fail", S.IN_COMMITTEE, "city", S.FAILED, {"chair", "province"}),
    ("publish", S.PASSED, "city", S.IN_PUBLICITY, {"province"}),
    ("certify", S.IN_PUBLICITY, "city", S.CERTIFIED, {"province", "system"}),
    ("fail_after_objection", S.IN_PUBLICITY, "city", S.FAILED, {"province", "system"}),
]
CASE_IDS = [f"{action}-{source}-{scenario}" for action, source, scenario, _t, _a in EDGE_CASES]


def test_the_cases_cover_every_edge_of_the_table():
    covered = {(action, source, target) for action, source, _scenario, target, _allowed in EDGE_CASES}
    table = {(edge.action, edge.source, edge.target) for edge in workflow.EDGES}
    assert covered == table


def _reset(dossier, status):
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    dossier.refresh_from_db()


@pytest.mark.parametrize(("action", "source", "scenario", "target", "allowed"), EDGE_CASES, ids=CASE_IDS)
def test_each_edge_allowed_actors_succeed_and_are_audited(world, action, source, scenario, target, allowed):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    edge = workflow.edge_for(dossier, action)
    comment = "理由：材料核实" if edge.comment_required else ""
    for key in sorted(allowed):
        _reset(dossier, source)
        before = timezone.now()
        updated = workflow.transition(actor=actors[key], dossier=dossier, action=action, comment=comment)
        assert updated.status == target, key
        dossier.refresh_from_db()
        assert dossier.status == target
        entry = AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").order_by("-pk").first()
        assert entry is not None, key
        assert entry.actor == actors[key]
        assert (entry.from_state, entry.to_state, entry.comment) == (source, target, comment)
        assert entry.at >= before
    assert AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").count() == len(allowed)


@pytest.mark.parametrize(("action", "source", "scenario", "target", "allowed"), EDGE_CASES, ids=CASE_IDS)
def test_each_edge_refuses_every_other_actor_with_403_and_changes_nothing(
    world, action, source, scenario, target, allowed
):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    for key, actor in actors.items():
        if key in allowed:
            continue
        with pytest.raises(PermissionDeniedError) as refused:
            workflow.transition(actor=actor, dossier=dossier, action=action, comment="理由")
        assert refused.value.status == 403, key
        dossier.refresh_from_db()
        assert dossier.status == source, key
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


COMMENT_CASES = [
    case
    for case in EDGE_CASES
    if any(e.comment_required for e in workflow.EDGES if (e.action, e.source, e.target) == (case[0], case[1], case[3]))
]


def test_the_comment_required_edges_are_return_reject_and_the_upheld_objection():
    assert {case[0] for case in COMMENT_CASES} == {"return", "reject", "fail_after_objection"}


@pytest.mark.parametrize(
    ("action", "source", "scenario", "target", "allowed"),
    COMMENT_CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in COMMENT_CASES],
)
@pytest.mark.parametrize("blank", ["", "   \n "])
def test_comment_required_edges_refuse_a_blank_comment(world, action, source, scenario, target, allowed, blank):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    with pytest.raises(ApplicationError) as refused:
        workflow.transition(actor=actors[sorted(allowed)[0]], dossier=dossier, action=action, comment=blank)
    assert (refused.value.status, refused.value.field) == (400, "comment")
    assert str(refused.value.message)
    dossier.refresh_from_db()
    assert dossier.status == source
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


ACTIONS = sorted({edge.action for edge in workflow.EDGES})


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_from_a_state_without_its_edge_is_a_409_naming_state_and_action(world, action):
    panel = _dossier_in(world, "city", S.DRAFT)
    dossier = panel.dossier
    sources = {edge.source for edge in workflow.EDGES if edge.action == action}
    illegal = [status for status in S.values if status not in sources]
    assert illegal
    for status in illegal:
        _reset(dossier, status)
        # Even the actor the step would belong to elsewhere: the state is checked first.
        for actor in (world.provincial_official, world.clerk, panel.chair, None):
            with pytest.raises(ApplicationError) as refused:
                workflow.transition(actor=actor, dossier=dossier, action=action, comment="理由")
            error = refused.value
            assert (error.status, error.code) == (409, "illegal_transition"), (action, status)
            assert str(S(status).label) in str(error.message)
            assert str(workflow.ACTION_LABELS[action]) in str(error.message)
            dossier.refresh_from_db()
            assert dossier.status == status
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


def test_an_unknown_action_is_a_409_too(world):
    panel = _dossier_in(world, "city", S.SUBMITTED)
    with pytest.raises(ApplicationError) as refused:
        workflow.transition(actor=world.city_official, dossier=panel.dossier, action="teleport")
    assert refused.value.status == 409


def test_green_channel_from_a_city_less_organisation_goes_to_the_province(world):
    panel = _dossier_in(world, "cityless", S.SUBMITTED)
    Dossier.objects.filter(pk=panel.dossier.pk).update(track=Track.GREEN_CHANNEL)
    panel.dossier.refresh_from_db()
    assert workflow.allowed_actions(world.city_official, panel.dossier) == []
    assert set(workflow.allowed_actions(world.provincial_official, panel.dossier)) == {"approve", "return", "reject"}
    updated = dossier_review(actor=world.provincial_official, dossier=panel.dossier, decision="approve")
    assert updated.status == S.IN_ASSESSMENT


def test_a_dossier_returned_by_the_province_goes_back_through_the_city(world):
    panel = _dossier_in(world, "city", S.CITY_APPROVED)
    dossier_review(actor=world.provincial_official, dossier=panel.dossier, decision="return", comment="请补充")
    _reset(panel.dossier, S.SUBMITTED)  # resubmitted
    assert workflow.allowed_actions(world.provincial_official, panel.dossier) == []
    assert set(workflow.allowed_actions(world.city_official, panel.dossier)) == {"approve", "return", "reject"}
