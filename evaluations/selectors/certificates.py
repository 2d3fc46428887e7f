"""Reads of certificates and of a round's notice candidates: scoped lists for the enterprise and the
officials, and the public verification by number and code (which never tells whether a number exists)."""

import secrets
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from accounts.scoping import organisation_scope
from evaluations import rules
from evaluations.models import Certificate, Dossier, DossierStatus, Round
from evaluations.selectors.scope import dossier_scope, rounds_visible_to

if TYPE_CHECKING:
    from accounts.models import User


def certificate_list(*, actor: "User") -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(organisation_scope(actor, "dossier__organisation"))
        .select_related("talent", "occupation", "title_series", "dossier__organisation")
        .order_by("-issued_on", "-pk")
    )


def certificate_get(*, actor: "User", pk: int) -> Certificate:
    try:
        return certificate_list(actor=actor).select_related("dossier__round").get(pk=pk)
    except Certificate.DoesNotExist:
        raise Http404 from None


def normalise_code(value: str) -> str:
    return "".join((value or "").split()).upper()


def certificate_verify(*, number: str, code: str) -> Certificate | None:
    """The certificate with this number and code, or None for a wrong number or code alike."""
    number, code = "".join((number or "").split()).upper(), normalise_code(code)
    if not number or not code or len(number) > 40 or len(code) > 16:
        return None
    certificate = (
        Certificate.objects.filter(number=number)
        .select_related("talent", "occupation", "title_series", "dossier__round")
        .first()
    )
    if certificate is None:
        secrets.compare_digest(code.encode(), code.encode())  # the same work either way
        return None
    if not secrets.compare_digest(certificate.verification_code.encode(), code.encode()):
        return None
    return certificate


def notice_round_get(*, actor: "User", pk: int) -> Round:
    """A round of the provincial official's province (404 otherwise)."""
    try:
        round_ = rounds_visible_to(actor).select_related("region").get(pk=pk)
    except Round.DoesNotExist:
        raise Http404 from None
    if not rules.is_provincial_official_of_round(actor, round_):
        raise Http404
    return round_


def passed_dossiers(*, actor: "User", round_: Round) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(dossier_scope(actor), round=round_, status=DossierStatus.PASSED)
        .select_related("talent", "organisation")
        .order_by("organisation__name", "pk")
    )
