"""Seed the three plans of docs/programs.md from the policy texts (docs/policies.md): their policy,
issuing departments, period, key tasks (8 tasks, 12 digital actions, 8 special actions, real titles),
key industries mapped to occupations of the catalogue, and the national targets the texts give.

Dates the texts do not state are left empty (editable in the admin), never invented.
"""

import datetime

from django.db import migrations

NATIONAL = "000000"

# Occupation codes (catalogues/data/occupations.json) per key industry.
MANUFACTURING = [
    "6-11-01-03",  # chemical process master-control operator
    "6-18-01-01",
    "6-18-01-02",
    "6-18-01-04",
    "6-18-01-05",
    "6-18-01-07",
    "6-18-01-08",
    "6-18-01-13",
    "6-18-02-01",
    "6-18-02-03",
    "6-18-02-04",
    "6-18-04-01",
    "6-18-04-06",
    "6-20-01-01",
    "6-22-02-01",
    "6-31-01-01",
    "6-31-01-02",
    "6-31-01-03",
    "6-31-01-04",
    "6-31-03-01",
    "6-31-03-04",
    "6-31-03-06",
    "6-31-07-01",
    "6-31-07-02",
    "6-31-07-03",
    "2-02-38-05",  # intelligent manufacturing engineering technician
    "2-02-38-10",
    "2-02-38-11",
]
MAJOR_PROJECTS = [
    "6-29-01-01",
    "6-29-01-03",
    "6-29-01-04",
    "6-29-01-05",
    "6-29-02-08",
    "6-29-03-03",
    "6-29-03-05",
    "6-29-04-01",
    "6-30-05-02",
    "4-08-08-23",
    "4-07-05-03",
]
MODERN_SERVICES = [
    "4-01-06-01",
    "4-01-06-02",
    "4-02-07-08",
    "4-03-02-01",
    "4-03-02-02",
    "4-03-02-03",
    "4-03-02-04",
    "4-03-02-07",
    "4-07-03-04",
    "4-10-01-02",
    "4-10-01-03",
    "4-10-01-05",
    "4-10-01-06",
    "4-10-03-01",
    "4-10-03-02",
    "4-10-08-01",
    "4-12-01-01",
    "4-14-02-02",
]
GRASSROOTS = [
    "5-01-02-01",
    "5-05-01-02",
    "5-05-01-03",
    "5-05-05-02",
    "6-02-06-10",
    "6-02-06-11",
    "4-09-10-01",
    "4-10-01-05",
    "4-14-02-02",
    "4-14-05-01",
]
DIGITAL = "is_digital"  # every digital occupation of the catalogue

