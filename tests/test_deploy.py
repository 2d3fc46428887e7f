import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "talentportal.settings.production",
    "DJANGO_SECRET_KEY": "x7#k2-production-like-secret-for-the-deploy-check-0123456789abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "talent.example.gov.cn",
    "DATABASE_URL": "sqlite:///:memory:",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_check_deploy_prints_no_warning_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.slow
def test_production_shares_one_redis_cache_between_web_workers():
    code = "from django.core.cache import caches; print(type(caches['default']).__mro__[1].__module__)"
    result = run_manage("shell", "-c", code, env=PRODUCTION_ENV)
    # accounts.cache_backends.FallbackRedisCache: Django's Redis cache, with a per-process fallback while it is down.
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis", result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_local_settings_would_fail_the_deploy_check():
    """The check is real: the development settings (DEBUG, insecure cookies) do not pass it."""
    env = {"DJANGO_SETTINGS_MODULE": "talentportal.settings.local", "DATABASE_URL": "sqlite:///:memory:"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0


# The production stack's healthchecks and logs (issue 19)


def compose_services() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_web_worker_and_beat_have_healthchecks():
    services = compose_services()
    web, worker, beat = services["web"], services["worker"], services["beat"]
    assert web["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck_web.py"]
    # $$ is compose's escape: the container's shell expands $HOSTNAME, the worker's own node name.
    assert "inspect ping -d celery@$$HOSTNAME" in worker["healthcheck"]["test"][1]
    pidfile = "/tmp/celerybeat.pid"  # noqa: S108 — inside the container
    assert f"--pidfile {pidfile}" in " ".join(beat["command"].split())
    assert pidfile in beat["healthcheck"]["test"][1]
    for service in (web, worker, beat):
        assert {"interval", "timeout", "retries"} <= set(service["healthcheck"])


def test_gunicorn_access_log_leaves_out_query_strings_and_referrers():
    """Names and certificate codes are searched by GET: the logged line keeps the path only."""
    import datetime
    import runpy
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger, SafeAtoms

    assert "-c gunicorn.conf.py" in compose_services()["web"]["command"]
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/evaluations/certificates/verify/?number=GD-2026-1&code=K7Q2M9",
        "PATH_INFO": "/evaluations/certificates/verify/",
        "QUERY_STRING": "number=GD-2026-1&code=K7Q2M9",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://talent.example.gov.cn/talents/?q=%E5%BC%A0%E4%B8%89",
        "HTTP_USER_AGENT": "probe",
        "REMOTE_ADDR": "203.0.113.9",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])

    def line(log_format):
        config = Config()
        config.set("access_log_format", log_format)
        atoms = Logger(config).atoms(response, request, environ, datetime.timedelta(milliseconds=12))
        return log_format % SafeAtoms(atoms)

    assert "K7Q2M9" in line(Config().access_log_format)  # gunicorn's default logs it: the check is real
    logged = line(conf["access_log_format"])
    assert "/evaluations/certificates/verify/" in logged and "200" in logged
    assert "K7Q2M9" not in logged and "GD-2026-1" not in logged and "%E5%BC%A0" not in logged


def _serve_once(status):
    """A one-request HTTP server on a free port; its ``seen`` list gets the request's headers."""
    import http.server
    import threading

    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — the standard library's name
            seen.append((self.path, dict(self.headers)))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.handle_request, daemon=True).start()
    return server, seen


def _probe(port, allowed_hosts="talent.example.gov.cn,.example.gov.cn"):
    env = {"PATH": os.environ["PATH"], "HEALTHCHECK_ADDRESS": f"127.0.0.1:{port}", "HEALTHCHECK_TIMEOUT": "5"}
    env["DJANGO_ALLOWED_HOSTS"] = allowed_hosts
    return subprocess.run(  # noqa: S603 — our own script
        [sys.executable, "scripts/healthcheck_web.py"], cwd=ROOT, env=env, capture_output=True, timeout=30
    ).returncode


def test_the_web_healthcheck_passes_on_200_with_an_allowed_host_over_https():
    server, seen = _serve_once(200)
    with server:
        assert _probe(server.server_port) == 0
    path, headers = seen[0]
    assert path == "/health/"
    assert headers["Host"] == "talent.example.gov.cn" and headers["X-Forwarded-Proto"] == "https"


def test_the_web_healthcheck_fails_on_503_and_when_nothing_answers():
    server, _ = _serve_once(503)
    with server:
        assert _probe(server.server_port) == 1
    assert _probe(server.server_port) == 1  # closed now


@pytest.mark.slow
@pytest.mark.parametrize(
    "secret",
    [
        "change-me-to-a-long-random-string-of-at-least-fifty-characters",  # .env.example's
        "short-but-random-Zq8",
        "a" * 60,
    ],
)
def test_check_deploy_refuses_a_placeholder_or_short_secret_key(secret):
    result = run_manage("check", "--deploy", env=PRODUCTION_ENV | {"DJANGO_SECRET_KEY": secret})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_web_container_runs_the_deploy_check_before_it_starts():
    command = " ".join(compose_services()["web"]["command"].split())
    assert command.index("manage.py check --deploy") < command.index("gunicorn")


@pytest.mark.slow
def test_check_deploy_refuses_production_without_the_second_factor():
    result = run_manage("check", "--deploy", env=PRODUCTION_ENV | {"TWO_FACTOR_ENFORCED": "false"})
    assert result.returncode != 0
    assert "TWO_FACTOR_ENFORCED" in result.stderr
