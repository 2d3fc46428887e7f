"""Settings of the HTTP benchmark (./scripts/bench http): the production settings, with the
environment they need filled in for a local, plain-HTTP gunicorn, and the bench's URLs (the portal's
plus the naive DRF list it is compared with). Never used by the portal itself."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-http-not-a-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/talentportal_bench_http")
os.environ.setdefault("CACHE_URL", f"redis://127.0.0.1:6379/{os.environ.get('BENCH_REDIS_DB', '6')}")
# Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HSTS. Persistent database connections stay as in
# production (DJANGO_CONN_MAX_AGE, default 60 s).
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
# The bench signs its official in with a password and measures pages, not the second factor (which
# production requires of officials: docs/security.md); with it enforced every page would redirect.
os.environ.setdefault("TWO_FACTOR_ENFORCED", "false")

from talentportal.settings.production import *  # noqa: E402, F403

DEBUG = False
ROOT_URLCONF = "bench.urls_http"
