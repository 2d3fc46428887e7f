"""The dossier workflow of docs/evaluations.md, as data: the transition table, its labels and messages,
registered with the shared mechanism (``workflow``) in EvaluationsConfig.ready().

```
draft ─submit→ submitted ─city approve→ city_approved ─province approve→ in_assessment
  ↑  withdraw ←┘   │ return (comment required) → returned ─resubmit→ submitted
                   └ reject → rejected
in_assessment ─scores complete→ in_committee ─vote→ passed | failed
passed ─publish notice→ in_publicity ─notice ends, no upheld objection→ certified
```
Withdrawing leaves the dossier ``withdrawn``, editable and submittable again like a draft.
Services call ``workflow.transition(workflow=DOSSIER_WORKFLOW, …)`` inside their own transaction and do
their extra writes (a frozen revision, a review record, a certificate) in the ``apply`` callback,
under the same row lock.
"""

from typing import Any

from django.utils.translation import gettext_lazy

import workflow
from evaluations import rules
from evaluations.models import Dossier, DossierStatus
from workflow import ApplyCallback, Edge, Workflow

S = DossierStatus


def _officials_next(actor, dossier) -> bool:
    """The official whose level is due on a submitted dossier: the city's, or the province's when the
    city is skipped."""
    if rules.needs_city_review(dossier):
        return rules.is_city_official_for(actor, dossier)
    return rules.is_provincial_official_for(actor, dossier)


def _chair_or_province(actor, dossier) -> bool:
    return rules.is_committee_member(actor, dossier, chair=True) or rules.is_provincial_official_for(actor, dossier)


def _system_chair_or_province(actor, dossier) -> bool:
    """Closing scoring: the chair or a provincial official (a plain member scores but does not close)."""
    return rules.is_system(actor) or _chair_or_province(actor, dossier)


def _system_or_province(actor, dossier) -> bool:
    return rules.is_system(actor) or rules.is_provincial_official_for(actor, dossier)


EDGES = (
    *(Edge("submit", source, S.SUBMITTED, rules.is_clerk_of) for source in (S.DRAFT, S.RETURNED, S.WITHDRAWN)),
    Edge("withdraw", S.SUBMITTED, S.WITHDRAWN, rules.is_clerk_of),
    Edge("approve", S.SUBMITTED, S.CITY_APPROVED, rules.is_city_official_for, applies=rules.needs_city_review),
    Edge(
        "approve",
        S.SUBMITTED,
        S.IN_ASSESSMENT,
        rules.is_provincial_official_for,
        applies=lambda d: not rules.needs_city_review(d),
    ),
    Edge("approve", S.CITY_APPROVED, S.IN_ASSESSMENT, rules.is_provincial_official_for),
    Edge("return", S.SUBMITTED, S.RETURNED, _officials_next, comment_required=True),
    Edge("return", S.CITY_APPROVED, S.RETURNED, rules.is_provincial_official_for, comment_required=True),
    Edge("reject", S.SUBMITTED, S.REJECTED, _officials_next, comment_required=True),
    Edge("reject", S.CITY_APPROVED, S.REJECTED, rules.is_provincial_official_for, comment_required=True),
    Edge("complete_scoring", S.IN_ASSESSMENT, S.IN_COMMITTEE, _system_chair_or_province),
    Edge("decide_pass", S.IN_COMMITTEE, S.PASSED, _chair_or_province),
    Edge("decide_fail", S.IN_COMMITTEE, S.FAILED, _chair_or_province),
    Edge("publish", S.PASSED, S.IN_PUBLICITY, rules.is_provincial_official_for),
    Edge("certify", S.IN_PUBLICITY, S.CERTIFIED, _system_or_province),
    Edge("fail_after_objection", S.IN_PUBLICITY, S.FAILED, _system_or_province, comment_required=True),
)

# The actions' labels (buttons, messages) and, as ``dossier_<action>``, the audit actions' labels.
ACTION_LABELS = {
    "submit": gettext_lazy("Dossier submitted"),
    "withdraw": gettext_lazy("Dossier withdrawn"),
    "approve": gettext_lazy("Dossier approved"),
    "return": gettext_lazy("Dossier returned for revision"),
    "reject": gettext_lazy("Dossier rejected"),
    "complete_scoring": gettext_lazy("Assessment scores complete"),
    "decide_pass": gettext_lazy("Committee passed the dossier"),
    "decide_fail": gettext_lazy("Committee failed the dossier"),
    "publish": gettext_lazy("Dossier put in public notice"),
    "certify": gettext_lazy("Certificate issued"),
    "fail_after_objection": gettext_lazy("Failed after an upheld objection"),
}
DOSSIER_WORKFLOW = Workflow(
    name="dossier",
    model=Dossier,
    status_choices=DossierStatus,
    edges=EDGES,
    action_labels=ACTION_LABELS,
    illegal_message=gettext_lazy("This dossier is “%(status)s”: “%(action)s” is not possible now."),
    decided_meanwhile_message=gettext_lazy(
        "This dossier was decided by someone else meanwhile: it is now “%(status)s”."
    ),
    forbidden_message=gettext_lazy("You may not take this step on this dossier."),
    comment_required_message=gettext_lazy("A comment is required to return or reject a dossier."),
    audit_prefix="dossier",
    stamps={
        S.SUBMITTED: ("submitted_at",),
        **{state: ("decided_at",) for state in (S.PASSED, S.FAILED, S.REJECTED, S.CERTIFIED)},
    },
    # What the edges' predicates read: the organisation's region, the round's region and committee.
    lock_select_related=("organisation__region", "round__region", "round__committee", "talent"),
)


# The dossier workflow bound to its table, under the names the tests of issue 5 call; the portal's own
# code calls the shared functions (``workflow.transition(workflow=DOSSIER_WORKFLOW, …)``).


def transition(
    *,
    actor: Any,
    dossier: Dossier,
    action: str,
    comment: str = "",
    request: Any = None,
    apply: ApplyCallback | None = None,
) -> Dossier:
    return workflow.transition(
        workflow=DOSSIER_WORKFLOW,
        actor=actor,
        obj=dossier,
        action=action,
        comment=comment,
        request=request,
        apply=apply,
    )


def edge_for(dossier: Dossier, action: str) -> Edge | None:
    return workflow.edge_for(DOSSIER_WORKFLOW, dossier, action)


def allowed_actions(actor: Any, dossier: Dossier) -> list[str]:
    return workflow.allowed_actions(DOSSIER_WORKFLOW, actor, dossier)
