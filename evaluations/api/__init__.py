"""The evaluations API (docs/interfaces.md): each area registers its viewsets and plain views."""

from evaluations.api import assessment, certificates, dossiers, review, rounds

AREAS = (rounds, dossiers, review, assessment, certificates)


def register(router) -> list:
    """Register every area's viewsets on the router; return the plain URL patterns."""
    patterns = []
    for area in AREAS:
        area.register(router)
        patterns.extend(area.urlpatterns)
    return patterns
