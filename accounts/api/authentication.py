"""API token authentication with an expiry (docs/security.md, "Sessions and tokens")."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.services import api_token_expired

TOKEN_EXPIRED = _("This token has expired. Sign in again for a new one.")


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token header (``Authorization: Token …``); a token older than API_TOKEN_TTL_DAYS is refused."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if api_token_expired(token):
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED)
        return user, token
