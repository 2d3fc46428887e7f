"""One table-driven suite over every registered workflow (issue 11): each edge taken by each allowed
actor (audited, stamped) and refused to every other actor (403, nothing changes); a comment-required
edge refuses a blank comment (400); every action from every state without its edge is a 409 with
nothing changed. What each workflow's objects and actors are comes from ``scenarios.py``.
"""

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from tests.workflow.scenarios import SCENARIOS, Built, Scenario
from workflow import Edge, Workflow, registered_workflows, transition

pytestmark = pytest.mark.django_db

WORKFLOWS = registered_workflows()


def _edge_id(workflow: Workflow, edge: Edge) -> str:
    return f"{workflow.name}:{edge.action}:{edge.source}->{edge.target}"


EDGE_CASES = [pytest.param(wf, edge, id=_edge_id(wf, edge)) for wf in WORKFLOWS for edge in wf.edges]
COMMENT_CASES = [
    pytest.param(wf, edge, id=_edge_id(wf, edge)) for wf in WORKFLOWS for edge in wf.edges if edge.comment_required
]


def test_the_tables_have_comment_required_edges_to_check():
    """Returns and rejections need a reason in every workflow: the comment test must have cases."""
    assert COMMENT_CASES


ACTION_CASES = [pytest.param(wf, action, id=f"{wf.name}:{action}") for wf in WORKFLOWS for action in wf.actions]


def _scenario(workflow: Workflow) -> Scenario:
    if workflow.name not in SCENARIOS:
        pytest.fail(f"Workflow {workflow.name!r} is registered without a scenario in tests/workflow/scenarios.py")
    return SCENARIOS[workflow.name]


def _allowed(workflow: Workflow, edge: Edge) -> frozenset[str]:
    key = (edge.action, edge.source, edge.target)
    allowed = _scenario(workflow).allowed.get(key)
    if allowed is None:
        pytest.fail(f"The scenario of {workflow.name!r} does not say who may take {key}")
    return allowed


def _row(workflow: Workflow, obj) -> dict:
    return workflow.model._default_manager.filter(pk=obj.pk).values().get()


def _put(workflow: Workflow, obj, state: str) -> None:
    workflow.model._default_manager.filter(pk=obj.pk).update(**{workflow.status_field: state})
    obj.refresh_from_db()


def _audits(workflow: Workflow, obj, action: str):
    return AuditLog.objects.for_object(obj).filter(action=workflow.audit_action_for(action))


def test_the_portals_workflows_are_registered():
    assert {"dossier", "activity"} <= {wf.name for wf in WORKFLOWS}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[wf.name for wf in WORKFLOWS])
def test_every_registered_workflow_has_a_scenario_naming_exactly_its_edges(workflow):
    scenario = _scenario(workflow)
    assert set(scenario.allowed) == {(e.action, e.source, e.target) for e in workflow.edges}


@pytest.mark.parametrize(("workflow", "edge"), EDGE_CASES)
def test_each_edge_is_taken_by_its_allowed_actors_audited_and_stamped(world, workflow, edge):
    allowed = _allowed(workflow, edge)
    built: Built = _scenario(workflow).build(world, edge.source, edge)
    obj = built.obj
    comment = "理由：材料核实" if edge.comment_required else ""
    assert allowed and allowed <= set(built.actors)
    for key in sorted(allowed):
        _put(workflow, obj, edge.source)
        before = timezone.now()
        updated = transition(workflow=workflow, actor=built.actors[key], obj=obj, action=edge.action, comment=comment)
        assert workflow.status_of(updated) == edge.target, key
        obj.refresh_from_db()
        assert workflow.status_of(obj) == edge.target, key
        entry = _audits(workflow, obj, edge.action).order_by("-pk").first()
        assert entry is not None, key
        assert entry.actor == built.actors[key]
        assert (entry.from_state, entry.to_state, entry.comment) == (edge.source, edge.target, comment)
        assert entry.at >= before
        for name in workflow.stamps.get(edge.target, ()):
            assert getattr(obj, name) is not None and getattr(obj, name) >= before, (key, name)
    assert _audits(workflow, obj, edge.action).count() == len(allowed)


@pytest.mark.parametrize(("workflow", "edge"), EDGE_CASES)
def test_each_edge_refuses_every_other_actor_with_403_and_changes_nothing(world, workflow, edge):
    allowed = _allowed(workflow, edge)
    built = _scenario(workflow).build(world, edge.source, edge)
    obj = built.obj
    forbidden = sorted(set(built.actors) - allowed)
    assert forbidden
    row = _row(workflow, obj)
    for key in forbidden:
        with pytest.raises(PermissionDeniedError) as refused:
            transition(workflow=workflow, actor=built.actors[key], obj=obj, action=edge.action, comment="理由")
        assert refused.value.status == 403, key
        assert _row(workflow, obj) == row, key
    assert not _audits(workflow, obj, edge.action).filter(to_state=edge.target).exists()


@pytest.mark.parametrize(("workflow", "edge"), COMMENT_CASES)
@pytest.mark.parametrize("blank", ["", "  \n "])
def test_comment_required_edges_refuse_a_blank_comment_with_400(world, workflow, edge, blank):
    allowed = _allowed(workflow, edge)
    built = _scenario(workflow).build(world, edge.source, edge)
    obj = built.obj
    row = _row(workflow, obj)
    with pytest.raises(ApplicationError) as refused:
        transition(
            workflow=workflow, actor=built.actors[sorted(allowed)[0]], obj=obj, action=edge.action, comment=blank
        )
    assert (refused.value.status, refused.value.field) == (400, workflow.comment_field)
    assert str(refused.value.message)
    assert _row(workflow, obj) == row
    assert not _audits(workflow, obj, edge.action).filter(to_state=edge.target).exists()


@pytest.mark.parametrize(("workflow", "action"), ACTION_CASES)
def test_every_action_from_every_state_without_its_edge_is_a_409_and_changes_nothing(world, workflow, action):
    sources = {edge.source for edge in workflow.edges if edge.action == action}
    illegal = [state for state in workflow.states if state not in sources]
    built = _scenario(workflow).build(world, illegal[0] if illegal else workflow.states[0], None)
    obj = built.obj
    for state in illegal:
        _put(workflow, obj, state)
        row = _row(workflow, obj)
        # Whoever asks, even the actor the step belongs to elsewhere: the state is checked first.
        for key, actor in built.actors.items():
            with pytest.raises(ApplicationError) as refused:
                transition(workflow=workflow, actor=actor, obj=obj, action=action, comment="理由")
            error = refused.value
            assert (error.status, error.code) == (409, workflow.illegal_code), (state, key)
            assert str(workflow.status_label(state)) in str(error.message)
            assert _row(workflow, obj) == row, (state, key)
    assert not _audits(workflow, obj, action).filter(from_state__in=illegal).exists()
