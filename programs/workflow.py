"""The training activity's workflow, as data (registered in ProgramsConfig.ready()).

```
open ─close→ closed ─reopen→ open
open | closed ─cancel (reason required)→ cancelled   (final)
```
``programs.services.activity_set_status`` names the state wanted; the action is the one edge table's
action into that state (``ACTION_INTO``). Every step is audited as ``activity_status``.
"""

from django.utils.translation import gettext_lazy as _

from programs.models import Activity, ActivityStatus
from programs.rules import ONLY_ACTIVITY_MANAGERS, can_manage_activity
from workflow import Edge, Workflow

S = ActivityStatus

ACTIVITY_EDGES = (
    Edge("close", S.OPEN, S.CLOSED, can_manage_activity),
    Edge("reopen", S.CLOSED, S.OPEN, can_manage_activity),
    # Cancelling is final (docs/conventions.md §4).
    *(Edge("cancel", source, S.CANCELLED, can_manage_activity, comment_required=True) for source in (S.OPEN, S.CLOSED)),
)

ACTION_LABELS = {
    "close": _("Close enrolment"),
    "reopen": _("Reopen enrolment"),
    "cancel": _("Cancel the activity"),
}

ACTIVITY_WORKFLOW = Workflow(
    name="activity",
    model=Activity,
    status_choices=ActivityStatus,
    edges=ACTIVITY_EDGES,
    action_labels=ACTION_LABELS,
    illegal_message=_("An activity that is “%(status)s” cannot become “%(target)s”."),
    decided_meanwhile_message=_("This activity was changed by someone else meanwhile: it is now “%(status)s”."),
    forbidden_message=ONLY_ACTIVITY_MANAGERS,
    comment_required_message=_("Say why the activity is cancelled."),
    illegal_code="invalid_transition",
    illegal_field="status",
    comment_field="reason",
    # One audit code for every step, as before the shared mechanism (from and to tell which).
    audit_action="activity_status",
    # can_manage_activity reads the activity's region.
    lock_select_related=("region",),
)

# The state wanted → the action that leads there (each action has one target).
ACTION_INTO = {edge.target: edge.action for edge in ACTIVITY_EDGES}
