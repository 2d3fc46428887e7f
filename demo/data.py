"""Fixed inputs of the demo: organisations, accounts, names, occupations, schools (all fictional people and firms).

The organisation names are invented; schools and public bodies are real names used as issuers only.
"""

import datetime
from dataclasses import dataclass

from accounts.models import OrganisationKind, Role

DEMO_PASSWORD = "demo12345"  # noqa: S105 — the documented password of the demo accounts, never production
RANDOM_SEED = 20240601
TALENT_COUNT = 300
# Every date of the demo is computed from this fixed day, so two runs build the same records.
REFERENCE_DATE = datetime.date(2025, 12, 31)

PROVINCES = {"440000": "广东省", "320000": "江苏省", "330000": "浙江省"}
NATIONAL_REGION = "000000"

# GB/T 2260 district codes of each demo city: the first six digits of a resident's ID number.
DISTRICTS = {
    "440100": ("440103", "440104", "440105", "440106", "440111", "440112", "440113"),
    "440300": ("440303", "440304", "440305", "440306", "440307"),
    "441900": ("441900",),  # Dongguan has no districts: numbers start with the city code
    "320100": ("320102", "320104", "320105", "320106", "320111", "320115"),
    "320500": ("320505", "320506", "320507", "320508", "320581", "320583"),
    "330100": ("330102", "330105", "330106", "330108", "330109", "330110"),
    "330200": ("330203", "330205", "330206", "330211", "330212"),
}
# An organisation directly under a province recruits in the provincial capital.
CAPITALS = {"440000": "440100", "320000": "320100", "330000": "330100"}


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    region: str
    # GB 32100: registration authority and type ("91" company, "12" public institution,
    # "52" private non-enterprise unit, "11" government body), then the 9-character organisation code.
    registration: str
    organisation_code: str
    above_designated_size: bool = False
    may_self_evaluate: bool = False
    talents: int = 0
    occupations: tuple[str, ...] = ()
    specialities: tuple[str, ...] = ()


