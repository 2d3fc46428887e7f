"""Registry at national scale: load N synthetic talents into PostgreSQL with COPY, then time the
pages and endpoints people use most, per role, in-process (Django test client, no network).

Run through ./scripts/bench (it prepares the database). Prints figures; asserts nothing.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation, Region, Role, User  # noqa: E402
from accounts.validators import credit_code_from_parts  # noqa: E402
from catalogues.models import Occupation, SkillLevel  # noqa: E402
from talentportal.dashboard import registry_figures, talents_by_region  # noqa: E402
from talents.figures import registry_figures_refresh  # noqa: E402
from talents.models import Talent  # noqa: E402
from talents.validators import id_number_from_parts  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海波宁亮鹏飞晨阳斌"
ORGS_PER_CITY = 40


def load(total: int, seed: int = 7, organisations: list[Organisation] | None = None) -> None:
    """Talent n is employed by ``organisations[n % len(organisations)]`` (default: ORGS_PER_CITY new
    enterprises in every city and province, evenly)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    if organisations is None:
        cities = list(Region.objects.filter(level="city")) + list(Region.objects.filter(level="province"))
        organisations = Organisation.objects.bulk_create(
            Organisation(
                credit_code=credit_code_from_parts(region.code, f"BM{n:07d}"),
                name=f"基准企业{region.code}-{i}",
                kind="enterprise",
                region=region,
            )
            for n, (region, i) in enumerate((r, i) for r in cities for i in range(ORGS_PER_CITY))
        )
    occupations = list(Occupation.objects.values_list("id", flat=True))
    levels = list(SkillLevel.objects.order_by("rank").values_list("id", flat=True))
    now = timezone.now().isoformat()
    talent_id_start = (Talent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    with connection.cursor() as cursor:
        columns = "id, name, id_number, birth_date, gender, employer_id, occupation_id, frontline, years_of_work, "
        columns += "education, created_at, updated_at"
        with cursor.cursor.copy(f"COPY talents_talent ({columns}) FROM STDIN") as copy:  # noqa: S608
            for n in range(total):
                organisation = organisations[n % len(organisations)]
                birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 14000)
                district = f"{organisation.region.code[:4]}{n // (500 * 14000) % 100:02d}"
                number = id_number_from_parts(district, birth, n // 14000 % 500, male=n % 2 == 0)
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if n % 3 else "")
                copy.write_row(
                    (
                        talent_id_start + n,
                        name,
                        number,
                        birth,
                        "male" if n % 2 == 0 else "female",
                        organisation.pk,
                        occupations[n % len(occupations)],
                        n % 3 != 0,
                        n % 35,
                        "secondary",
                        now,
                        now,
                    )
                )
        cursor.execute("SELECT setval(pg_get_serial_sequence('talents_talent', 'id'), max(id)) FROM talents_talent")
        columns = (
            "talent_id, kind, skill_level_id, occupation_id, speciality, obtained_on, certificate_number, issuer, "
        )
        columns += "created_at"
        with cursor.cursor.copy(f"COPY talents_credential ({columns}) FROM STDIN") as copy:  # noqa: S608
            for n in range(total):
                copy.write_row(
                    (
                        talent_id_start + n,
                        "skill_level",
                        levels[n % 5],
                        occupations[n % len(occupations)],
                        "",
                        datetime.date(2015 + n % 9, 1 + n % 12, 1),
                        f"B{talent_id_start + n:012d}",
                        "基准鉴定中心",
                        now,
                    )
                )
        cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - started
    print(f"loaded {total:,} talents + {total:,} credentials in {elapsed:.1f} s ({total / elapsed:,.0f} talents/s)")


def bench_user(username: str, role: str, **scope) -> User:
    user, _created = User.objects.get_or_create(username=username, defaults={"role": role, **scope})
    return user


def timed(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm caches and connections
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], response.status_code


def timed_call(function, runs: int) -> tuple[float, float]:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def measure(runs: int) -> None:
    some_talent = Talent.objects.filter(employer__region__code="440100").order_by("id").first()
    users = {
        "national official": bench_user(
            "bench_ministry", Role.NATIONAL_OFFICIAL, region=Region.objects.get(code="000000")
        ),
        "provincial official": bench_user(
            "bench_gd", Role.PROVINCIAL_OFFICIAL, region=Region.objects.get(code="440000")
        ),
        "city official": bench_user("bench_gz", Role.CITY_OFFICIAL, region=Region.objects.get(code="440100")),
        "enterprise clerk": bench_user("bench_clerk", Role.ENTERPRISE_CLERK, organisation=some_talent.employer),
    }
    urls = [
        ("talent list page", "/talents/"),
        ("talent list, name search", "/talents/?q=王伟"),
        ("talent list, digital filter", "/talents/?digital=true"),
        ("talent detail page", f"/talents/{some_talent.pk}/"),
        ("API talents list", "/api/v1/talents/"),
        ("dashboard", "/"),
    ]
    # The role dashboard's maintained figures (talents.figures): what one refresh costs, and what the
    # officials' dashboard figures cost counted live per request (the page before issue 12) for comparison.
    refresh = registry_figures_refresh()
    print(f"registry figures refresh (set-based, after writes and every 15 min): {refresh.duration_ms} ms")
    print(f"\n{'role':<20} {'dashboard figures counted live':<30} {'p50 ms':>8} {'p95 ms':>8}")
    for role, user in users.items():
        p50, p95 = timed_call(lambda user=user: (registry_figures(user), talents_by_region(user)), max(3, runs // 4))
        print(f"{role:<20} {'(the page before issue 12)':<30} {p50:8.1f} {p95:8.1f}")
    print(f"\n{'role':<20} {'request':<30} {'p50 ms':>8} {'p95 ms':>8}  status")
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for label, url in urls:
            p50, p95, status = timed(client, url, runs)
            print(f"{role:<20} {label:<30} {p50:8.1f} {p95:8.1f}  {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--talents", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-load", action="store_true", help="reuse the talents already loaded")
    args = parser.parse_args()
    if not args.skip_load:
        load(args.talents)
    print(f"talents in the database: {Talent.objects.count():,}")
    measure(args.runs)


if __name__ == "__main__":
    main()
