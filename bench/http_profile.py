"""Where one request of each measured page spends its time (issue 12): in-process (Django's test client,
the bench's settings and database, already loaded by ``./scripts/bench http``), per page the median of
``--runs`` requests split into SQL (an execute wrapper's wall time) and the rest (Python: view,
serializer, template), the number of queries, and with ``--top N`` the N costliest functions of one
request by cumulative time. Run as ``./scripts/bench http-profile [--runs N] [--top N] [--pages a,b]
[--cold]`` (``--cold``: the versioned list cache is cleared before every request, i.e. the miss path).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_http")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from bench import province  # noqa: E402
from bench.http_bench import pages  # noqa: E402


class SqlTimer:
    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--pages", default="")
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    parser.add_argument("--skip-load", action="store_true", help=argparse.SUPPRESS)  # always: never loads
    args = parser.parse_args()
    selected = pages()
    if args.pages:
        selected = [page for page in selected if page.key in set(args.pages.split(","))]
    clients = {}
    for key, username in province.USERNAMES.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        clients[key] = client
    print(f"{'page':<24} {'total ms':>9} {'SQL ms':>8} {'other ms':>9} {'queries':>8}")
    for page in selected:
        client = clients[page.user]
        client.get(page.path)  # warm: connection, templates, translations
        totals, sqls, counts = [], [], []
        for _run in range(args.runs):
            if args.cold:
                cache.clear()
            timer = SqlTimer()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                response = client.get(page.path)
            totals.append((time.perf_counter() - started) * 1000)
            sqls.append(timer.seconds * 1000)
            counts.append(timer.queries)
            assert response.status_code == 200, (page.path, response.status_code)
        total, sql = statistics.median(totals), statistics.median(sqls)
        print(f"{page.label:<24} {total:9.1f} {sql:8.1f} {total - sql:9.1f} {max(counts):8d}", flush=True)
        if args.top:
            if args.cold:
                cache.clear()
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(page.path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
