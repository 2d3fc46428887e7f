"""The workflow mechanism on its own, with a toy workflow over training activities (not registered):
row lock, 409 / 403 / 409 decided meanwhile / 400, the caller's writes under the lock, update_fields,
the audit row, stamps, after-commit hooks, and the registry's refusals."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from programs.models import Activity, ActivityStatus
from tests.programs.factories import ActivityFactory
from workflow import Edge, Workflow, registry

pytestmark = pytest.mark.django_db
S = ActivityStatus


def _city(actor, obj) -> bool:
    return actor is not None and actor.role == Role.CITY_OFFICIAL


def _province(actor, obj) -> bool:
    return actor is not None and actor.role == Role.PROVINCIAL_OFFICIAL


TOY = Workflow(
    name="toy",
    model=Activity,
    status_choices=ActivityStatus,
    edges=(
        Edge("close", S.OPEN, S.CLOSED, _city),
        Edge("reopen", S.CLOSED, S.OPEN, _province, applies=lambda activity: activity.capacity > 1),
        Edge("cancel", S.OPEN, S.CANCELLED, _city),
        Edge("cancel", S.CLOSED, S.CANCELLED, _province, comment_required=True),
    ),
    action_labels={"close": "Close", "reopen": "Reopen", "cancel": "Cancel"},
    illegal_message=gettext_lazy("This dossier is “%(status)s”: “%(action)s” is not possible now."),
    decided_meanwhile_message=gettext_lazy(
        "This dossier was decided by someone else meanwhile: it is now “%(status)s”."
    ),
    forbidden_message=gettext_lazy("You may not take this step on this dossier."),
    comment_required_message=gettext_lazy("A comment is required to return or reject a dossier."),
    audit_prefix="toy",
    # Any datetime field will do for the mechanism's test.
    stamps={S.CANCELLED: ("created_at",)},
    lock_select_related=("region",),
)


@pytest.fixture
def hook_calls():
    calls = []

    def hook(obj, action, from_state, to_state, actor, comment):
        calls.append((obj.pk, action, from_state, to_state, actor, comment))

    workflow.register_after_transition(TOY, hook)
    yield calls
    registry._hooks.pop(TOY.name, None)


def _take(actor, obj, action, **kwargs):
    return workflow.transition(workflow=TOY, actor=actor, obj=obj, action=action, **kwargs)


def test_a_transition_locks_the_row_saves_only_its_fields_and_audits(world):
    activity = ActivityFactory(organiser=world.org)
    with CaptureQueriesContext(connection) as queries:
        updated = _take(world.city_official, activity, "close", comment="  满员  ")
    sql = [q["sql"] for q in queries.captured_queries]
    assert any("FOR UPDATE" in s and "programs_activity" in s for s in sql)
    (update,) = [s for s in sql if s.startswith('UPDATE "programs_activity"')]
    assert update.split(" WHERE ")[0].count("=") == 2  # status and updated_at, nothing else
    assert '"status"' in update and '"updated_at"' in update
    assert updated.status == S.CLOSED
    entry = AuditLog.objects.for_object(activity).get()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state, entry.comment) == (
        "toy_close",
        world.city_official,
        S.OPEN,
        S.CLOSED,
        "满员",
    )


def test_the_callers_writes_run_under_the_lock_and_only_update_fields_are_saved(world):
    activity = ActivityFactory(organiser=world.org, title="原标题")
    seen = []

    def apply(locked, edge):
        # What the database was asked before the caller's writes: the row is already locked by then.
        asked = [query["sql"] for query in captured.captured_queries]
        locked_before = any("FOR UPDATE" in sql and "programs_activity" in sql for sql in asked)
        seen.append((locked.status, edge.target, locked_before))
        locked.title = "不会保存"  # not in update_fields: the transition saves status and stamps only

    with CaptureQueriesContext(connection) as captured:
        _take(world.city_official, activity, "close", apply=apply)
    assert seen == [(S.OPEN, S.CLOSED, True)]
    activity.refresh_from_db()
    assert (activity.status, activity.title) == (S.CLOSED, "原标题")


def test_a_failing_apply_rolls_everything_back(world, hook_calls, django_capture_on_commit_callbacks):
    activity = ActivityFactory(organiser=world.org)

    def apply(locked, edge):
        raise ApplicationError("no", code="refused", status=409)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ApplicationError):
        _take(world.city_official, activity, "close", apply=apply)
    activity.refresh_from_db()
    assert activity.status == S.OPEN
    assert not AuditLog.objects.for_object(activity).exists()
    assert callbacks == [] and hook_calls == []


def test_target_stamps_are_set(world):
    activity = ActivityFactory(organiser=world.org)
    before = timezone.now()
    _take(world.city_official, activity, "cancel")
    activity.refresh_from_db()
    assert activity.status == S.CANCELLED and activity.created_at >= before


def test_an_action_without_an_edge_from_the_state_is_a_409_before_the_actor_is_asked(world):
    activity = ActivityFactory(organiser=world.org, status=S.CANCELLED)
    for actor in (world.city_official, world.clerk, None):
        with pytest.raises(ApplicationError) as refused:
            _take(actor, activity, "close")
        assert (refused.value.status, refused.value.code) == (409, "illegal_transition")
        assert str(S.CANCELLED.label) in str(refused.value.message) and "Close" in str(refused.value.message)
    with pytest.raises(ApplicationError) as unknown:
        _take(world.city_official, activity, "teleport")
    assert unknown.value.status == 409


def test_an_edge_that_does_not_apply_is_a_409(world):
    activity = ActivityFactory(organiser=world.org, status=S.CLOSED, capacity=1)
    with pytest.raises(ApplicationError) as refused:
        _take(world.provincial_official, activity, "reopen")
    assert refused.value.status == 409


def test_the_wrong_actor_gets_403_and_nothing_changes(world):
    activity = ActivityFactory(organiser=world.org)
    with pytest.raises(PermissionDeniedError) as refused:
        _take(world.provincial_official, activity, "close")
    assert refused.value.status == 403
    activity.refresh_from_db()
    assert activity.status == S.OPEN and not AuditLog.objects.for_object(activity).exists()


def test_a_step_someone_else_took_meanwhile_is_a_409_not_a_403(world):
    activity = ActivityFactory(organiser=world.org)  # loaded while open: cancelling is the city's step
    Activity.objects.filter(pk=activity.pk).update(status=S.CLOSED)  # a colleague closed it meanwhile
    with pytest.raises(ApplicationError) as refused:
        _take(world.city_official, activity, "cancel", comment="理由")
    assert (refused.value.status, refused.value.code) == (409, "decided_meanwhile")
    assert str(S.CLOSED.label) in str(refused.value.message)
    activity.refresh_from_db()
    # Loaded as it is now, the same request is a plain 403: the step is the province's.
    with pytest.raises(PermissionDeniedError):
        _take(world.city_official, activity, "cancel", comment="理由")


@pytest.mark.parametrize("blank", ["", "   \n"])
def test_a_comment_required_edge_refuses_a_blank_comment_with_400(world, blank):
    activity = ActivityFactory(organiser=world.org, status=S.CLOSED)
    with pytest.raises(ApplicationError) as refused:
        _take(world.provincial_official, activity, "cancel", comment=blank)
    assert (refused.value.status, refused.value.field) == (400, "comment")
    activity.refresh_from_db()
    assert activity.status == S.CLOSED


def test_hooks_run_after_commit_only(world, hook_calls, django_capture_on_commit_callbacks):
    activity = ActivityFactory(organiser=world.org)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _take(world.city_official, activity, "close", comment="满员")
    assert hook_calls == []  # not run inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert hook_calls == [(activity.pk, "close", S.OPEN, S.CLOSED, world.city_official, "满员")]


def test_allowed_actions_and_edge_for(world):
    activity = ActivityFactory(organiser=world.org, capacity=5)
    assert workflow.allowed_actions(TOY, world.city_official, activity) == ["close", "cancel"]
    assert workflow.allowed_actions(TOY, world.provincial_official, activity) == []
    activity.status = S.CLOSED
    assert workflow.allowed_actions(TOY, world.provincial_official, activity) == ["reopen", "cancel"]
    assert workflow.edge_for(TOY, activity, "cancel").comment_required
    assert workflow.edge_for(TOY, activity, "close") is None


def test_the_registry_refuses_a_second_workflow_under_a_taken_name_and_a_bad_table():
    dossier = workflow.workflow_named("dossier")
    workflow.register_workflow(dossier)  # the same one again: harmless
    with pytest.raises(ValueError, match="registered twice"):
        workflow.register_workflow(replace(TOY, name="dossier"))
    broken = replace(TOY, name="broken", edges=(Edge("fly", S.OPEN, "airborne", _city),))
    with pytest.raises(ValueError, match="unknown state 'airborne'"):
        workflow.register_workflow(broken)
    with pytest.raises(LookupError):
        workflow.workflow_named("broken")
    assert "toy" not in {wf.name for wf in workflow.registered_workflows()}
