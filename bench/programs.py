"""Programs progress dashboard at national scale: load synthetic talents (the registry's COPY loader),
activities of every plan and 1,000,000 enrolments, refresh the progress aggregate, then time every
dashboard figure, page, API action and xlsx export for a national, a provincial and a city official.

Run through ``./scripts/bench programs`` (it prepares the database). Prints a table; asserts nothing.
The target (issue 3) is every figure under 300 ms.
"""

import argparse
import datetime
import os
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

from accounts.models import Organisation, Region, Role  # noqa: E402
from bench.registry import bench_user, load, timed  # noqa: E402
from catalogues.models import SkillLevel  # noqa: E402
from programs.models import Activity, Enrolment, KeyTask, Plan, ProgressFigure, RegionalTarget  # noqa: E402
from programs.selectors.progress import leading_talents, plan_progress  # noqa: E402
from programs.services.progress import progress_refresh  # noqa: E402
from talents.models import Talent  # noqa: E402

ACTIVITY_KINDS = ("training_course", "competition", "seminar", "expert_service")
ROLES = (
    ("national official", Role.NATIONAL_OFFICIAL, "000000"),
    ("provincial official", Role.PROVINCIAL_OFFICIAL, "440000"),
    ("city official", Role.CITY_OFFICIAL, "440100"),
)


def load_programs(enrolments: int, activities: int) -> None:
    """COPY activities (spread over the plans' key tasks and all regions) and enrolments."""
    started = time.perf_counter()
    talent_ids = list(Talent.objects.order_by("id").values_list("id", flat=True))
    tasks = list(KeyTask.objects.order_by("plan_id", "number").values_list("id", "plan_id"))
    organisers = list(Organisation.objects.order_by("id").values_list("id", "region_id")[:2000])
    now = timezone.now().isoformat()
    first_activity = (Activity.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    with connection.cursor() as cursor:
        columns = "id, plan_id, key_task_id, kind, title, title_en, description, organiser_id, region_id, "
        columns += "starts_on, ends_on, capacity, enrolled_count, status, created_at, updated_at"
        with cursor.cursor.copy(f"COPY programs_activity ({columns}) FROM STDIN") as copy:  # noqa: S608
            for n in range(activities):
                task_id, plan_id = tasks[n % len(tasks)]
                organiser_id, region_id = organisers[n % len(organisers)]
                starts = datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 900)
                copy.write_row(
                    (
                        first_activity + n,
                        plan_id,
                        task_id,
                        ACTIVITY_KINDS[n % len(ACTIVITY_KINDS)],
                        f"基准培训班{n}",
                        f"Benchmark course {n}",
                        "",
                        organiser_id,
                        region_id,
                        starts,
                        starts + datetime.timedelta(days=5),
                        100_000,
                        0,
                        "open",
                        now,
                        now,
                    )
                )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('programs_activity', 'id'), max(id)) FROM programs_activity"
        )
        # Enrolment n: talent n mod T in activity (t + round * 7) mod A — distinct per talent while
        # rounds stay below A / 7, so (activity, talent) is unique as the constraint demands.
        total_talents = len(talent_ids)
        with cursor.cursor.copy(
            "COPY programs_enrolment (activity_id, talent_id, enrolled_at, completed, completed_on) FROM STDIN"
        ) as copy:
            for n in range(enrolments):
                talent_index, round_number = n % total_talents, n // total_talents
                activity = first_activity + (talent_index + round_number * 7) % activities
                completed = n % 10 < 7
                copy.write_row(
                    (
                        activity,
                        talent_ids[talent_index],
                        now,
                        completed,
                        datetime.date(2024, 3, 1) + datetime.timedelta(days=n % 800) if completed else None,
                    )
                )
        cursor.execute(
            "UPDATE programs_activity a SET enrolled_count = c.n FROM "
            "(SELECT activity_id, count(*) AS n FROM programs_enrolment GROUP BY activity_id) c "
            "WHERE a.id = c.activity_id"
        )
        # New certificates within the plans' period for a fifth of the talents (levels senior worker+).
        senior_worker = SkillLevel.objects.get(code="senior_worker").rank
        levels = list(
            SkillLevel.objects.filter(rank__gte=senior_worker).order_by("rank").values_list("id", flat=True)[:3]
        )
        with cursor.cursor.copy(
            "COPY talents_credential (talent_id, kind, skill_level_id, speciality, obtained_on, "
            "certificate_number, issuer, created_at) FROM STDIN"
        ) as copy:
            for n, talent_id in enumerate(talent_ids[::5]):
                copy.write_row(
                    (
                        talent_id,
                        "skill_level",
                        levels[n % len(levels)],
                        "",
                        datetime.date(2024, 6, 1) + datetime.timedelta(days=n % 700),
                        f"P{talent_id:012d}",
                        "基准鉴定中心2024",
                        now,
                    )
                )
        cursor.execute("ANALYZE")
    elapsed = time.perf_counter() - started
    print(f"loaded {activities:,} activities + {enrolments:,} enrolments in {elapsed:.1f} s")


