"""The clauses of R7–R9 (docs/rules.md: what rounds, organisations and plans call, not tracks) and of
the exceptional-promotion track R10 (a single-check track: no batch run determines it)."""

from eligibility.citations import INTEGRATION, KEY_TASK_2, KEY_TASK_3, LEADING, MEASURE, NOTICE_AIMS, NOTICE_FOCUS, cite
from eligibility.clauses.model import Clause
from eligibility.models import Track

EXCEPTIONAL_QUOTE = cite(
    LEADING,
    KEY_TASK_3,
    "对技艺高超、业绩突出的一线职工和解决重大工艺技术难题的高技能人才，可按规定破格晋升职业技能等级。",
    "for the front-line workers with superb skills and outstanding performance, and for high-skilled talents who "
    "solve major process and technical problems, they can be promoted to the vocational skill level",
)

OTHER_CLAUSES: tuple[Clause, ...] = (
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
    # R10 exceptional promotion (破格晋升): never eligible by itself; an official decides with a reason.
    Clause(
        code="R10.frontline",
        bit=22,
        rule="R10",
        tracks=(Track.EXCEPTIONAL_PROMOTION,),
        source=EXCEPTIONAL_QUOTE,
        passed={
            "zh-hans": "在生产服务一线岗位工作，可按破格晋升申报，由主管官员审核决定。",
            "en": "Works in a frontline production or service post: may apply for exceptional promotion; an "
            "official decides.",
        },
        failed={
            "zh-hans": "不在生产服务一线岗位：破格晋升面向一线技能人才。",
            "en": "Not in a frontline production or service post: exceptional promotion is for frontline workers.",
        },
        criterion=False,
    ),
    Clause(
        code="R10.above_current",
        bit=23,
        rule="R10",
        tracks=(Track.EXCEPTIONAL_PROMOTION,),
        source=EXCEPTIONAL_QUOTE,
        passed={
            "zh-hans": "{target}高于其现有职业技能等级，可越级申报。",
            "en": "{target} is above the talent's current skill level: one or more levels may be skipped.",
        },
        failed={
            "zh-hans": "{target}不高于其现有职业技能等级。",
            "en": "{target} is not above the talent's current skill level.",
        },
        criterion=False,
    ),
    Clause(
        code="R10.evidence",
        bit=24,
        rule="R10",
        tracks=(Track.EXCEPTIONAL_PROMOTION,),
        source=EXCEPTIONAL_QUOTE,
        passed={
            "zh-hans": "持有{competition_level}及以上技能竞赛荣誉（技术能手），供审核参考。",
            "en": "Holds a skill-competition honour (technical expert) at {competition_level} level or above, "
            "listed for the official.",
        },
        failed={
            "zh-hans": "未登记{competition_level}及以上技能竞赛荣誉；"
            "由主管官员依据申报材料（如解决重大工艺技术难题）审核决定。",
            "en": "No skill-competition honour at {competition_level} level or above is recorded; the official "
            "decides on the dossier's evidence (such as a solved major process or technical problem).",
        },
        decides=False,
        criterion=False,
    ),
    Clause(
        code="R10.target",
        bit=25,
        rule="R10",
        tracks=(),
        source=EXCEPTIONAL_QUOTE,
        passed={
            "zh-hans": "破格晋升可申报{target}。",
            "en": "Exceptional promotion leads to {target}.",
        },
        failed={
            "zh-hans": "破格晋升只能申报职业技能等级（{track_levels}），不能申报{target}。",
            "en": "Exceptional promotion leads only to a skill level ({track_levels}), not to {target_in_sentence}.",
        },
        criterion=False,
    ),
)
