"""Throttles of the public endpoints: per client address as ``accounts.http.client_ip`` reads it, the
same address django-axes, the audit log and the objection form's counter use."""

from rest_framework.throttling import AnonRateThrottle

from accounts.http import client_ip


class ClientAddressAnonRateThrottle(AnonRateThrottle):
    """Anonymous callers per address; signed-in users are not throttled (DRF's ``AnonRateThrottle``)."""

    def get_ident(self, request):
        return client_ip(request) or "unknown"
