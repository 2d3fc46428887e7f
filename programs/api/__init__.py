"""The programs API (docs/interfaces.md): each area registers its viewsets (and plain views, if any)."""

from programs.api import activities, plans, platforms, questions

AREAS = (plans, activities, questions, platforms)


def register(router) -> list:
    """Register every area's viewsets on the router; return the plain URL patterns."""
    patterns = []
    for area in AREAS:
        area.register(router)
        patterns.extend(area.urlpatterns)
    return patterns
