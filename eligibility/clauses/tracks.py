"""The clauses of the tracks, R1–R6 (docs/rules.md): the conditions a single check or a batch run evaluates."""

from eligibility.citations import (
    GREEN_CHANNEL_QUOTE,
    INTEGRATION,
    MEASURE,
    NO_BARRIER_QUOTE,
    PROMOTION_QUOTE,
    SKILLS_TO_TITLES_QUOTE,
    TITLES_TO_SKILLS_QUOTE,
    cite,
)
from eligibility.clauses.model import Clause
from eligibility.models import Track

# R3 never fails: the clause records that these conditions were not considered (the same text either way).
ACADEMIC_BARRIERS_NOT_CONSIDERED = {
    "zh-hans": "学历、论文、外语、计算机等不作为本通道的限制性条件，未予考虑。",
    "en": "Academic qualifications, papers, foreign language and computer certificates are not conditions "
    "on this track and were not considered.",
}

TRACK_CLAUSES: tuple[Clause, ...] = (
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
            "en": "Holds skill level {required} or above, which leads to the {target_in_sentence} title.",
        },
        failed={
            "zh-hans": "未持有{required}及以上职业技能等级，不能申报{target}职称（高级工对应助理级，技师对应中级，"
            "高级技师对应副高级）。",
            "en": "Does not hold skill level {required} or above, required for the {target_in_sentence} title "
            "(senior worker → assistant, technician → intermediate, senior technician → deputy senior).",
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
            "en": "Holds {a_required} title or above, which leads to skill evaluation at {target}.",
        },
        failed={
            "zh-hans": "未持有{required}及以上职称，不能申报{target}职业技能评价（助理级对应高级工，中级对应技师，"
            "副高级对应高级技师）。",
            "en": "Does not hold {a_required} title or above, required for skill evaluation at {target} (assistant → "
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
    # "This track does not lead to that level" is an answer, not a bad request (docs/rules.md#checks): a real
    # level outside the track is ineligible with the levels the track does lead to. Single checks only (a
    # batch run determines every track at a level it leads to), so no track lists them and no criterion.
    Clause(
        code="R1.target",
        bit=18,
        rule="R1",
        tracks=(),
        source=GREEN_CHANNEL_QUOTE,
        passed={
            "zh-hans": "绿色通道可申报{target}。",
            "en": "The green channel leads to {target_in_sentence}.",
        },
        failed={
            "zh-hans": "绿色通道只能直接申报{track_levels}职称，不能申报{target}。",
            "en": "The green channel leads only to {track_levels} titles, not to {target_in_sentence}.",
        },
        criterion=False,
    ),
    Clause(
        code="R2.target",
        bit=19,
        rule="R2",
        tracks=(),
        source=SKILLS_TO_TITLES_QUOTE,
        passed={
            "zh-hans": "技能贯通职称可申报{target}。",
            "en": "Skills to titles leads to {target_in_sentence}.",
        },
        failed={
            "zh-hans": "技能人才贯通职称只能申报{track_levels}职称，不能申报{target}。",
            "en": "Skills to titles leads only to {track_levels} titles, not to {target_in_sentence}.",
        },
        criterion=False,
    ),
    Clause(
        code="R4.target",
        bit=20,
        rule="R4",
        tracks=(),
        source=TITLES_TO_SKILLS_QUOTE,
        passed={
            "zh-hans": "职称贯通技能可申报{target}。",
            "en": "Titles to skills leads to {target_in_sentence}.",
        },
        failed={
            "zh-hans": "专业技术人才贯通技能只能申报{track_levels}职业技能评价，不能申报{target}。",
            "en": "Titles to skills leads only to skill evaluation at {track_levels}, not to {target_in_sentence}.",
        },
        criterion=False,
    ),
    # R1(a) attests high skill by the honour itself: a skill level missing from the registry does not refuse
    # the honoured talent, an official confirms (needs_review). Evaluated instead of R1.high_skilled when
    # the talent is honoured and holds no skill level at all (docs/rules.md#r1-green-channel).
    Clause(
        code="R1.skill_recorded",
        bit=21,
        rule="R1",
        tracks=(Track.GREEN_CHANNEL,),
        source=GREEN_CHANNEL_QUOTE,
        passed={
            "zh-hans": "登记系统中有其职业技能等级记录。",
            "en": "A skill level is recorded in the registry.",
        },
        failed={
            "zh-hans": "登记系统中没有其职业技能等级记录；所获荣誉本身表明其为高技能人才，由主管官员核实后决定。",
            "en": "No skill level is recorded in the registry; the honour itself attests a high-skilled talent, so an "
            "official confirms and decides.",
        },
        criterion=False,
    ),
)
