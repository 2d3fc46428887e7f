"""The clause catalogue: every condition the rules R1–R9 check, as data (docs/rules.md).

A clause has a stable code (``R1.honour``), the rule it belongs to, the tracks it is evaluated on,
its policy citation and a bilingual explanation for "passed" and "failed". Its **bit** is what a
batch result stores (``EligibilityRunResult.clauses_evaluated`` / ``clauses_passed``): bits are
append-only — never renumber or reuse one, or stored runs would be explained wrongly.

Explanations depend only on the rule set's parameters and the target level, so the same text is
rendered for a single check and for a batch result (``explain``).
"""

from eligibility.clauses.model import (
    GREEN_CHANNEL_LEVELS,
    INTEGRATION,
    LANGUAGES,
    LEADING,
    R2_REQUIRED_SKILL,
    R4_REQUIRED_TITLE,
    SKILL_LEVELS,
    TITLE_LEVELS,
    Clause,
)
from eligibility.clauses.other import OTHER_CLAUSES
from eligibility.clauses.rendering import explanation_context, level_name, reason
from eligibility.clauses.tracks import TRACK_CLAUSES

__all__ = [
    "GREEN_CHANNEL_LEVELS",
    "INTEGRATION",
    "LANGUAGES",
    "LEADING",
    "R2_REQUIRED_SKILL",
    "R4_REQUIRED_TITLE",
    "SKILL_LEVELS",
    "TITLE_LEVELS",
    "Clause",
    "explanation_context",
    "level_name",
    "reason",
]

# Catalogue order: the tracks' clauses, then the others (explanations of a batch result follow it).
CLAUSES: tuple[Clause, ...] = TRACK_CLAUSES + OTHER_CLAUSES

BY_CODE = {clause.code: clause for clause in CLAUSES}
BY_BIT = {clause.bit: clause for clause in CLAUSES}
assert len(BY_CODE) == len(CLAUSES) and len(BY_BIT) == len(CLAUSES), "clause codes and bits are unique"
assert all(0 <= clause.bit < 63 for clause in CLAUSES), "bits fit a signed 64-bit column"


def reason_source(stored: dict, language: str) -> str:
    """The citation of a stored reason in ``language``, from the catalogue whenever the clause is known
    (older checks stored an English citation with the document's short name, never to be shown)."""
    clause = BY_CODE.get(stored.get("clause", ""))
    if clause is not None:
        return clause.source.text(language)
    source = stored.get("source", "")
    if isinstance(source, dict):
        return source.get("en" if (language or "").startswith("en") else "zh-hans", "")
    return source


def clauses_for(track: str) -> tuple[Clause, ...]:
    return tuple(clause for clause in CLAUSES if track in clause.tracks)


def mask_of(codes) -> int:
    mask = 0
    for code in codes:
        mask |= BY_CODE[code].mask
    return mask


def explain(
    mask_evaluated: int,
    mask_passed: int,
    rule_set,
    language: str,
    *,
    track: str | None = None,
    target_level: str = "",
) -> list[dict]:
    """The reasons behind a batch result's bit masks, in catalogue order: one dict per clause evaluated
    (``rule``, ``clause``, ``passed``, ``explanation`` in ``language``, ``source``).

    ``track`` limits them to one track's clauses (a run result holds all four); ``target_level`` is
    that track's level column, named in the explanations.
    """
    reasons = []
    for clause in CLAUSES:
        if not mask_evaluated & clause.mask:
            continue
        if track is not None and track not in clause.tracks:
            continue
        reasons.append(reason(clause, bool(mask_passed & clause.mask), rule_set, target_level, language))
    return reasons