ORGANISATIONS = (
    OrganisationSpec(
        "mingzhu",
        "广州明珠数控机床有限公司",
        OrganisationKind.ENTERPRISE,
        "440100",
        "91",
        "MA59C7KX3",
        above_designated_size=True,
        talents=45,
        occupations=(
            "6-18-01-01",
            "6-18-01-02",
            "6-18-01-04",
            "6-18-01-07",
            "6-20-01-01",
            "6-31-01-02",
            "6-31-01-03",
            "6-31-07-03",
            "6-18-02-04",
            "2-02-38-05",
        ),
        specialities=("数控技术", "机械制造及自动化", "机电一体化技术", "电气自动化技术"),
    ),
    OrganisationSpec(
        "pengxin",
        "深圳鹏芯集成电路有限公司",
        OrganisationKind.ENTERPRISE,
        "440300",
        "91",
        "MA5FQ2R8W",
        above_designated_size=True,
        may_self_evaluate=True,
        talents=40,
        occupations=(
            "2-02-38-09",
            "2-02-10-03",
            "6-31-01-04",
            "6-31-03-01",
            "6-31-07-02",
            "6-31-01-03",
            "6-31-01-01",
            "6-11-01-03",
        ),
        specialities=("集成电路技术", "微电子科学与工程", "应用化工技术", "电子信息工程技术"),
    ),
    OrganisationSpec(
        "zhizao",
        "东莞智造电子科技有限公司",
        OrganisationKind.ENTERPRISE,
        "441900",
        "91",
        "MA4WD9T6P",
        talents=30,
        occupations=(
            "6-25-04-09",
            "6-31-07-03",
            "6-31-07-01",
            "6-31-01-03",
            "6-31-03-04",
            "4-01-06-01",
            "6-18-04-01",
            "6-20-01-01",
        ),
        specialities=("电子信息工程技术", "工业机器人技术", "物联网应用技术", "电子商务"),
    ),
    OrganisationSpec(
        "zijin",
        "南京紫金汽车零部件有限公司",
        OrganisationKind.ENTERPRISE,
        "320100",
        "91",
        "MA1XN3H7K",
        above_designated_size=True,
        talents=40,
        occupations=(
            "6-22-02-01",
            "4-12-01-01",
            "6-18-02-04",
            "6-18-02-01",
            "6-18-02-03",
            "6-31-07-01",
            "6-18-01-01",
            "6-31-03-06",
            "2-02-38-05",
        ),
        specialities=("汽车制造与试验技术", "汽车检测与维修技术", "焊接技术与自动化", "材料成型及控制工程"),
    ),
    OrganisationSpec(
        "xinghai",
        "苏州星海智能装备股份有限公司",
        OrganisationKind.ENTERPRISE,
        "320500",
        "91",
        "MA1PK8U2Y",
        above_designated_size=True,
        talents=35,
        occupations=(
            "2-02-38-05",
            "2-02-38-10",
            "2-02-38-11",
            "2-02-38-06",
            "6-31-07-01",
            "6-18-01-13",
            "6-20-01-01",
            "6-31-01-01",
            "6-18-01-07",
        ),
        specialities=("智能制造工程", "机器人工程", "机械设计制造及其自动化", "工业互联网技术"),
    ),
    OrganisationSpec(
        "yunqi",
        "杭州云栖数据科技有限公司",
        OrganisationKind.ENTERPRISE,
        "330100",
        "91",
        "MA2CJ5L9X",
        above_designated_size=True,
        talents=40,
        occupations=(
            "4-04-05-01",
            "4-04-05-05",
            "4-04-05-04",
            "4-04-05-02",
            "4-04-04-02",
            "4-04-04-05",
            "4-07-02-05",
            "2-02-38-01",
            "2-02-38-03",
            "2-02-38-04",
            "2-02-38-12",
        ),
        specialities=("计算机科学与技术", "软件工程", "数据科学与大数据技术", "人工智能", "信息安全"),
    ),
    OrganisationSpec(
        "yongjiang",
        "宁波甬江精密模具有限公司",
        OrganisationKind.ENTERPRISE,
        "330200",
        "91",
        "MA2HT6N4R",
        talents=30,
        occupations=(
            "6-18-04-01",
            "6-18-04-06",
            "6-18-01-04",
            "6-18-01-08",
            "6-18-01-07",
            "6-18-01-02",
            "6-18-02-03",
            "6-31-03-04",
        ),
        specialities=("模具设计与制造", "数控技术", "材料成型与控制技术"),
    ),
    OrganisationSpec(
        "college",
        "广东省机电技师学院",
        OrganisationKind.TECHNICAL_COLLEGE,
        "440000",  # directly under the province: no city review (docs/evaluations.md)
        "12",
        "455870313",
        talents=20,
        occupations=(
            "6-18-01-07",
            "6-31-01-03",
            "6-31-07-01",
            "4-12-01-01",
            "4-04-05-01",
            "6-18-02-04",
            "6-20-01-01",
            "2-02-38-05",
        ),
        specialities=("数控加工", "电气自动化设备安装与维修", "工业机器人应用与维护", "汽车维修"),
    ),
    OrganisationSpec(
        "jiangxin",
        "苏州匠心职业技能培训学校",
        OrganisationKind.TRAINING_INSTITUTION,
        "320500",
        "52",
        "MJ5A81234",
        talents=12,
        occupations=(
            "4-03-02-01",
            "4-03-02-04",
            "4-10-01-05",
            "4-10-01-06",
            "4-10-01-03",
            "4-01-06-02",
            "4-10-03-02",
            "6-31-01-03",
        ),
        specialities=("烹饪工艺与营养", "智慧健康养老服务与管理", "学前教育", "网络营销与直播电商"),
    ),
    OrganisationSpec(
        "zhijiang",
        "杭州之江技能人才评价有限公司",
        OrganisationKind.EVALUATION_ORGANISATION,
        "330100",
        "91",
        "MA27U8WQ1",
        may_self_evaluate=True,
        talents=8,
        occupations=("4-07-03-04", "6-31-03-06", "4-04-05-02", "2-06-07-13", "4-07-02-05"),
        specialities=("人力资源管理", "工商管理", "统计学"),
    ),
    OrganisationSpec(
        "hr_guangzhou", "广州市人力资源和社会保障局", OrganisationKind.HR_BUREAU, "440100", "11", "007502586"
    ),
    OrganisationSpec(
        "hr_shenzhen", "深圳市人力资源和社会保障局", OrganisationKind.HR_BUREAU, "440300", "11", "007542941"
    ),
    OrganisationSpec(
        "hr_nanjing", "南京市人力资源和社会保障局", OrganisationKind.HR_BUREAU, "320100", "11", "002498437"
    ),
    OrganisationSpec(
        "hr_hangzhou", "杭州市人力资源和社会保障局", OrganisationKind.HR_BUREAU, "330100", "11", "002488563"
    ),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    last_name: str
    first_name: str
    organisation: str = ""  # OrganisationSpec.key
    region: str = ""  # GB/T 2260 code
    is_staff: bool = False
    is_superuser: bool = False


# The README names some of these logins (clerk_gz, city_gz, prov_gd, ministry, expert1, admin).
ADMIN_USERNAME = "admin"
USERS = (
    UserSpec(ADMIN_USERNAME, Role.ADMIN, "系统", "管理员", is_staff=True, is_superuser=True),
    UserSpec("clerk_gz", Role.ENTERPRISE_CLERK, "陈", "晓雯", organisation="mingzhu"),
    UserSpec("clerk_sz", Role.ENTERPRISE_CLERK, "林", "志强", organisation="pengxin"),
    UserSpec("clerk_nj", Role.ENTERPRISE_CLERK, "王", "丽华", organisation="zijin"),
    UserSpec("clerk_hz", Role.ENTERPRISE_CLERK, "赵", "一鸣", organisation="yunqi"),
    UserSpec("clerk_college", Role.ENTERPRISE_CLERK, "黄", "振国", organisation="college"),
    UserSpec("clerk_eval", Role.ENTERPRISE_CLERK, "沈", "佳怡", organisation="zhijiang"),
    UserSpec("city_gz", Role.CITY_OFFICIAL, "李", "建平", organisation="hr_guangzhou", region="440100"),
    UserSpec("city_sz", Role.CITY_OFFICIAL, "张", "海涛", organisation="hr_shenzhen", region="440300"),
    UserSpec("city_nj", Role.CITY_OFFICIAL, "刘", "静", organisation="hr_nanjing", region="320100"),
    UserSpec("city_hz", Role.CITY_OFFICIAL, "周", "文斌", organisation="hr_hangzhou", region="330100"),
    UserSpec("prov_gd", Role.PROVINCIAL_OFFICIAL, "梁", "国华", region="440000"),
    UserSpec("prov_js", Role.PROVINCIAL_OFFICIAL, "徐", "明", region="320000"),
    UserSpec("prov_zj", Role.PROVINCIAL_OFFICIAL, "吴", "晓峰", region="330000"),
    UserSpec("ministry", Role.NATIONAL_OFFICIAL, "孙", "立新", region=NATIONAL_REGION),
    UserSpec("expert1", Role.EXPERT, "王", "德明", organisation="college"),
    UserSpec("expert2", Role.EXPERT, "李", "秀英", organisation="zhijiang"),
    # With expert1, the Guangdong committee of the evaluations demo (demo/evaluations.py).
    UserSpec("expert3", Role.EXPERT, "郑", "国栋", organisation="zhizao"),
    UserSpec("expert4", Role.EXPERT, "何", "慧敏", organisation="college"),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
    "姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万钱戴严莫孔向常汤"
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海东晨峰亮成德永春光荣"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲婷雪慧琳颖倩洁燕萍红月梅莉欣悦佳怡晶璐蕾琴兰英云丹凤雯"

# Schools that issue graduation certificates, by province and level of education.
SCHOOLS = {
    "440000": {
        "technician_college": ("广东省机械技师学院", "广州市工贸技师学院"),
        "junior_college": ("广东轻工职业技术学院", "广州番禺职业技术学院", "深圳职业技术大学"),
        "university": ("华南理工大学", "广东工业大学"),
    },
    "320000": {
        "technician_college": ("江苏省常州技师学院", "苏州技师学院"),
        "junior_college": ("南京工业职业技术大学", "苏州工业职业技术学院"),
        "university": ("南京理工大学", "东南大学"),
    },
    "330000": {
        "technician_college": ("浙江交通技师学院", "宁波技师学院"),
        "junior_college": ("宁波职业技术学院", "杭州职业技术学院", "浙江机电职业技术大学"),
        "university": ("浙江大学", "浙江工业大学"),
    },
}

SKILL_ISSUERS = {
    "440000": "广东省职业技能鉴定指导中心",
    "320000": "江苏省职业技能鉴定中心",
    "330000": "浙江省职业技能鉴定指导中心",
}
TITLE_ISSUERS = {
    "440000": "广东省人力资源和社会保障厅",
    "320000": "江苏省人力资源和社会保障厅",
    "330000": "浙江省人力资源和社会保障厅",
}
PROVINCIAL_GOVERNMENTS = {"440000": "广东省人民政府", "320000": "江苏省人民政府", "330000": "浙江省人民政府"}
PROVINCIAL_DOCUMENT_PREFIX = {"440000": "粤府", "320000": "苏政发", "330000": "浙政发"}
CITY_GOVERNMENTS = {
    "440100": "广州市人民政府",
    "440300": "深圳市人民政府",
    "441900": "东莞市人民政府",
    "320100": "南京市人民政府",
    "320500": "苏州市人民政府",
    "330100": "杭州市人民政府",
    "330200": "宁波市人民政府",
}

# Green-channel honours (docs/rules.md R1a), how many demo talents hold each, and who confers it.
GREEN_CHANNEL_HONOURS = (
    ("china_skills_award", 2, "人力资源社会保障部"),
    ("national_technical_expert", 6, "人力资源社会保障部"),
    ("state_council_special_allowance", 3, "国务院"),
    ("provincial_special_allowance", 4, ""),  # "" → the talent's provincial government
    ("provincial_high_skilled_recognition", 5, ""),
)
OTHER_HONOURS = (
    ("national_model_worker", 1, "中共中央、国务院"),
    ("national_may_day_labour_medal", 2, "中华全国总工会"),
    ("provincial_technical_expert", 8, ""),
    ("provincial_chief_technician", 3, ""),
    ("city_technical_expert", 8, "city"),  # "city" → the employer's city government
)
