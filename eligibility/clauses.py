"""The clause catalogue: every condition the rules R1–R9 check, as data (docs/rules.md).

A clause has a stable code (``R1.honour``), the rule it belongs to, the tracks it is evaluated on,
its policy citation and a bilingual explanation for "passed" and "failed". Its **bit** is what a
batch result stores (``EligibilityRunResult.clauses_evaluated`` / ``clauses_passed``): bits are
append-only — never renumber or reuse one, or stored runs would be explained wrongly.

Explanations depend only on the rule set's parameters and the target level, so the same text is
rendered for a single check and for a batch result (``explain``).
"""

from dataclasses import dataclass
from functools import lru_cache

from catalogues.models import SkillLevel, TitleLevel
from eligibility.citations import (
    GREEN_CHANNEL_QUOTE,
    INTEGRATION,
    KEY_TASK_2,
    LEADING,
    MEASURE,
    NO_BARRIER_QUOTE,
    NOTICE_AIMS,
    NOTICE_FOCUS,
    PROMOTION_QUOTE,
    SKILLS_TO_TITLES_QUOTE,
    TITLES_TO_SKILLS_QUOTE,
    Citation,
    cite,
)
from eligibility.models import Track

LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class Clause:
    code: str
    bit: int
    rule: str
    tracks: tuple[str, ...]
    source: Citation
    passed: dict  # language → template
    failed: dict
    # An informational clause (R6) is reported but never decides the outcome.
    decides: bool = True

    @property
    def mask(self) -> int:
        return 1 << self.bit

    def explanation(self, passed: bool, language: str, context: dict) -> str:
        templates = self.passed if passed else self.failed
        template = templates["en"] if (language or "").startswith("en") else templates["zh-hans"]
        return template.format(**context)


# R3 never fails: the clause records that these conditions were not considered (the same text either way).
ACADEMIC_BARRIERS_NOT_CONSIDERED = {
    "zh-hans": "学历、论文、外语、计算机等不作为本通道的限制性条件，未予考虑。",
    "en": "Academic qualifications, papers, foreign language and computer certificates are not conditions "
    "on this track and were not considered.",
}

