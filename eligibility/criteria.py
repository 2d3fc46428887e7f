"""Award criteria (docs/commendations.md#criteria): a talent against clause codes of a rule set, each
evaluated on its own by the engine's rules, at the level the talent's current credentials imply."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from eligibility.clauses import BY_CODE
from eligibility.engine import (
    HIGH_SKILLED_FROM,
    LEADING_TALENT_FROM,
    Parameters,
    evaluate_batch_tracks,
    highest_rank,
    implied_target_levels,
    skill_rank,
)
from eligibility.models import Outcome, Track
from eligibility.snapshots import TalentSnapshot
from talents.models import CredentialKind

# Award criteria (docs/commendations.md#criteria): a campaign names clause codes of a rule set; each is
# evaluated on its own, at the level the talent's current credentials imply for its track.

# Clauses that need facts a talent snapshot does not hold (a round's scores, an organisation's
# permission, a plan's training or key industries): reported "not considered", never deciding.
CRITERIA_NOT_CONSIDERED = frozenset({"R7.methods", "R8.self_evaluation", "R9.training", "R9.key_industry"})


@dataclass(frozen=True)
class CriterionResult:
    code: str
    # True / False, or None when the clause cannot be judged from the registry (CRITERIA_NOT_CONSIDERED).
    passed: bool | None
    target_level: str = ""


@dataclass(frozen=True)
class CriteriaDetermination:
    outcome: str
    results: tuple[CriterionResult, ...]


def _criterion_clauses(snapshot: TalentSnapshot, params: Parameters, as_of: datetime.date) -> dict:
    """code → CriterionResult for every clause a snapshot can answer on its own."""
    found: dict[str, CriterionResult] = {}
    levels = implied_target_levels(snapshot, as_of)
    for track, determination in evaluate_batch_tracks(snapshot, params, as_of).items():
        for result in determination.clauses:
            found.setdefault(result.code, CriterionResult(result.code, result.passed, levels[track]))
    # R1 stops early (no frontline clause once the honour is there); a criterion wants each fact.
    frontline = snapshot.frontline and snapshot.years_of_work >= params.r1_frontline_min_years
    found["R1.frontline"] = CriterionResult("R1.frontline", frontline)
    high_skilled = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of) >= skill_rank(HIGH_SKILLED_FROM)
    found["R1.high_skilled"] = CriterionResult("R1.high_skilled", high_skilled, levels[Track.GREEN_CHANNEL])
    technician = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of) >= skill_rank(LEADING_TALENT_FROM)
    found["R9.technician"] = CriterionResult("R9.technician", technician)
    return found


def evaluate_criteria(
    snapshot: TalentSnapshot, rule_set, clause_codes: Iterable[str], as_of: datetime.date
) -> CriteriaDetermination:
    """A talent against an award's criteria: eligible when every clause that decides passed
    (informational R6 and not-considered clauses never decide; no criteria at all is eligible)."""
    params = rule_set if isinstance(rule_set, Parameters) else Parameters.of(rule_set)
    found = _criterion_clauses(snapshot, params, as_of)
    results = []
    for code in dict.fromkeys(clause_codes):
        if code not in BY_CODE:
            raise ValueError(f"{code!r} is not a clause code")
        if code in CRITERIA_NOT_CONSIDERED:
            results.append(CriterionResult(code, None))
        elif code.startswith("R3."):
            results.append(CriterionResult(code, True))
        else:
            results.append(found[code])
    deciding = [r for r in results if r.passed is not None and BY_CODE[r.code].decides]
    outcome = Outcome.ELIGIBLE if all(r.passed for r in deciding) else Outcome.INELIGIBLE
    return CriteriaDetermination(outcome=outcome, results=tuple(results))