PLANS = [
    {
        "code": "leading_talents_2024_2026",
        "title": "高技能领军人才培育计划（2024—2026年）",
        "title_en": "Cultivation plan for high-skilled leading talents (2024–2026)",
        "policy_title": "关于实施高技能领军人才培育计划的通知",
        "policy_title_en": "Notice on the Implementation of the Cultivation Plan for Highly Skilled Leading Talents",
        "issuing_departments": "人力资源社会保障部、国家发展改革委、教育部、科技部、财政部、国务院国资委、全国总工会",
        "issuing_departments_en": (
            "Ministry of Human Resources and Social Security, National Development and Reform Commission, "
            "Ministry of Education, Ministry of Science and Technology, Ministry of Finance, State-owned Assets "
            "Supervision and Administration Commission, All-China Federation of Trade Unions (seven departments)"
        ),
        "period": (2024, 2026),
        "summary": (
            "围绕国家重大战略、重大工程、重大项目、重点产业和现代服务业等相关行业，用3年左右时间，"
            "在全国新培育领军人才5万人次以上，带动新增高技能人才约500万人。"
        ),
        "summary_en": (
            "Focusing on major national strategies, major projects and key industries including the modern "
            "service industry, cultivate more than 50,000 person-times of new leading talents in about three "
            "years and drive about 5 million new high-skilled talents."
        ),
        "source_file": "docs/policies.md#leading-talents-cultivation-plan",
        "tasks": [
            ("制定专项培养计划", "Formulate a special training plan to strengthen the supply of leading talents"),
            ("加大培养培育力度", "Increase the intensity of training and cultivation"),
            ("畅通晋升成长通道", "Smooth the promotion and growth channel"),
            ("提高待遇水平", "Improve the level of treatment"),
            ("完善稳才留才机制", "Improve the mechanism of stabilising and retaining talents"),
            ("支持发挥作用", "Support leading talents in playing their role"),
            ("加强领军人才平台建设", "Strengthen the construction of leading-talent platforms"),
            ("选拔表彰优秀领军人才", "Select and commend outstanding leading talents"),
        ],
        "industries": [
            ("先进制造业", "Advanced manufacturing", MANUFACTURING),
            ("重大工程与重大项目", "Major engineering works and major projects", MAJOR_PROJECTS),
            ("现代服务业", "Modern service industry", MODERN_SERVICES),
        ],
        "targets": [
            (
                "leading_talents",
                50_000,
                "3年左右新培育领军人才5万人次以上 / more than 50,000 person-times in about 3 years",
            ),
            ("certificates", 5_000_000, "带动新增高技能人才约500万人 / about 5 million new high-skilled talents"),
        ],
    },
    {
        "code": "digital_talents_2024_2026",
        "title": "加快数字人才培育支撑数字经济发展行动（2024—2026年）",
        "title_en": "Action plan for accelerating the cultivation of digital talents (2024–2026)",
        "policy_title": "关于印发《加快数字人才培育支撑数字经济发展行动方案（2024—2026年）》的通知",
        "policy_title_en": (
            "Action Plan for Accelerating the Cultivation of Digital Talents to Support the Development "
            "of the Digital Economy (2024-2026)"
        ),
        "issuing_departments": (
            "人力资源社会保障部、中共中央组织部、中央网信办、国家发展改革委、教育部、科技部、"
            "工业和信息化部、财政部、国家数据局"
        ),
        "issued_on": datetime.date(2024, 4, 2),  # 人社部发〔2024〕37号
        "issuing_departments_en": (
            "Ministry of Human Resources and Social Security, Organization Department of the CPC Central "
            "Committee, Cyberspace Administration of China, National Development and Reform Commission, Ministry "
            "of Education, Ministry of Science and Technology, Ministry of Industry and Information Technology, "
            "Ministry of Finance, National Data Administration (nine departments)"
        ),
        "period": (2024, 2026),
        "summary": (
            "紧贴数字产业化和产业数字化发展需要，用3年左右时间，扎实开展数字人才育、引、留、用等专项行动，"
            "增加数字人才有效供给，形成数字人才集聚效应。"
        ),
        "summary_en": (
            "Closely following the needs of digital industrialisation and industrial digitalisation, carry "
            "out special actions over about three years to increase the effective supply of digital talents "
            "and form an agglomeration effect."
        ),
        "source_file": "docs/policies.md#digital-talent-action-plan",
        "tasks": [
            ("实施数字技术工程师培育项目", "Implementation of digital technology engineer training projects"),
            ("推进数字技能提升行动", "Promoting digital skills upgrading actions"),
            ("开展数字人才国际交流活动", "Carry out international exchange activities for digital talents"),
            ("开展数字人才创新创业行动", "Launching initiatives for digital talent innovation and entrepreneurship"),
            ("开展数字人才赋能产业发展行动", "Launching actions of digital talents empowering industrial development"),
            ("举办数字职业技术技能竞赛活动", "Holding digital vocational technical skills competitions"),
            ("优化培养政策", "Improving training policies"),
            ("健全评价体系", "Improve the evaluation system"),
            ("完善分配制度", "Improving the distribution system"),
            ("提高投入水平", "Raising input levels"),
            ("畅通流动渠道", "Smooth flow channels"),
            ("强化激励引导", "Strengthen incentives and guidance"),
        ],
        "industries": [
            ("数字经济（数字职业）", "Digital economy (digital occupations)", DIGITAL),
        ],
        # The action plan states no national numbers; officials add targets through the services.
        "targets": [],
    },
    {
        "code": "talent_services_special_actions",
        "title": "人才服务专项行动",
        "title_en": "Special actions for talent services",
        "policy_title": "人力资源社会保障部组织实施人才服务专项行动",
        "policy_title_en": "Special actions for talent services organised by the Ministry of Human Resources and Social Security",
        "issuing_departments": "人力资源社会保障部",
        "issuing_departments_en": "Ministry of Human Resources and Social Security",
        "period": None,
        "summary": (
            "实施技能中国行动、高端人才引领行动、人才活力激发行动、专家人才基层行动、人力资源高效配置行动、"
            "人才人事扶贫行动、人才服务提升行动、人才表彰宣传行动等8项专项行动，形成人才服务组合拳。"
        ),
        "summary_en": (
            "Eight special actions — Skills China, high-end talent leading, talent vitality, experts to the "
            "grassroots, efficient allocation of human resources, talent and personnel poverty alleviation, "
            "talent service improvement, talent commendation and publicity — form a talent service package."
        ),
        "source_file": "docs/policies.md#talent-services-special-actions",
        "tasks": [
            ("技能中国行动", "Skills China Action"),
            ("高端人才引领行动", "High-end Talent Lead Action"),
            ("人才活力激发行动", "Talent Vitality Inspiration Action"),
            ("专家人才基层行动", "Grassroots Action for Experts and Talents"),
            ("人力资源高效配置行动", "Action for Efficient Allocation of Human Resources"),
            ("人才人事扶贫行动", "Talent and Personnel Poverty Alleviation Action"),
            ("人才服务提升行动", "Talent Service Improvement Action"),
            ("人才表彰宣传行动", "Talent Commendation and Publicity Action"),
        ],
        "industries": [
            ("现代制造业", "Modern manufacturing", MANUFACTURING),
            ("数字信息等战略性新兴产业", "Digital information and other strategic emerging industries", DIGITAL),
            ("基层与乡村振兴", "Grassroots services and rural revitalisation", GRASSROOTS),
        ],
        "targets": [
            (
                "trained_person_times",
                1_000_000,
                "专业技术人才知识更新工程每年培养100万人次 / knowledge renewal project: 1 million person-times a year",
            ),
        ],
    },
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("programs", "Plan")
    KeyTask = apps.get_model("programs", "KeyTask")
    KeyIndustry = apps.get_model("programs", "KeyIndustry")
    RegionalTarget = apps.get_model("programs", "RegionalTarget")
    Occupation = apps.get_model("catalogues", "Occupation")
    Region = apps.get_model("accounts", "Region")
    nation = Region.objects.get(code=NATIONAL)
    for data in PLANS:
        period = data["period"]
        plan, _created = Plan.objects.update_or_create(
            code=data["code"],
            defaults={
                **{
                    key: data[key]
                    for key in (
                        "title",
                        "title_en",
                        "policy_title",
                        "policy_title_en",
                        "issuing_departments",
                        "issuing_departments_en",
                        "summary",
                        "summary_en",
                        "source_file",
                    )
                },
                "issued_on": data.get("issued_on"),
                "period_start": datetime.date(period[0], 1, 1) if period else None,
                "period_end": datetime.date(period[1], 12, 31) if period else None,
            },
        )
        for number, (title, title_en) in enumerate(data["tasks"], start=1):
            KeyTask.objects.update_or_create(plan=plan, number=number, defaults={"title": title, "title_en": title_en})
        for name, name_en, codes in data["industries"]:
            industry, _created = KeyIndustry.objects.update_or_create(
                plan=plan, name=name, defaults={"name_en": name_en}
            )
            if codes == DIGITAL:
                occupations = Occupation.objects.filter(is_digital=True)
            else:
                occupations = Occupation.objects.filter(code__in=codes)
            industry.occupations.set(occupations)
        for metric, target, note in data["targets"]:
            RegionalTarget.objects.update_or_create(
                plan=plan, metric=metric, region=nation, defaults={"target": target, "note": note}
            )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(seed_plans, migrations.RunPython.noop)]
