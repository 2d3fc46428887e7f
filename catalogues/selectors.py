"""Reads of the catalogues. They are public reference data (no scoping); writes may only pick an
active entry, so pages, uploads and the API all offer and accept the same entries."""

from django.db.models import QuerySet

from catalogues.models import Occupation


def catalogue_list(model) -> QuerySet:
    """Every entry, retired ones included (old credentials still name them)."""
    if model is Occupation:
        return Occupation.objects.select_related("title_series")
    return model.objects.all()


def active_entries(model) -> QuerySet:
    """The entries a new or changed record may name."""
    return catalogue_list(model).filter(is_active=True)


def active_occupations() -> QuerySet[Occupation]:
    return active_entries(Occupation).order_by("code")
