"""An award's criteria for one talent (docs/commendations.md#criteria): the clauses a campaign names,
evaluated by the engine on the talent's snapshot, with every reason explained. Read-only: nothing is
stored; the commendations app shows the result and refuses a submission that fails it."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eligibility.clauses import BY_CODE, CLAUSES, explanation_context, reason
from eligibility.criteria import evaluate_criteria
from eligibility.models import Outcome
from eligibility.selectors.checks import rule_set_current
from eligibility.snapshots import load_snapshot


@dataclass(frozen=True)
class CriteriaResult:
    # "eligible" or "ineligible" (eligibility.models.Outcome); "eligible" when there are no criteria.
    outcome: str
    # One dict per clause, in the campaign's order: rule, clause, passed (True/False/None), explanation, source.
    reasons: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.ELIGIBLE

    @property
    def failed_reasons(self) -> list[dict]:
        return [r for r in self.reasons if r["passed"] is False]


def _language(language: str | None) -> str:
    return "en" if (language or get_language() or "").startswith("en") else "zh-hans"


def criteria_result(
    talent,
    rule_set,
    clause_codes: Iterable[str],
    *,
    as_of: datetime.date | None = None,
    language: str | None = None,
    snapshot=None,
) -> CriteriaResult:
    """The talent against the clauses of ``rule_set`` (the current published one when None), as of
    today unless told; explanations in ``language`` (the active one when None)."""
    codes = [code for code in clause_codes or () if code]
    if not codes:
        return CriteriaResult(outcome=Outcome.ELIGIBLE)
    rule_set = rule_set or rule_set_current()
    language = _language(language)
    snapshot = snapshot or load_snapshot(talent)
    determination = evaluate_criteria(snapshot, rule_set, codes, as_of or timezone.localdate())
    reasons = []
    for result in determination.results:
        clause = BY_CODE[result.code]
        if result.passed is None:
            reasons.append(
                {
                    "rule": clause.rule,
                    "clause": clause.code,
                    "passed": None,
                    "explanation": _("Not considered: the registry does not hold the facts this clause needs."),
                    "source": clause.source.text(language),
                }
            )
        else:
            reasons.append(reason(clause, result.passed, rule_set, result.target_level, language))
    return CriteriaResult(outcome=determination.outcome, reasons=reasons)


# What another app may ask of the catalogue without evaluating anything (a commendation campaign's
# criteria are clause codes of a rule set, docs/commendations.md#campaigns).


def clause_codes(rule_set=None) -> tuple[str, ...]:
    """The clause codes a rule set can evaluate, in catalogue order. Every version holds every clause
    (a rule set carries the parameters; the clauses are this catalogue), so ``rule_set`` only names
    the version asked about."""
    return tuple(clause.code for clause in CLAUSES if clause.criterion)


def unknown_clause_codes(codes, rule_set=None) -> list[str]:
    """The codes among ``codes`` that are no clause of ``rule_set``, in the order given."""
    known = set(clause_codes(rule_set))
    return [code for code in codes if code not in known]


def clause_statements(codes, rule_set, language: str) -> list[dict]:
    """A readable statement of each clause (its "passed" explanation, with the rule set's parameters):
    ``code``, ``rule`` and ``text`` per known code, in the order given."""
    statements = []
    for code in codes:
        clause = BY_CODE.get(code)
        if clause is None:
            continue
        context = explanation_context(clause, rule_set, "", language)
        statements.append({"code": code, "rule": clause.rule, "text": clause.explanation(True, language, context)})
    return statements
