"""The commendations API (docs/interfaces.md): each area registers its viewsets and plain views."""

from commendations.api import campaigns, nominations, publicity, review

AREAS: tuple = (campaigns, nominations, review, publicity)


def register(router) -> list:
    """Register every area's viewsets on the router; return the plain URL patterns."""
    patterns: list = []
    for area in AREAS:
        area.register(router)
        patterns.extend(area.urlpatterns)
    return patterns
