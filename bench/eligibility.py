"""Batch eligibility at national scale (docs/rules.md#batch-checks): load N talents, check them all through real
Celery workers on Redis, and compare with the fastest plain-SQL statement computing R1 and R2.

1. load N synthetic talents (default 1,000,000) with COPY (bench/registry.py's loader: one skill
   certificate each), plus title certificates for a fifth and honours for 3 % of them; print the rate;
2. start a run over all talents (the service officials use), executed by ``celery worker``
   processes (--concurrency 2) on Redis; print talents/second end to end and the workers' peak RSS;
3. run one set-based statement computing only the R1 and R2 outcomes for the same talents into a
   temporary table (the lower bound), and print the ratio of the two.
Steps 2–3 repeat (``--repeats``, default 3; each repeat's results are deleted afterwards, untimed, so
every repeat sees the same table): the ratio is the median batch over the fastest bound.

Run through ``./scripts/bench --eligibility`` (it prepares the database and Redis). Prints figures;
asserts nothing.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings.test")

import django  # noqa: E402

django.setup()

from celery import current_app  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import registry  # noqa: E402
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel  # noqa: E402
from eligibility.batch_sql import STATEMENT_WORK_MEM  # noqa: E402
from eligibility.engine import GREEN_CHANNEL_AWARDS, HIGH_SKILLED_FROM  # noqa: E402
from eligibility.models import EligibilityRun, EligibilityRunResult, RunScope, RunStatus  # noqa: E402
from eligibility.services.runs import latest_published_rule_set, run_start  # noqa: E402
from talents.models import Credential, Honour, Talent  # noqa: E402

HONOUR_EVERY = 33  # about 3 % of talents hold an award
TITLE_EVERY = 5  # a fifth also hold a professional title


def load(total: int) -> None:
    started = time.perf_counter()
    first_id = (Talent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    registry.load(total)
    awards = list(Award.objects.order_by("code").values_list("id", "code"))
    green = [pk for pk, code in awards if code in GREEN_CHANNEL_AWARDS]
    others = [pk for pk, code in awards if code not in GREEN_CHANNEL_AWARDS] or green
    titles = list(TitleLevel.objects.order_by("rank").values_list("id", flat=True))
    now = timezone.now().isoformat()
    with connection.cursor() as cursor:
        columns = "talent_id, award_id, conferred_on, conferring_body, evidence, source, created_at"
        with cursor.cursor.copy(f"COPY {Honour._meta.db_table} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for n in range(0, total, HONOUR_EVERY):
                award = green[n % len(green)] if n % 2 == 0 else others[n % len(others)]
                conferred = datetime.date(2012 + n % 12, 1 + n % 12, 1)
                copy.write_row((first_id + n, award, conferred, "人力资源社会保障部", "", "manual", now))
        columns = "talent_id, kind, title_level_id, speciality, obtained_on, certificate_number, issuer, created_at"
        with cursor.cursor.copy(f"COPY {Credential._meta.db_table} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for n in range(0, total, TITLE_EVERY):
                obtained = datetime.date(2010 + n % 14, 1 + n % 12, 1)
                copy.write_row(
                    (
                        first_id + n,
                        "title",
                        titles[n % len(titles)],
                        "",
                        obtained,
                        f"T{first_id + n:012d}",
                        "基准职称评审委员会",
                        now,
                    )
                )
    elapsed = time.perf_counter() - started
    # Steady state: PostgreSQL's insert-triggered autovacuum soon sets the visibility map after a bulk
    # load, which index-only scans (chunk planning, the credential aggregate) rely on. Not timed as load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    extra = total // HONOUR_EVERY + total // TITLE_EVERY
    print(
        f"load: {total:,} talents, {total + total // TITLE_EVERY:,} credentials, {total // HONOUR_EVERY:,} honours "
        f"in {elapsed:.1f} s ({total / elapsed:,.0f} talents/s, {(2 * total + extra) / elapsed:,.0f} rows/s)"
    )


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Workers:
    """``celery -A talentportal worker`` on the bench database and broker, in its own process group."""

    def __init__(self, concurrency: int):
        self.concurrency = concurrency
        self.log = Path(tempfile.mkstemp(prefix="bench-worker-", suffix=".log")[1])

    def __enter__(self):
        db = connection.settings_dict
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        }
        command = [str(Path(sys.executable).parent / "celery"), "-A", "talentportal", "worker"]
        command += ["--concurrency", str(self.concurrency), "--loglevel", "INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        self.process = subprocess.Popen(  # noqa: S603 — our own worker, fixed arguments
            command, cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while b"ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)
        return self

    def peak_rss_mb(self) -> tuple[float, float]:
        """(main process, largest pool process) peak resident memory, from /proc VmHWM."""
        children = _children(self.process.pid)
        return _peak_rss_mb(self.process.pid), max((_peak_rss_mb(pid) for pid in children), default=0.0)

    def __exit__(self, *exc):
        import signal

        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def run_batch(concurrency: int) -> tuple[EligibilityRun, float]:
    current_app.conf.task_always_eager = False
    with current_app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    rule_set = latest_published_rule_set()
    with Workers(concurrency) as workers:
        started = time.perf_counter()
        run = run_start(actor=None, scope=RunScope.ALL)
        planned = time.perf_counter() - started
        while True:
            run.refresh_from_db(fields=["status", "done", "chunks_done"])
            if run.status not in (RunStatus.PENDING, RunStatus.RUNNING):
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        main_rss, child_rss = workers.peak_rss_mb()
    stored = EligibilityRunResult.objects.filter(run=run).count()
    print(
        f"batch: run #{run.pk} {run.status}: {stored:,} results ({run.chunk_count} chunks of "
        f"{rule_set.batch_chunk_size:,}, planned in {planned:.2f} s) in {elapsed:.1f} s end to end "
        f"= {stored / elapsed:,.0f} talents/s with {concurrency} worker processes"
    )
    print(f"worker memory: peak RSS {child_rss:.0f} MB per pool process, {main_rss:.0f} MB main process")
    return run, elapsed


BOUND_SQL = """
CREATE TEMP TABLE bench_r1_r2 AS
SELECT t.id,
       CASE WHEN c.s_max >= %(rank_high_skilled)s AND h.talent_id IS NOT NULL THEN 'eligible'
            WHEN c.s_max >= %(rank_high_skilled)s AND t.frontline AND t.years_of_work >= %(frontline_years)s
                THEN 'needs_review'
            ELSE 'ineligible' END AS r1,
       CASE WHEN c.s_max >= %(rank_senior_worker)s AND occ.title_series_id IS NOT NULL
             AND (CASE WHEN c.s_max >= %(rank_senior_technician)s THEN c.from_stech
                       WHEN c.s_max >= %(rank_technician)s THEN c.from_tech ELSE c.from_sw END)
                 + make_interval(years => %(r2_years)s) <= %(as_of)s
            THEN 'eligible' ELSE 'ineligible' END AS r2
