"""The portal over HTTP at provincial scale (issue 12), side by side with a naive DRF list.

1. load a large province's workload with COPY (bench/province.py: by default 100,000 dossiers, about
   90,000 of them visible to Guangdong's provincial official, 200,000 talents, evidence, attachments,
   revisions, checks, reviews and audit rows) and print the load time;
2. start gunicorn (4 sync workers, production settings via bench/settings_http.py, persistent database
   connections) on a free port of 127.0.0.1, and sign each bench user in through the login page;
3. for every page, at every connection count: run the naive list (bench/naive.py) and then the page
   with wrk (``--latency --timeout 30s``), each after a 5-second warm-up, waiting until gunicorn's
   workers are idle before every run (A B A B: the ratio compares runs measured next to each other);
4. print one table: req/s, p50, p95, p99, socket errors and non-2xx answers, the naive list's req/s
   of the adjacent run and the ratio, the single-request server time (median of 10 sequential
   requests), and whether the issue's target is met.

Run through ``./scripts/bench http`` (it prepares the database, Redis and wrk). Prints figures;
asserts nothing but that every page answers 200 to its user before it is measured. (Not named
``http.py``: run as a script, bench/ is first on sys.path and would shadow the standard library's
``http`` package for every bench.)
"""

import argparse
import contextlib
import http.client
import http.cookies
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_http")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import province  # noqa: E402
from evaluations.models import Dossier, DossierStatus  # noqa: E402
from evaluations.selectors.scope import dossiers_visible_to  # noqa: E402
from talents.figures import registry_figures_refresh  # noqa: E402
from talents.models import Talent  # noqa: E402

WARM_UP_SECONDS = 5
WARM_UP_MAX_CONNECTIONS = 8  # enough to warm every worker without queueing a long backlog
IDLE_CPU_SHARE = 0.05  # gunicorn counts as idle below 5 % of one core over a second
SINGLE_RUNS = 10

# wrk's Lua hooks: count non-2xx answers per thread and print the percentiles wrk does not (p95).
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f non2xx=%d " ..
    "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, e.connect, e.read, e.write, e.timeout, e.status))
