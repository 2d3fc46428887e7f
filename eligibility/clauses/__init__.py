"""The clause catalogue: every condition the rules R1–R9 check, as data (docs/rules.md).

A clause has a stable code (``R1.honour``), the rule it belongs to, the tracks it is evaluated on,
its policy citation and a bilingual explanation for "passed" and "failed". Its **bit** is what a
batch result stores (``EligibilityRunResult.clauses_evaluated`` / ``clauses_passed``): bits are
append-only — never renumber or reuse one, or stored runs would be explained wrongly.

Explanations depend only on the rule set's parameters and the target level, so the same text is
rendered for a single check and for a batch result (``explain``).
"""

from functools import lru_cache

from catalogues.models import SkillLevel, TitleLevel
from eligibility.clauses.model import INTEGRATION, LANGUAGES, LEADING, Clause
from eligibility.clauses.other import OTHER_CLAUSES
from eligibility.clauses.tracks import TRACK_CLAUSES

__all__ = ["INTEGRATION", "LANGUAGES", "LEADING", "Clause"]

# Catalogue order: the tracks' clauses, then the others (explanations of a batch result follow it).
CLAUSES: tuple[Clause, ...] = TRACK_CLAUSES + OTHER_CLAUSES

BY_CODE = {clause.code: clause for clause in CLAUSES}
BY_BIT = {clause.bit: clause for clause in CLAUSES}
assert len(BY_CODE) == len(CLAUSES) and len(BY_BIT) == len(CLAUSES), "clause codes and bits are unique"
assert all(0 <= clause.bit < 63 for clause in CLAUSES), "bits fit a signed 64-bit column"


def clauses_for(track: str) -> tuple[Clause, ...]:
    return tuple(clause for clause in CLAUSES if track in clause.tracks)


def mask_of(codes) -> int:
    mask = 0
    for code in codes:
        mask |= BY_CODE[code].mask
    return mask


# Which skill level / title a target level requires (R2, R4), for explanations and rules alike.
R2_REQUIRED_SKILL = {"assistant": "senior_worker", "intermediate": "technician", "deputy_senior": "senior_technician"}
R4_REQUIRED_TITLE = {"senior_worker": "assistant", "technician": "intermediate", "senior_technician": "deputy_senior"}


@lru_cache(maxsize=1)
def _level_names() -> dict:
    """code → {language: name} of every skill and title level (the catalogue's own names)."""
    names = {}
    for model in (SkillLevel, TitleLevel):
        for code, name, name_en in model.objects.values_list("code", "name", "name_en"):
            names[code] = {"zh-hans": name, "en": name_en or name}
    return names


def level_name(code: str, language: str) -> str:
    if not code:
        return ""
    names = _level_names().get(code)
    if names is None:
        return code
    return names["en"] if (language or "").startswith("en") else names["zh-hans"]


def explanation_context(clause: Clause, rule_set, target_level: str, language: str) -> dict:
    """The values a clause's template may use: the rule set's parameters and the target level."""
    required = ""
    if clause.rule == "R2":
        required = R2_REQUIRED_SKILL.get(target_level, "")
    elif clause.rule == "R4":
        required = R4_REQUIRED_TITLE.get(target_level, "")
    r4_years = {
        "senior_worker": rule_set.r4_min_working_years_assistant,
        "technician": rule_set.r4_min_working_years_intermediate,
        "senior_technician": rule_set.r4_min_working_years_deputy_senior,
    }
    years = rule_set.r2_min_years_at_level if clause.rule == "R2" else r4_years.get(target_level, "")
    return {
        "target": level_name(target_level, language) if target_level else "",
        "required": level_name(required, language),
        "years": years,
        "frontline_years": rule_set.r1_frontline_min_years,
        "promotion_years": rule_set.r5_min_years_at_level,
        "pass_mark": rule_set.r7_pass_mark,
    }


def reason(clause: Clause, passed: bool, rule_set, target_level: str, language: str) -> dict:
    return {
        "rule": clause.rule,
        "clause": clause.code,
        "passed": passed,
        "explanation": clause.explanation(
            passed, language, explanation_context(clause, rule_set, target_level, language)
        ),
        "source": clause.source,
    }


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