CLAUSES: tuple[Clause, ...] = (
    Clause(
        code="R1.high_skilled",
        bit=0,
        rule="R1",
        tracks=(Track.GREEN_CHANNEL,),
        source=cite(
            INTEGRATION,
            MEASURE[2],
            "建立高技能人才职称评审绿色通道，对高技能领军人才实行特殊评价办法。",
            "Establish green channels … High-skilled leading talents … adopt special evaluation methods",
        ),
        passed={
            "zh-hans": "持有高级工及以上职业技能等级，属于高技能人才。",
            "en": "Holds a skill level of senior worker or above: a high-skilled talent.",
        },
        failed={
            "zh-hans": "未持有高级工及以上职业技能等级：绿色通道面向高技能人才。",
            "en": "Holds no skill level of senior worker or above: the green channel is for high-skilled talents.",
        },
    ),
    Clause(
        code="R1.honour",
        bit=1,
        rule="R1",
        tracks=(Track.GREEN_CHANNEL,),
        source=GREEN_CHANNEL_QUOTE,
        passed={
            "zh-hans": "获中华技能大奖、全国技术能手、国家级技能大师工作室领办人、"
            "享受省级及以上政府特殊津贴或经省级政府认定的高技能人才：可直接申报{target}评审，不受层级和年限限制。",
            "en": "Holds the China Skills Award, National Technical Expert, leadership of a national skill-master "
            "studio, a special government allowance at provincial level or above, or provincial recognition as a "
            "high-skilled talent: may apply directly for {target}, with no prerequisite level or years.",
        },
        failed={
            "zh-hans": "未获中华技能大奖、全国技术能手、国家级技能大师工作室领办人、"
            "省级及以上政府特殊津贴或省级政府认定的高技能人才中的任何一项。",
            "en": "Holds none of: China Skills Award, National Technical Expert, leader of a national skill-master "
            "studio, special government allowance at provincial level or above, provincial recognition as a "
            "high-skilled talent.",
        },
    ),
    Clause(
        code="R1.frontline",
        bit=2,
        rule="R1",
        tracks=(Track.GREEN_CHANNEL,),
        source=cite(
            INTEGRATION,
            MEASURE[2],
            "对技艺精湛、长期坚守生产服务一线岗位的高技能领军人才，实行特殊评价办法。",
            "High-skilled leading talents who have unique skills … and have long-term persistence in the frontline "
            "positions of production and service, adopt special evaluation methods",
        ),
        passed={
            "zh-hans": "在生产服务一线岗位工作，工作年限不少于{frontline_years}年："
            "可按特殊评价办法推荐，由主管官员审核决定。",
            "en": "Works in a frontline production or service post with at least {frontline_years} years of work: "
            "may be proposed for the special evaluation route; an official decides.",
        },
        failed={
            "zh-hans": "不属于长期坚守生产服务一线岗位（一线岗位且工作年限不少于{frontline_years}年），"
            "不适用特殊评价办法。",
            "en": "Not long in a frontline production or service post (frontline post and at least "
            "{frontline_years} years of work): the special evaluation route does not apply.",
        },
    ),
    Clause(
        code="R3.green_channel",
        bit=3,
        rule="R3",
        tracks=(Track.GREEN_CHANNEL,),
        source=NO_BARRIER_QUOTE,
        passed=ACADEMIC_BARRIERS_NOT_CONSIDERED,
        failed=ACADEMIC_BARRIERS_NOT_CONSIDERED,
    ),
    Clause(
        code="R2.level",
        bit=4,
        rule="R2",
        tracks=(Track.SKILLS_TO_TITLES,),
        source=SKILLS_TO_TITLES_QUOTE,
        passed={
            "zh-hans": "持有{required}及以上职业技能等级，可对应申报{target}职称。",
            "en": "Holds skill level {required} or above, which leads to the {target} title.",
        },
        failed={
            "zh-hans": "未持有{required}及以上职业技能等级，不能申报{target}职称（高级工对应助理级，技师对应中级，"
            "高级技师对应副高级）。",
            "en": "Does not hold skill level {required} or above, required for the {target} title (senior worker → "
            "assistant, technician → intermediate, senior technician → deputy senior).",
        },
    ),
    Clause(
        code="R2.years",
        bit=5,
        rule="R2",
        tracks=(Track.SKILLS_TO_TITLES,),
        source=SKILLS_TO_TITLES_QUOTE,
        passed={
            "zh-hans": "取得{required}及以上职业技能等级已满{years}年。",
            "en": "Has held skill level {required} or above for at least {years} year(s).",
        },
        failed={
            "zh-hans": "取得{required}及以上职业技能等级未满{years}年。",
            "en": "Has not held skill level {required} or above for {years} year(s).",
        },
    ),
    Clause(
        code="R2.series",
        bit=6,
        rule="R2",
        tracks=(Track.SKILLS_TO_TITLES,),
        source=cite(
            INTEGRATION,
            MEASURE[1],
            "明确高技能人才参加职称评审对应的职称系列（专业）。",
            "clarify the professional correspondence of high-skilled talents in the evaluation of professional titles",
        ),
        passed={
            "zh-hans": "所从事职业有对应的职称系列，在该系列参加评审。",
            "en": "The talent's occupation corresponds to a professional title series, in which the review takes "
            "place.",
        },
        failed={
            "zh-hans": "所从事职业没有对应的职称系列。",
            "en": "No professional title series corresponds to the talent's occupation.",
        },
    ),
    Clause(
        code="R3.skills_to_titles",
        bit=7,
        rule="R3",
        tracks=(Track.SKILLS_TO_TITLES,),
        source=NO_BARRIER_QUOTE,
        passed=ACADEMIC_BARRIERS_NOT_CONSIDERED,
        failed=ACADEMIC_BARRIERS_NOT_CONSIDERED,
    ),
    Clause(
        code="R4.title",
        bit=8,
        rule="R4",
        tracks=(Track.TITLES_TO_SKILLS,),
        source=TITLES_TO_SKILLS_QUOTE,
        passed={
            "zh-hans": "持有{required}及以上职称，可申报{target}职业技能评价。",
            "en": "Holds a {required} title or above, which leads to skill evaluation at {target}.",
        },
        failed={
            "zh-hans": "未持有{required}及以上职称，不能申报{target}职业技能评价（助理级对应高级工，中级对应技师，"
            "副高级对应高级技师）。",
            "en": "Does not hold a {required} title or above, required for skill evaluation at {target} (assistant → "
            "senior worker, intermediate → technician, deputy senior → senior technician).",
        },
    ),
    Clause(
        code="R4.years",
        bit=9,
        rule="R4",
        tracks=(Track.TITLES_TO_SKILLS,),
        source=TITLES_TO_SKILLS_QUOTE,
        passed={
            "zh-hans": "累计工作年限不少于{years}年，符合申报{target}的要求。",
            "en": "Has at least {years} cumulative working years, as required for {target}.",
        },
        failed={
            "zh-hans": "累计工作年限不足{years}年，不符合申报{target}的要求。",
            "en": "Has fewer than {years} cumulative working years, required for {target}.",
        },
    ),
    Clause(
        code="R6.theory_exemption",
        bit=10,
        rule="R6",
        tracks=(Track.TITLES_TO_SKILLS,),
        source=cite(
            INTEGRATION,
            MEASURE[4],
            "具有与申报职业相关专业毕业证书的，免于理论知识考试。",
            "Those who have a professional graduation certificate related to the declared occupation are exempt "
            "from the theoretical knowledge test.",
        ),
        passed={
            "zh-hans": "持有与所从事职业相关专业的毕业证书：免于理论知识考试，重点考核操作技能。",
            "en": "Holds a graduation certificate related to the occupation: exempt from the theoretical knowledge "
            "test; the assessment focuses on operational skill.",
        },
        failed={
            "zh-hans": "未持有与所从事职业相关专业的毕业证书：需参加理论知识考试（不影响申报资格）。",
            "en": "Holds no graduation certificate related to the occupation: the theoretical knowledge test "
            "applies (this does not affect eligibility).",
        },
        decides=False,
    ),
    Clause(
        code="R5.next_level",
        bit=11,
        rule="R5",
        tracks=(Track.PROMOTION, Track.STANDARD),
        source=PROMOTION_QUOTE,
        passed={
            "zh-hans": "{target}是紧邻的上一个等级，未越级申报。",
            "en": "{target} is the next level up for the talent: no level is skipped.",
        },
        failed={
            "zh-hans": "{target}不是其现有等级紧邻的上一个等级（或未持有该类等级）：除绿色通道外不得越级申报。",
            "en": "{target} is not the next level above the talent's current level (or no level of that kind is "
            "held): levels cannot be skipped outside the green channel.",
        },
    ),
    Clause(
        code="R5.years",
        bit=12,
        rule="R5",
        tracks=(Track.PROMOTION, Track.STANDARD),
        source=PROMOTION_QUOTE,
        passed={
            "zh-hans": "取得现有等级已满{promotion_years}年。",
            "en": "Has held the current level for at least {promotion_years} year(s).",
        },
        failed={
            "zh-hans": "取得现有等级未满{promotion_years}年。",
            "en": "Has held the current level for less than {promotion_years} year(s).",
        },
    ),
    Clause(
        code="R7.methods",
        bit=13,
        rule="R7",
        tracks=(),
        source=cite(
            INTEGRATION,
            MEASURE[3],
            "综合采用理论知识考试、技能操作考核、业绩评审、面试答辩、竞赛选拔等多种方式评价高技能人才。",
            "Comprehensive evaluation of high-skilled talents using a variety of methods such as theoretical "
            "knowledge examination, skill operation assessment, performance review, interview defense, and "
            "competition selection.",
        ),
        passed={
            "zh-hans": "每项未免考的考核方式均达到{pass_mark}分（满分100分）。",
            "en": "Scored at least {pass_mark} of 100 in every assessment method that was not exempted.",
        },
        failed={
            "zh-hans": "至少一项考核方式未达到{pass_mark}分（满分100分）或缺少成绩。",
            "en": "Scored below {pass_mark} of 100, or has no score, in at least one assessment method.",
        },
    ),
    Clause(
        code="R8.self_evaluation",
        bit=14,
        rule="R8",
        tracks=(),
        source=cite(
            INTEGRATION,
            MEASURE[3],
            "支持高技能人才密集、技术实力较强、内部管理规范的规模以上企业自主开展高技能人才评价。",
            "Support high-skilled talents intensive, strong technical strength, and above-scale enterprises with "
            "standardized internal management to independently carry out the evaluation of high-skilled talents.",
        ),
        passed={
            "zh-hans": "该单位经省级人社部门认定可自主开展技能评价。",
            "en": "The organisation may organise its own skill evaluation.",
        },
        failed={
            "zh-hans": "该单位未经省级人社部门认定自主开展技能评价"
            "（须为高技能人才密集、技术实力较强、规模以上且内部管理规范的企业）。",
            "en": "The organisation has not been granted self-evaluation (talent-intensive, technically strong, above "
            "designated size, standardised management).",
        },
    ),
    Clause(
        code="R9.training",
        bit=15,
        rule="R9",
        tracks=(),
        source=cite(
            LEADING,
            KEY_TASK_2,
            "加大培养培训力度，提升领军人才的技术研发、综合素质、技能水平和实践创新能力。",
            "increase the intensity of training and cultivation",
        ),
        passed={"zh-hans": "已完成本计划的培训活动。", "en": "Completed a training activity of the plan."},
        failed={"zh-hans": "未完成本计划的培训活动。", "en": "Has not completed a training activity of the plan."},
    ),
    Clause(
        code="R9.technician",
        bit=16,
        rule="R9",
        tracks=(),
        source=cite(
            LEADING,
            NOTICE_AIMS,
            "用三年左右时间，在全国新培育高技能领军人才5万人次以上。",
            "cultivate new leading talents in the country more than 50,000 person-times",
        ),
        passed={"zh-hans": "持有技师及以上职业技能等级。", "en": "Holds skill level technician or above."},
        failed={"zh-hans": "未持有技师及以上职业技能等级。", "en": "Does not hold skill level technician or above."},
    ),
    Clause(
        code="R9.key_industry",
        bit=17,
        rule="R9",
        tracks=(),
        source=cite(
            LEADING,
            NOTICE_FOCUS,
            "聚焦国家重大战略、重大工程、重大项目和重点产业需求培育高技能领军人才。",
            "focusing on the needs of major national strategies, major projects, major projects, and key industries",
        ),
        passed={
            "zh-hans": "所从事职业属于本计划的重点产业。",
            "en": "Works in an occupation of one of the plan's key industries.",
        },
        failed={
            "zh-hans": "所从事职业不属于本计划的重点产业。",
            "en": "Does not work in an occupation of the plan's key industries.",
        },
    ),
)

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
        "source": clause.source.text(language),
    }


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
