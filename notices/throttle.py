"""A per-IP limit on public objections from the page (the API uses DRF's AnonRateThrottle)."""

from django.conf import settings
from django.core.cache import cache

from accounts.http import client_ip

# (objections, seconds) per IP address; settings.NOTICES_OBJECTION_PAGE_RATE overrides it.
DEFAULT_RATE = (10, 3600)


def objection_allowed(request) -> bool:
    """Count this attempt; False once the IP has used up its allowance for the window."""
    limit, window = getattr(settings, "NOTICES_OBJECTION_PAGE_RATE", DEFAULT_RATE)
    key = f"notices:objection:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
