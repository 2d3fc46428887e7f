"""Test settings: PostgreSQL via DATABASE_URL (the test command sets it), fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")

from .base import *  # noqa: E402,F403
from .base import BASE_DIR, env  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / ".test-media"))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests create rows with factories (no service, no version bump): lists are built every time, except in
# the cache's own tests (tests/accounts/test_scope_cache.py), which turn it on.
SCOPE_CACHE_ENABLED = False