end
"""


@dataclass
class Page:
    key: str
    label: str
    path: str
    user: str  # a key of province.USERNAMES
    target_ratio: float | None  # the req/s target as a multiple of the naive list's
    p95_targets: dict[int, float]  # connections → p95 ms target


@dataclass
class Result:
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int  # socket errors: connect, read, write, timeout
    non2xx: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def pages() -> list[Page]:
    """The measured pages with their real paths (reversed from the URL names, never spelled here)."""
    detail = (
        Dossier.objects.filter(
            organisation__region__code=province.CITY,
            status=DossierStatus.SUBMITTED,
            current_revision__isnull=False,
            attachments__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    if detail is None:
        raise SystemExit("no submitted dossier in 440100: load the province first (no --skip-load)")
    lists = {50: 250.0, 5: 60.0}
    return [
        Page("dossiers-api", "GET /api/v1/dossiers/", reverse("api:dossier-list"), "provincial", 2.0, lists),
        Page("review-queue", "review queue page", reverse("evaluations:review-queue"), "provincial", 2.0, lists),
        Page("talents-api", "talents API list", reverse("api:talent-list"), "provincial", 2.0, lists),
        Page("talents-page", "talents page", reverse("talents:list"), "provincial", 2.0, lists),
        Page("dashboard-provincial", "dashboard, provincial", reverse("dashboard"), "provincial", None, {}),
        Page("dashboard-national", "dashboard, national", reverse("dashboard"), "national", None, {}),
        Page(
            "dossier-detail",
            "dossier detail page",
            reverse("evaluations:dossier-detail", args=[detail.pk]),
            "provincial",
            1.0,
            {},
        ),
    ]


def naive_page() -> Page:
    return Page("naive", "naive DRF list", reverse("bench-naive-dossiers"), "provincial", None, {})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


class Gunicorn:
    """gunicorn with 4 sync workers on a free port, in its own session; stopped on exit."""

    def __init__(self, workers: int = 4):
        self.workers = workers
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="bench-http-"))
        self.pidfile = self.directory / "gunicorn.pid"
        self.log = self.directory / "gunicorn.log"

    def __enter__(self):
        command = [str(Path(sys.executable).parent / "gunicorn"), "talentportal.wsgi:application"]
        command += ["--workers", str(self.workers), "--worker-class", "sync"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--pid", str(self.pidfile), "--timeout", "120"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings_http"}
        self.process = subprocess.Popen(  # noqa: S603 — our own server, fixed arguments
            command, cwd=ROOT, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", reverse("accounts:login"))
                if connection.getresponse().status == 200:
                    break
            time.sleep(0.2)
        while len(_proc_children(self.process.pid)) < self.workers:
            time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def cpu_ticks(self) -> int:
        return sum(_cpu_ticks(pid) for pid in [self.process.pid, *_proc_children(self.process.pid)])

    def connections_held(self) -> int:
        """Client connections the server still holds or has queued: sockets on its port that are
        established, half-closed by the client (CLOSE_WAIT) or waiting in the listen backlog."""
        port = f":{self.port:04X}"
        held = 0
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if not fields[1].endswith(port):
                continue
            state, queue = fields[3], int(fields[4].split(":")[1], 16)
            if state == "0A":  # LISTEN: rx_queue is the accept backlog
                held += queue
            elif state in ("01", "03", "08"):  # ESTABLISHED, SYN_RECV, CLOSE_WAIT
                held += 1
        return held

    def wait_idle(self, limit: float = 900.0) -> float:
        """Block until no request is queued or in progress and the master and workers used under
        IDLE_CPU_SHARE of a core for a whole second; returns the seconds waited. A run that ended
        leaves its queued requests to drain; a worker waiting on PostgreSQL uses no CPU of its own,
        hence the sockets are counted too."""
        started = time.monotonic()
        per_second = os.sysconf("SC_CLK_TCK")
        while time.monotonic() - started < limit:
            before = self.cpu_ticks()
            time.sleep(1.0)
            if self.connections_held() == 0 and self.cpu_ticks() - before <= IDLE_CPU_SHARE * per_second:
                break
        return time.monotonic() - started


def _set_cookies(response) -> dict[str, str]:
    jar = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        jar.update({name: morsel.value for name, morsel in cookie.items()})
    return jar


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in through the login page like a browser (CSRF cookie and token); return the session id."""
    path = reverse("accounts:login")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    csrf = _set_cookies(response)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"}
    connection.request("POST", path, body=form, headers=headers)
    response = connection.getresponse()
    response.read()
    session = _set_cookies(response).get("sessionid")
    if response.status != 302 or not session:
        raise SystemExit(f"signing in as {username} failed: HTTP {response.status}")
    return session


