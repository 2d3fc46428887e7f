"""Role checks the API makes up front, so a write the role may never take is refused before validation."""

from accounts.errors import PermissionDeniedError


def require(allowed: bool, message) -> None:
    """403 through the one exception handler, with the same body the services' refusals have."""
    if not allowed:
        raise PermissionDeniedError(message)
