"""A load test with locust (issue 14, "keep finding it"): 50 simulated provincial officials against
gunicorn on PostgreSQL with a large province loaded.

1. load the province with COPY (bench/province.py, shared with the HTTP bench: by default 100,000
   dossiers and 200,000 talents) into its own database, unless --skip-load;
2. start gunicorn exactly as the HTTP bench does (bench/http_bench.py: 4 sync workers, production
   settings via bench/settings_http.py) and sign the provincial official in through the login page;
3. run locust headless (bench/locustfile.py) with --users users (default 50) spawned at --spawn-rate
   per second for --duration seconds (default 60), each user mixing the review queue page, dossier
   detail pages and the dossiers and talents API lists, 0.5–2 s apart;
4. print locust's per-request table (requests, failures, req/s, p50/p95/p99) from its CSV.

Run through ``./scripts/bench locust`` (it prepares the database and Redis). Bounded: locust stops at
--duration and gunicorn is stopped on exit. Fails (exit 1) if any request failed.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_http")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import province  # noqa: E402
from bench.http_bench import Gunicorn, sign_in  # noqa: E402
from evaluations.models import Dossier  # noqa: E402
from evaluations.selectors.scope import dossiers_visible_to  # noqa: E402
from talents.figures import registry_figures_refresh  # noqa: E402
from talents.models import Talent  # noqa: E402

DETAIL_SAMPLE = 2_000  # dossier ids the users pick their detail pages from


def config(users: dict, session: str) -> dict:
    visible = dossiers_visible_to(users["provincial"]).order_by("?").values_list("pk", flat=True)[:DETAIL_SAMPLE]
    return {
        "session": session,
        "dossiers": list(visible),
        "paths": {
            "review_queue": reverse("evaluations:review-queue"),
            # {id} is filled by the locustfile (str.format), so the URL is reversed with a placeholder id.
            "dossier_detail": reverse("evaluations:dossier-detail", args=[0]).replace("/0/", "/{id}/"),
            "dossiers_api": reverse("api:dossier-list"),
            "dossier_api": reverse("api:dossier-detail", args=[0]).replace("/0/", "/{id}/"),
            "talents_api": reverse("api:talent-list"),
        },
    }


def run_locust(host: str, config_file: Path, prefix: Path, args: argparse.Namespace) -> int:
    command = [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py")]
    command += ["--headless", "--host", host, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate)]
    command += ["--run-time", f"{args.duration}s", "--stop-timeout", "30", "--csv", str(prefix), "--only-summary"]
    command += ["--loglevel", "WARNING"]
    env = {**os.environ, "BENCH_LOCUST_CONFIG": str(config_file)}
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603 — fixed arguments


def print_table(prefix: Path) -> int:
    """Print the stats CSV; return the number of failed requests."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = f"{'request':<30} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    print(header + f" {'max ms':>7}")
    failures = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        failures += int(row["Failure Count"]) if row["Name"] == "Aggregated" else 0
        print(
            f"{name:<30} {int(row['Request Count']):>8} {int(row['Failure Count']):>5} "
            f"{float(row['Requests/s']):7.2f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7} "
            f"{float(row['Max Response Time']):7.0f}"
        )
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--talents", type=int, default=200_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument("--duration", type=int, default=60, help="seconds of the run")
    parser.add_argument("--skip-load", action="store_true", help="reuse the population already loaded")
    args = parser.parse_args()

    if not args.skip_load:
        loaded = province.load(args.dossiers, args.talents)
        rows = ", ".join(f"{count:,} {name}" for name, count in loaded.rows.items())
        print(f"load: {rows} in {loaded.seconds:.1f} s (COPY, then VACUUM ANALYZE)")
    users = province.ensure_users()
    cache.clear()
    print(f"registry figures refresh: {registry_figures_refresh().duration_ms} ms")
    print(
        f"population: {Dossier.objects.count():,} dossiers "
        f"({dossiers_visible_to(users['provincial']).count():,} visible to the provincial official), "
        f"{Talent.objects.count():,} talents"
    )

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop gunicorn on a SIGTERM
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as directory, Gunicorn() as server:
        print(f"gunicorn: {server.workers} sync workers on 127.0.0.1:{server.port} (bench.settings_http)", flush=True)
        session = sign_in(server.port, province.USERNAMES["provincial"], province.PASSWORD)
        config_file = Path(directory) / "config.json"
        config_file.write_text(json.dumps(config(users, session)))
        prefix = Path(directory) / "locust"
        server.wait_idle()
        code = run_locust(f"http://127.0.0.1:{server.port}", config_file, prefix, args)
        print(
            f"\nlocust {args.users} users (spawned {args.spawn_rate:g}/s), {args.duration} s, "
            "0.5–2 s between a user's requests; times in ms\n"
        )
        failures = print_table(prefix)
    if failures or code:
        raise SystemExit(f"{failures} failed requests (locust exit code {code})")


if __name__ == "__main__":
    main()
