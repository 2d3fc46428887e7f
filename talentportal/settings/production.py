"""Production: every secret from the environment, no default; HTTPS only."""

from redis.backoff import NoBackoff
from redis.retry import Retry

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# One cache shared by every web worker: the API throttles and the public objection form's per-address
# limit count there (a per-process memory cache would let each worker count alone).
# While Redis does not answer, accounts.cache_backends.FallbackRedisCache counts in each worker's memory (with a
# logged warning) instead of failing every request; "redis" is the plain alias the health check asks.
# Short socket timeouts: a dead Redis host must not hold a request for the kernel's connect timeout.
_SHARED_CACHE = env.cache("CACHE_URL")
CACHES = {"default": _SHARED_CACHE}
if _SHARED_CACHE["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # No retries inside redis-py (its default backs off for seconds): accounts.cache_backends falls back at once.
    _SHARED_CACHE.setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1, "retry": Retry(NoBackoff(), 0)}
    )
    CACHES = {
        "default": _SHARED_CACHE | {"BACKEND": "accounts.cache_backends.FallbackRedisCache"},
        "redis": _SHARED_CACHE,
    }
# Sessions read from that cache and written through to the database: one query less on every page
# (docs/scale.md); a flushed cache only costs a database read.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
