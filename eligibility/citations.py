"""Policy citations of the eligibility clauses, as a reader sees them (docs/policies.md).

In Chinese a citation names the document's official Chinese title, the measure or task, and a short
statement of it written by the project (a paraphrase, not a quotation: the project works from English
translations). In English it names the English title and quotes the translation. The documents'
short names (``skills-title-integration-opinions``) are for code and docs only and are never shown.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyDocument:
    slug: str
    title_zh: str
    title_en: str


INTEGRATION = PolicyDocument(
    slug="skills-title-integration-opinions",
    title_zh="《关于进一步加强高技能人才与专业技术人才职业发展贯通的实施意见》",
    title_en="Implementation Opinions on Further Strengthening the Integrated Career Development of High-skilled "
    "Talents and Professional and Technical Talents",
)
LEADING = PolicyDocument(
    slug="leading-talents-cultivation-plan-2024-2026",
    title_zh="《关于实施高技能领军人才培育计划的通知》",
    title_en="Notice on the Implementation of the Cultivation Plan for High-skilled Leading Talents (2024–2026)",
)

# The numbered parts the clauses cite, as each language names them.
MEASURE = {
    1: ("主要措施（一）", "measure 1"),
    2: ("主要措施（二）", "measure 2"),
    3: ("主要措施（三）", "measure 3"),
    4: ("主要措施（四）", "measure 4"),
}
KEY_TASK_2 = ("重点任务（二）", "key task 2")
KEY_TASK_3 = ("重点任务（三）", "key task 3")
NOTICE_AIMS = ("总体目标", "notice")
NOTICE_FOCUS = ("总体要求", "notice")


@dataclass(frozen=True)
class Citation:
    document: PolicyDocument
    where: tuple[str, str]  # (zh-hans, en)
    statement: str  # ours, in Chinese
    quote: str  # the English translation's words

    def text(self, language: str) -> str:
        if (language or "").startswith("en"):
            return f"{self.document.title_en}, {self.where[1]}: “{self.quote}”"
        return f"{self.document.title_zh}{self.where[0]}：{self.statement}"

    def __str__(self) -> str:  # the English form, for logs and the admin
        return self.text("en")


def cite(document, where: tuple[str, str], statement: str, quote: str) -> Citation:
    return Citation(document=document, where=where, statement=statement, quote=quote)


GREEN_CHANNEL_QUOTE = cite(
    INTEGRATION,
    MEASURE[2],
    "获中华技能大奖、全国技术能手，担任国家级技能大师工作室领办人，享受省级及以上政府特殊津贴或经省级人民政府认定的高技能人才，可直接申报评审高级职称。",
    "Won the China Skills Award, National Technical Expert, as the leader of the national skill master studio, "
    "high-skilled talents enjoying special government allowances at or above the provincial level, or high-skilled "
    "talents recognized by the people's governments of various provinces … can directly apply for the evaluation "
    "of senior or deputy senior titles.",
)
NO_BARRIER_QUOTE = cite(
    INTEGRATION,
    MEASURE[2],
    "学历、论文、外语、计算机等不作为高技能人才参加职称评审的限制性条件。",
    "Academic qualifications, papers, foreign languages, computers, etc. will not be included in the title review "
    "as highly skilled personnel restrictive conditions.",
)
SKILLS_TO_TITLES_QUOTE = cite(
    INTEGRATION,
    MEASURE[2],
    "具有高级工及以上职业资格或职业技能等级的技能人才，可参加职称评审。",
    "Skilled talents with vocational qualifications or vocational skills above senior level can participate in "
    "the title review.",
)
TITLES_TO_SKILLS_QUOTE = cite(
    INTEGRATION,
    MEASURE[4],
    "取得助理级、中级、副高级职称的专业技术人才，累计工作年限符合申报条件的，可分别申报高级工、技师、高级技师职业技能评价。",
    "Professional and technical talents who have obtained assistant, intermediate, and deputy senior titles, and "
    "whose cumulative working years meet the application requirements, can apply to participate in the vocational "
    "skill evaluation of senior workers, technicians, and senior technicians …",
)
PROMOTION_QUOTE = cite(
    INTEGRATION,
    MEASURE[4],
    "取得职业资格或职业技能等级满一年后，可按累计工作年限申报相应职业（工种）的晋级评价。",
    "One year after obtaining the vocational qualification or vocational skill level, the corresponding occupation "
    "(type of work) can be declared for promotion evaluation according to the accumulated working years.",
)
