"""Settings shared by every environment; read from the environment with django-environ."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "accounts.axes_app.AxesConfig",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # shared mechanisms at the bottom, domain apps above them
    "accounts",
    "notifications",
    "exports",
    "notices",
    "committees",
    "catalogues",
    "talents",
    "programs",
    "eligibility",
    "evaluations",
    "commendations",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "accounts.middleware.PortalLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.NullCharacterRefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from our own static files (htmx, Bootstrap and
# Chart.js are vendored, no inline script or on* handler: tests/security/test_headers.py). Styles allow
# inline attributes (progress bars' widths, htmx's indicator style); data: images are Bootstrap's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "talentportal.urls"
WSGI_APPLICATION = "talentportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections: CONN_MAX_AGE=0 halves list throughput (measured with wrk on 2 cores).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# API tokens expire this many days after they are issued (accounts.api.authentication).
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)
# Sessions end when the browser closes, and after a time without any request
# (accounts.middleware.SessionIdleTimeoutMiddleware): SESSION_IDLE_MINUTES_OFFICIALS for officials,
# experts and administrators, who see other organisations' people; SESSION_IDLE_MINUTES for clerks.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=120)
SESSION_IDLE_MINUTES_OFFICIALS = env.int("SESSION_IDLE_MINUTES_OFFICIALS", default=30)
# The server-side row outlives no idle limit (it is renewed with the activity stamp, once a minute).
SESSION_COOKIE_AGE = max(SESSION_IDLE_MINUTES, SESSION_IDLE_MINUTES_OFFICIALS) * 60

# Two-factor sign-in (TOTP, django-otp; docs/security.md): required for officials, experts and
# administrators, and for a clerk who enrolled. TWO_FACTOR_ENFORCED=false is for a demo without an
# authenticator app only: production's deploy check refuses it.
TWO_FACTOR_ENFORCED = env.bool("TWO_FACTOR_ENFORCED", default=True)
OTP_TOTP_ISSUER = "TalentPortal"
# Recovery codes handed out at enrolment (each works once).
TWO_FACTOR_RECOVERY_CODES = 10
# A full ID number is revealed after the password or a one-time code was given this recently.
REVEAL_CONFIRMATION_MINUTES = env.int("REVEAL_CONFIRMATION_MINUTES", default=5)

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# How many proxies in front of the app append the address they saw to X-Forwarded-For (0: none, the
# peer address counts and the header is ignored). accounts.http.client_ip reads it for the API throttles,
# the verification page, django-axes, the audit log and the objection form's counter.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# django-axes: lock an account+IP pair after repeated failures.
AXES_CLIENT_IP_CALLABLE = "accounts.http.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded evidence is personal data: kept outside any public URL, served by scoped views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

REST_FRAMEWORK = {
    # Any DRF throttle without our get_ident reads the same proxy count (ours use accounts.http.client_ip).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # No COUNT of the whole scope per page: `count` only on ?count=1 (docs/scale.md).
    "DEFAULT_PAGINATION_CLASS": "accounts.pagination.NoCountPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "accounts.api.exceptions.portal_exception_handler",
    # Public endpoints throttle anonymous callers per address (scopes named on their throttle classes).
    "DEFAULT_THROTTLE_RATES": {"certificate_verify": env.str("CERTIFICATE_VERIFY_RATE", default="30/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TalentPortal API",
    "DESCRIPTION": _("Talent-program administration: registry, evaluations, commendations, programs."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Deny by default: the schema and docs are for signed-in users, like the API itself.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags and operation ids from the resource ("talents"), not the version segment ("v1").
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Choice sets that share a field name across models get their own schema names.
    "ENUM_NAME_OVERRIDES": {
        "CredentialKindEnum": "talents.models.CredentialKind",
        "OrganisationKindEnum": "accounts.models.OrganisationKind",
        "ActivityKindEnum": "programs.models.ActivityKind",
        "ActivityStatusEnum": "programs.models.ActivityStatus",
        "PlatformKindEnum": "programs.models.PlatformKind",
        "PlatformLevelEnum": "programs.models.PlatformLevel",
        # Named too, or it collides with ActivityStatus over the field name "status".
        "RunStatusEnum": "eligibility.models.RunStatus",
        "NoticeStatusEnum": "notices.models.NoticeStatus",
        "ObjectionStatusEnum": "notices.models.ObjectionStatus",
        "NoticeEntryOutcomeEnum": "notices.models.EntryOutcome",
        # evaluations: rounds and dossiers (several models have a "kind", "status" or "outcome").
        "RoundKindEnum": "evaluations.models.RoundKind",
        "OrganiserKindEnum": "evaluations.models.OrganiserKind",
        "EvidenceKindEnum": "evaluations.models.EvidenceKind",
        "DossierStatusEnum": "evaluations.models.DossierStatus",
        "NominationStatusEnum": "commendations.models.NominationStatus",
        "MethodEnum": "evaluations.models.Method",
        "OutcomeEnum": "eligibility.models.Outcome",
        "TrackEnum": "eligibility.models.Track",
        # evaluations: the review (a "decision" collides with the objections' resolution).
        "ReviewDecisionEnum": "evaluations.models.ReviewDecision",
        "ReviewLevelEnum": "evaluations.models.ReviewLevel",
        "CommentVisibilityEnum": "evaluations.models.CommentVisibility",
        # evaluations: votes and certificates ("status" again, and a vote's "choice").
        "CertificateStatusEnum": "evaluations.models.CertificateStatus",
        "VoteChoiceEnum": "committees.models.VoteChoice",
    },
}

# Celery: the embedded default runs tasks in-process; CELERY_BROKER_URL switches to Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL.startswith("memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that enqueues a task gives up quickly when Redis is down (the caller records the failure,
# e.g. an export is marked failed) rather than holding the page for Celery's default retries.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Batch eligibility runs (docs/rules.md#batch-checks): re-queue chunks whose worker died; the nightly national run.
CELERY_BEAT_SCHEDULE = {
    "eligibility-requeue-stale-chunks": {"task": "eligibility.requeue_stale_chunks", "schedule": 60.0},
    "eligibility-nightly-run": {"task": "eligibility.nightly_run", "schedule": crontab(hour=2, minute=0)},
    "eligibility-prune-results": {"task": "eligibility.prune_results", "schedule": crontab(hour=4, minute=0)},
    # The programs progress dashboards' aggregate (programs.services.progress), every 15 minutes.
    "programs-progress-refresh": {"task": "programs.tasks.progress_refresh_all", "schedule": 15 * 60.0},
    # The role dashboard's registry figures (talents.figures), every 15 minutes (and after writes).
    "talents-registry-figures-refresh": {"task": "talents.tasks.registry_figures_refresh", "schedule": 15 * 60.0},
    # Public notices past their last day with no unresolved objection close (notices.tasks), daily.
    "notices-close-due": {"task": "notices.close_due", "schedule": crontab(hour=0, minute=30)},
    # Files of large exports older than EXPORT_KEEP_DAYS are deleted (the ledger rows stay), daily.
    "exports-expire": {"task": "exports.expire", "schedule": crontab(hour=4, minute=30)},
}
ELIGIBILITY_HEARTBEAT_SECONDS = env.int("ELIGIBILITY_HEARTBEAT_SECONDS", default=5)
ELIGIBILITY_STALE_AFTER_SECONDS = env.int("ELIGIBILITY_STALE_AFTER_SECONDS", default=60)
# Finished runs per scope whose per-talent results are kept (with the runs they compare with); older
# runs keep their frozen summary only (eligibility.services.runs.run_prune_results, daily at 04:00).
ELIGIBILITY_KEEP_RUNS_PER_SCOPE = env.int("ELIGIBILITY_KEEP_RUNS_PER_SCOPE", default=7)

# List exports (exports app): up to this many rows are answered at once, larger ones are built by a
# task; the files of those are kept this many days.
EXPORT_DIRECT_ROWS = env.int("EXPORT_DIRECT_ROWS", default=2000)
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
# One worksheet holds 1,048,576 rows; a larger list must be narrowed by its filters first.
EXPORT_MAX_ROWS = env.int("EXPORT_MAX_ROWS", default=1_000_000)

# The portal's public address, for links that leave it: certificate QR codes, links in e-mails.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="talentportal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Serve static files straight from the finders while developing and testing (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# The versioned list cache (accounts.cache, docs/scale.md "Cached lists"); it needs a cache shared by all
# processes (production: Redis through CACHE_URL).
SCOPE_CACHE_ENABLED = env.bool("SCOPE_CACHE_ENABLED", default=True)