def single_request_ms(port: int, path: str, session: str, runs: int = SINGLE_RUNS) -> tuple[float, int, int]:
    """Median of ``runs`` sequential requests on one kept-alive connection (after one untimed),
    with the status and size of the last answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Cookie": f"sessionid={session}"}
    samples = []
    for run in range(runs + 1):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if run:
            samples.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}, not 200: nothing to measure")
    return statistics.median(samples), response.status, len(body)


def wrk(port: int, path: str, session: str, connections: int, seconds: int, script: Path) -> Result:
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--latency", "--timeout", "30s", "-s", str(script), "-H", f"Cookie: sessionid={session}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next((line for line in output.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no summary:\n{output}")
    values = dict(item.split("=") for item in line.split()[1:])
    number = {key: int(float(value)) for key, value in values.items()}
    return Result(
        requests=number["requests"],
        seconds=number["duration_us"] / 1e6,
        p50=number["p50_us"] / 1000,
        p95=number["p95_us"] / 1000,
        p99=number["p99_us"] / 1000,
        errors=number["connect"] + number["read"] + number["write"] + number["timeout"],
        non2xx=number["non2xx"],
    )


def measured(server: Gunicorn, page: Page, session: str, connections: int, seconds: int, script: Path) -> Result:
    waited = server.wait_idle()
    wrk(server.port, page.path, session, min(connections, WARM_UP_MAX_CONNECTIONS), WARM_UP_SECONDS, script)
    waited += server.wait_idle()
    result = wrk(server.port, page.path, session, connections, seconds, script)
    print(
        f"  {page.label:<24} c={connections:<3} {result.rps:8.2f} req/s  p50 {result.p50:8.1f}  p95 "
        f"{result.p95:8.1f} ms  errors {result.errors}  non-2xx {result.non2xx}  (waited {waited:.0f} s for idle)",
        flush=True,
    )
    return result


def verdict(page: Page, connections: int, result: Result, ratio: float) -> str:
    if page.target_ratio is None:
        return "(report)"
    checks = [ratio >= page.target_ratio, result.errors == 0, result.non2xx == 0]
    wanted = f"≥{page.target_ratio:g}×"
    if connections in page.p95_targets:
        checks.append(result.p95 <= page.p95_targets[connections])
        wanted += f", p95≤{page.p95_targets[connections]:g}"
    return f"{'met' if all(checks) else 'MISSED'} ({wanted})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--talents", type=int, default=200_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds of each measured wrk run")
    parser.add_argument("--connections", default="50,5", help="comma-separated wrk connection counts")
    parser.add_argument("--skip-load", action="store_true", help="reuse the population already loaded")
    parser.add_argument("--pages", default="", help="comma-separated page keys (default: all)")
    args = parser.parse_args()
    connection_counts = [int(c) for c in args.connections.split(",") if c]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (./scripts/bench http installs it from Debian)")

    if not args.skip_load:
        loaded = province.load(args.dossiers, args.talents)
        rows = ", ".join(f"{count:,} {name}" for name, count in loaded.rows.items())
        print(f"load: {rows} in {loaded.seconds:.1f} s (talents included; COPY, then VACUUM ANALYZE)")
    users = province.ensure_users()  # passwords (re)set under these settings' hasher
    cache.clear()  # the bench's own Redis database: no figure cached by an earlier run
    # The officials' dashboard reads maintained figures (talents.figures): compute them as the task would.
    print(f"registry figures refresh: {registry_figures_refresh().duration_ms} ms")
    visible = dossiers_visible_to(users["provincial"]).count()
    print(
        f"population: {Dossier.objects.count():,} dossiers ({visible:,} visible to the provincial official "
        f"{users['provincial'].username}), {Talent.objects.count():,} talents"
    )

    selected = pages()
    if args.pages:
        keys = set(args.pages.split(","))
        unknown = keys - {page.key for page in selected}
        if unknown:
            raise SystemExit(f"unknown pages {sorted(unknown)}; known: {[page.key for page in selected]}")
        selected = [page for page in selected if page.key in keys]
    naive = naive_page()

    script = Path(tempfile.mkstemp(prefix="bench-wrk-", suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    # A SIGTERM (or Ctrl-C) must still stop gunicorn: turn it into an exception that unwinds.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    table = []
    try:
        with Gunicorn() as server:
            print(f"gunicorn: 4 sync workers on 127.0.0.1:{server.port} (bench.settings_http)", flush=True)
            sessions = {key: sign_in(server.port, name, province.PASSWORD) for key, name in province.USERNAMES.items()}
            singles = {}
            for page in [naive, *selected]:
                server.wait_idle()
                singles[page.key] = single_request_ms(server.port, page.path, sessions[page.user])
                median, _status, size = singles[page.key]
                print(f"single request: {page.label:<24} {median:8.1f} ms  ({size:,} bytes)  {page.path}", flush=True)
            for page in selected:
                for connections in connection_counts:
                    base = measured(server, naive, sessions[naive.user], connections, args.duration, script)
                    result = measured(server, page, sessions[page.user], connections, args.duration, script)
                    table.append((page, connections, result, base))
    finally:
        script.unlink(missing_ok=True)

    print(
        f"\nwrk {args.duration} s per run after a {WARM_UP_SECONDS} s warm-up, idle server before each run; "
        "ratio = page req/s ÷ naive list req/s of the run just before it; single = median of "
        f"{SINGLE_RUNS} sequential requests (naive list: {singles['naive'][0]:.1f} ms); latencies are those "
        "of the requests answered within the run (wrk counts a timeout only past --timeout 30s)\n"
    )
    header = f"{'page':<24} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'err':>4}"
    header += f" {'non2xx':>6} {'naive r/s':>9} {'ratio':>6} {'single ms':>9}  target"
    print(header)
    for page, connections, result, base in table:
        ratio = result.rps / base.rps if base.rps else float("inf")
        print(
            f"{page.label:<24} {connections:>5} {result.rps:8.2f} {result.p50:8.1f} {result.p95:8.1f} "
            f"{result.p99:8.1f} {result.errors:>4} {result.non2xx:>6} {base.rps:9.2f} {ratio:6.2f} "
            f"{singles[page.key][0]:9.1f}  {verdict(page, connections, result, ratio)}"
        )
    naive_errors = sum(base.errors + base.non2xx for *_rest, base in table)
    print(f"naive list runs: {len(table)}, errors + non-2xx in them: {naive_errors}")


if __name__ == "__main__":
    main()
