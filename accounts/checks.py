"""Deploy checks of our own (``manage.py check --deploy``): a production secret must be a real one."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Secrets that ship in this repository (.env.example, the development, test, build and bench settings):
# anyone can read them, so a production that uses one signs its sessions with a public key.
KNOWN_PLACEHOLDER_SECRETS = frozenset(
    {
        "change-me-to-a-long-random-string-of-at-least-fifty-characters",
        "change-me",
        "build-only",
        "test-only-not-secret",
        "local-development-only-not-secret",
        "bench-http-not-a-secret-" + "x" * 40,
    }
)
# Django's own deploy warning (security.W009) asks for 50 characters; here it is an error.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5


@register(Tags.security, deploy=True)
def check_secret_key_is_not_a_placeholder(app_configs, **kwargs) -> list[Error]:
    secret = getattr(settings, "SECRET_KEY", "") or ""
    if secret in KNOWN_PLACEHOLDER_SECRETS or secret.startswith(("change-me", "django-insecure-")):
        return [
            Error(
                "DJANGO_SECRET_KEY is a placeholder published in this repository.",
                hint="Generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="accounts.E001",
            )
        ]
    if len(secret) < SECRET_KEY_MIN_LENGTH or len(set(secret)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return [
            Error(
                f"DJANGO_SECRET_KEY is too short or too plain (at least {SECRET_KEY_MIN_LENGTH} characters, "
                f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct).",
                hint="Generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="accounts.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_two_factor_is_enforced(app_configs, **kwargs) -> list[Error]:
    if not getattr(settings, "TWO_FACTOR_ENFORCED", True):
        return [
            Error(
                "TWO_FACTOR_ENFORCED is off: officials, experts and administrators would sign in with a password only.",
                hint="Leave TWO_FACTOR_ENFORCED unset (it is for a demo without an authenticator app).",
                id="accounts.E003",
            )
        ]
    return []
