"""Clause explanations in words: the catalogue's level and award names, the rule set's parameters, and
the facts dated after the check (docs/rules.md#clauses-and-reasons)."""

from functools import lru_cache

from catalogues.models import Award, AwardLevel, SkillLevel, TitleLevel
from eligibility.clauses.model import (
    GREEN_CHANNEL_LEVELS,
    R2_REQUIRED_SKILL,
    R4_REQUIRED_TITLE,
    SKILL_LEVELS,
    TITLE_LEVELS,
    Clause,
)

# The levels a track leads to, by the rule of its "<rule>.target" clause (docs/rules.md#checks).
TARGET_LEVELS_OF_RULE = {
    "R1": GREEN_CHANNEL_LEVELS,
    "R2": tuple(R2_REQUIRED_SKILL),
    "R4": tuple(R4_REQUIRED_TITLE),
    "R10": SKILL_LEVELS,
}
AWARD_LEVEL_NAMES = {
    AwardLevel.NATIONAL: {"zh-hans": "国家级", "en": "national"},
    AwardLevel.PROVINCIAL: {"zh-hans": "省部级", "en": "provincial or ministerial"},
    AwardLevel.CITY: {"zh-hans": "市级", "en": "city"},
}


def _english(language: str) -> bool:
    return (language or "").startswith("en")


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
    return names["en"] if _english(language) else names["zh-hans"]


def level_in_sentence(code: str, language: str) -> str:
    """A level's name inside an English sentence: title names in lower case ("an assistant title");
    skill level names keep their "Level 3 / …" form. Chinese names are unchanged."""
    name = level_name(code, language)
    if _english(language) and code in TITLE_LEVELS:
        return name[:1].lower() + name[1:]
    return name


def with_article(name: str, language: str) -> str:
    """ "an assistant", "a senior" in English; the name itself in Chinese."""
    if not _english(language) or not name:
        return name
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def levels_in_words(codes, language: str) -> str:
    """ "assistant, intermediate or deputy senior" / "助理级、中级、副高级"."""
    names = [level_in_sentence(code, language) for code in codes]
    if not names:
        return ""
    if not _english(language):
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


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
        "target_in_sentence": level_in_sentence(target_level, language) if target_level else "",
        "required": level_name(required, language),
        "a_required": with_article(level_in_sentence(required, language), language) if required else "",
        "track_levels": levels_in_words(TARGET_LEVELS_OF_RULE.get(clause.rule, ()), language),
        "years": years,
        "frontline_years": rule_set.r1_frontline_min_years,
        "promotion_years": rule_set.r5_min_years_at_level,
        "pass_mark": rule_set.r7_pass_mark,
        "competition_level": AWARD_LEVEL_NAMES.get(
            getattr(rule_set, "r10_min_competition_level", AwardLevel.PROVINCIAL),
            AWARD_LEVEL_NAMES[AwardLevel.PROVINCIAL],
        )["en" if _english(language) else "zh-hans"],
    }


@lru_cache(maxsize=1)
def _award_names() -> dict:
    return {
        code: {"zh-hans": name, "en": name_en or name}
        for code, name, name_en in Award.objects.values_list("code", "name", "name_en")
    }


# What a fact dated after the check is called when it is not a level or an award.
FACT_NAMES = {
    "national_master_studio_leader": {
        "zh-hans": "国家级技能大师工作室领办人",
        "en": "leadership of a national skill-master studio",
    },
    "graduation": {"zh-hans": "毕业证书", "en": "graduation certificate"},
}


def _fact_name(code: str, language: str) -> str:
    key = "en" if _english(language) else "zh-hans"
    if code in FACT_NAMES:
        return FACT_NAMES[code][key]
    if code in _award_names():
        return _award_names()[code][key]
    return level_name(code, language)


def later_note(later, as_of, language: str) -> str:
    """The sentence added to a failed clause when the registry holds a fact that would bear on it but
    is dated after the check: it does not count yet (docs/rules.md#clauses-and-reasons). ``later`` is
    a sequence of (code, date) — a level, award or FACT_NAMES code and the day it was obtained."""
    if not later:
        return ""
    if _english(language):
        items = ", ".join(f"{_fact_name(code, language)} ({day.isoformat()})" for code, day in later)
        return f" Dated after the check date ({as_of.isoformat()}), so not counted yet: {items}."
    items = "、".join(f"{_fact_name(code, language)}（{day.isoformat()}）" for code, day in later)
    return f"以下记录的日期晚于核查日期（{as_of.isoformat()}），暂不计入：{items}。"


def evidence_note(evidence, language: str) -> str:
    """The evidence a clause found, listed for the official who decides (R10)."""
    if not evidence:
        return ""
    if _english(language):
        items = ", ".join(f"{_fact_name(code, language)} ({day.isoformat()})" for code, day in evidence)
        return f" Evidence: {items}."
    items = "、".join(f"{_fact_name(code, language)}（{day.isoformat()}）" for code, day in evidence)
    return f"证明：{items}。"


def reason(
    clause: Clause, passed: bool, rule_set, target_level: str, language: str, *, later=(), as_of=None, evidence=()
) -> dict:
    """One reason: ``rule``, ``clause`` (the stable clause code), ``passed``, ``explanation``, ``source``;
    ``later`` facts (dated after ``as_of``) and ``evidence`` add a sentence to the explanation."""
    explanation = clause.explanation(passed, language, explanation_context(clause, rule_set, target_level, language))
    return {
        "rule": clause.rule,
        "clause": clause.code,
        "passed": passed,
        "explanation": explanation + evidence_note(evidence, language) + later_note(later, as_of, language),
        "source": clause.source.text(language),
    }