def set_targets() -> None:
    """Targets for Guangdong and Guangzhou, so the drill-down shows target vs achieved at each level."""
    regions = {code: Region.objects.get(code=code) for code in ("440000", "440100")}
    for plan in Plan.objects.all():
        for metric in ("trained_person_times", "leading_talents", "certificates"):
            for code, target in (("440000", 40_000), ("440100", 8_000)):
                RegionalTarget.objects.update_or_create(
                    plan=plan, metric=metric, region=regions[code], defaults={"target": target}
                )


def time_function(function, runs: int) -> tuple[float, float]:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def figure_queries(plan, region) -> list[tuple[str, float]]:
    """Each SQL statement the dashboard runs, with its own time (EXPLAIN ANALYZE's execution time)."""
    from django.db import reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        plan_progress(plan=plan, region=region)
    timings = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])  # noqa: S608 — our own SQL
            plan_json = cursor.fetchone()[0]
            plan_json = plan_json[0] if isinstance(plan_json, list) else plan_json
            timings.append(
                (_query_label(query["sql"]), plan_json["Execution Time"] + plan_json.get("Planning Time", 0))
            )
    return timings


QUERY_LABELS = (
    ("programs_progressfigure", "every figure (the aggregate)"),
    ("programs_regionaltarget", "targets"),
    ("programs_progressrefresh", "figures as of"),
    ("catalogues_skilllevel", "skill levels"),
    ("accounts_region", "child regions"),
)


def _query_label(sql: str) -> str:
    table = sql.split(" FROM ", 1)[1].split()[0].strip('"') if " FROM " in sql else sql[:30]
    return next((label for name, label in QUERY_LABELS if name == table), table)


def measure(runs: int) -> None:
    plans = list(Plan.objects.order_by("code"))
    print(f"enrolments in the database: {Enrolment.objects.count():,}")
    print("\nrefresh of the progress aggregate (set-based, per plan):")
    for plan in plans:
        refresh = progress_refresh(plan=plan)
        figures = ProgressFigure.objects.filter(plan=plan).count()
        print(f"  {plan.code:<36} {refresh.duration_ms:7,} ms  {figures:5,} figure rows")

    plan = Plan.objects.get(code="leading_talents_2024_2026")
    # For comparison: R9 counted live in one query (what the aggregate saves every page view).
    p50, p95 = time_function(lambda: leading_talents(plan).count(), max(3, runs // 5))
    print(f"\nR9 counted live over {Enrolment.objects.count():,} enrolments (not used by the pages): {p50:,.0f} ms")
    rows = []
    for label, role, code in ROLES:
        region = Region.objects.get(code=code)
        scope = {"region": region}
        user = bench_user(f"bench_programs_{code}", role, **scope)
        client = Client()
        client.force_login(user)
        p50, p95 = time_function(lambda region=region: plan_progress(plan=plan, region=region), runs)
        rows.append((label, "figures (plan_progress)", p50, p95, ""))
        for sql, ms in figure_queries(plan, region):
            rows.append((label, f"  query: {sql}", ms, ms, "db"))
        base = f"/programs/plans/{plan.pk}/progress/?region={code}"
        for request, url in (
            ("dashboard page", base),
            ("dashboard xlsx export", f"/programs/plans/{plan.pk}/progress/export/?region={code}"),
            ("API plans/{id}/progress", f"/api/v1/plans/{plan.pk}/progress/?region={code}"),
        ):
            p50, p95, status = timed(client, url, runs)
            rows.append((label, request, p50, p95, status))
    print(f"\nplan {plan.code}, {runs} runs each\n")
    print(f"| {'role':<20} | {'figure / request':<48} | {'p50 ms':>8} | {'p95 ms':>8} | status |")
    print(f"|{'-' * 22}|{'-' * 50}|{'-' * 10}|{'-' * 10}|--------|")
    for label, request, p50, p95, status in rows:
        print(f"| {label:<20} | {request:<48} | {p50:8.1f} | {p95:8.1f} | {status!s:>6} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--talents", type=int, default=300_000)
    parser.add_argument("--enrolments", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-load", action="store_true", help="reuse the data already loaded")
    args = parser.parse_args()
    if not args.skip_load:
        load(args.talents)
        load_programs(args.enrolments, args.activities)
        set_targets()
    measure(args.runs)


if __name__ == "__main__":
    main()
