"""Who is told of a dossier's transition (issue 5: "each transition tells the people who must act or
who are affected"), as data: workflow action → (message kind, recipients). Registered on the workflow's
after-commit hook in EvaluationsConfig.ready(); runs after the transition committed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from evaluations import rules
from evaluations.models import DossierStatus
from notifications.recipients import city_officials_of, clerks_of, provincial_officials_of
from notifications.services import notify


def reviewers_due(dossier):
    """The officials whose queue a submitted dossier enters: the city's, or the province's when the
    city is skipped (docs/evaluations.md)."""
    if rules.needs_city_review(dossier):
        return city_officials_of(dossier.organisation.region_id)
    return provincial_officials_of(dossier.organisation.region)


def provincial_reviewers(dossier):
    return provincial_officials_of(dossier.organisation.region)


def committee_members(dossier):
    committee = dossier.round.committee
    if committee is None:
        return []
    return committee.members.filter(is_active=True)


def clerks(dossier):
    return clerks_of(dossier.organisation_id)


@dataclass(frozen=True)
class Rule:
    kind: str
    recipients: Callable
    # Which target state the rule applies to (approve goes to city_approved or in_assessment).
    to_state: str | None = None


RULES: dict[str, list[Rule]] = {
    "submit": [Rule("dossier_submitted", reviewers_due)],
    "approve": [
        Rule("dossier_city_approved", provincial_reviewers, to_state=DossierStatus.CITY_APPROVED),
        Rule("dossier_in_assessment", committee_members, to_state=DossierStatus.IN_ASSESSMENT),
    ],
    "return": [Rule("dossier_returned", clerks)],
    "reject": [Rule("dossier_rejected", clerks)],
    # Scoring closed: every member must now vote.
    "complete_scoring": [Rule("dossier_in_committee", committee_members)],
    "decide_pass": [Rule("dossier_passed", clerks)],
    "decide_fail": [Rule("dossier_failed", clerks)],
    "publish": [Rule("dossier_in_publicity", clerks)],
    "certify": [Rule("dossier_certified", clerks)],
    "fail_after_objection": [Rule("dossier_failed_after_objection", clerks)],
}


def dossier_url(dossier) -> str:
    try:
        return reverse("evaluations:dossier-detail", args=[dossier.pk])
    except NoReverseMatch:
        return ""


def dossier_params(dossier, comment: str) -> dict:
    return {
        "talent": dossier.talent.name,
        "organisation": dossier.organisation.name,
        "round": dossier.round.title,
        "comment": comment or "",
    }


def notify_transition(dossier, action, from_state, to_state, actor, comment) -> None:
    """The workflow hook: (dossier, action, from_state, to_state, actor, comment)."""
    for rule in RULES.get(action, []):
        if rule.to_state is not None and rule.to_state != to_state:
            continue
        notify(
            recipients=list(rule.recipients(dossier)),
            kind=rule.kind,
            params=dossier_params(dossier, comment),
            url=dossier_url(dossier),
            actor=actor,
        )