FROM {talent} t
JOIN {occupation} occ ON occ.id = t.occupation_id
LEFT JOIN (
    SELECT cr.talent_id, max(s.rank) AS s_max,
           min(cr.obtained_on) FILTER (WHERE s.rank >= %(rank_senior_worker)s) AS from_sw,
           min(cr.obtained_on) FILTER (WHERE s.rank >= %(rank_technician)s) AS from_tech,
           min(cr.obtained_on) FILTER (WHERE s.rank >= %(rank_senior_technician)s) AS from_stech
    FROM {credential} cr JOIN {skill_level} s ON s.id = cr.skill_level_id
    WHERE cr.kind = 'skill_level' AND cr.obtained_on <= %(as_of)s
    GROUP BY cr.talent_id
) c ON c.talent_id = t.id
LEFT JOIN (
    SELECT DISTINCT talent_id FROM {honour} WHERE award_id = ANY(%(award_ids)s) AND conferred_on <= %(as_of)s
) h ON h.talent_id = t.id
"""


def sql_lower_bound(run: EligibilityRun) -> float:
    """R1 and R2 outcomes only, one statement, into an unlogged temporary table: the floor. Timed under
    PostgreSQL's defaults and under the chunk statement's settings (JIT off, its work_mem); the faster
    of the two counts, so the bound is never flattered by a setting the batch enjoys."""
    rule_set = run.rule_set
    ranks = dict(SkillLevel.objects.values_list("code", "rank"))
    params = {
        "rank_high_skilled": ranks[HIGH_SKILLED_FROM],
        "rank_senior_worker": ranks["senior_worker"],
        "rank_technician": ranks["technician"],
        "rank_senior_technician": ranks["senior_technician"],
        "frontline_years": rule_set.r1_frontline_min_years,
        "r2_years": rule_set.r2_min_years_at_level,
        "as_of": run.as_of,
        "award_ids": list(Award.objects.filter(code__in=GREEN_CHANNEL_AWARDS).values_list("id", flat=True)),
    }
    sql = BOUND_SQL.format(
        talent=Talent._meta.db_table,
        occupation=Occupation._meta.db_table,
        credential=Credential._meta.db_table,
        skill_level=SkillLevel._meta.db_table,
        honour=Honour._meta.db_table,
    )
    timings = {}
    for label, settings_sql in (
        ("defaults", "RESET jit; RESET work_mem"),
        ("chunk settings", f"SET jit = off; SET work_mem = '{STATEMENT_WORK_MEM}'"),
    ):
        with connection.cursor() as cursor:
            cursor.execute(settings_sql)
            cursor.execute("DROP TABLE IF EXISTS bench_r1_r2")
            started = time.perf_counter()
            cursor.execute(sql, params)
            timings[label] = time.perf_counter() - started
            cursor.execute("SELECT count(*) FROM bench_r1_r2")
            (rows,) = cursor.fetchone()
            cursor.execute("DROP TABLE bench_r1_r2; RESET jit; RESET work_mem")
    fastest = min(timings.values())
    detail = ", ".join(f"{label} {seconds:.1f} s" for label, seconds in timings.items())
    print(f"SQL lower bound (R1 + R2 only, one statement): {rows:,} talents in {fastest:.1f} s ({detail})")
    return fastest


def forget_results(run: EligibilityRun) -> None:
    """Keep every repeat on the same table size: drop this run's results (untimed)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {EligibilityRunResult._meta.db_table} WHERE run_id = %s", [run.pk])  # noqa: S608
        cursor.execute(f"VACUUM (ANALYZE) {EligibilityRunResult._meta.db_table}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talents", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (celery --concurrency)")
    parser.add_argument("--skip-load", action="store_true", help="reuse the talents already loaded")
    parser.add_argument("--repeats", type=int, default=3, help="batch + bound measurements (median / fastest)")
    args = parser.parse_args()
    if not args.skip_load:
        load(args.talents)
    print(f"talents in the database: {Talent.objects.count():,}")
    batches, bounds = [], []
    for repeat in range(1, args.repeats + 1):
        print(f"-- repeat {repeat} of {args.repeats}")
        run, batch_seconds = run_batch(args.workers)
        batches.append(batch_seconds)
        bounds.append(sql_lower_bound(run))
        print(f"ratio of this repeat: {batch_seconds / bounds[-1]:.1f}")
        forget_results(run)
    batch, bound = statistics.median(batches), min(bounds)
    print(
        f"batch median {batch:.1f} s (of {', '.join(f'{b:.1f}' for b in batches)}); fastest SQL bound {bound:.1f} s; "
        f"ratio batch / SQL lower bound: {batch / bound:.1f}"
    )


if __name__ == "__main__":
    main()
