"""Public notice of passed dossiers and certificates (docs/evaluations.md).

A provincial official puts a round's passed dossiers into one public notice (notices app); when the
notice ends with no upheld objection, ``evaluations.notice_handlers`` issues the certificate and
certifies the dossier; an upheld objection fails it.

Certificate numbers: ``{province}{year}{kind}{sequence}`` — the province's two-digit GB/T 2260
prefix, the issuing year, S (skill evaluation) or T (title review), and a six-digit sequence per
prefix. The sequence is taken under a PostgreSQL transaction-level advisory lock on the prefix, so
two issues at the same moment never take the same number (the unique constraint is the last guard).
"""

import secrets
import zlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import workflow
from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record
from catalogues.models import SkillLevel, TitleLevel
from eligibility.clauses import level_name
from evaluations import rules
from evaluations.models import Certificate, CertificateStatus, Dossier, DossierStatus, Round, RoundKind
from evaluations.workflow import DOSSIER_WORKFLOW
from notices.services import NoticeSubject, notice_publish
from talents.models import Credential, CredentialKind, CredentialSource
from talents.services import credential_revoke
from talents.validators import mask_name

if TYPE_CHECKING:
    from accounts.models import User

AUDIT_ACTIONS = {
    "certificate_issue": gettext_lazy("Certificate issued"),
    "certificate_revoke": gettext_lazy("Certificate revoked"),
    "credential_create": gettext_lazy("Credential recorded from a certificate"),
}

# No 0/O, 1/I/L: a code read off paper is typed back without ambiguity.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
KIND_LETTERS: dict[str, str] = {RoundKind.SKILL_EVALUATION: "S", RoundKind.TITLE_REVIEW: "T"}
SEQUENCE_DIGITS = 6
NOTICE_SOURCE = "evaluations"


def dossier_description(dossier: Dossier, *, language: str | None = None) -> str:
    """Level and occupation or series, as the notice and the certificate state them."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    round_ = dossier.round
    subject = round_.occupation if round_.kind == RoundKind.SKILL_EVALUATION else round_.title_series
    with translation.override(language):
        subject_name = subject.display_name if subject is not None else ""
        return f"{level_name(dossier.target_level, language)} · {subject_name}".strip(" ·")


def issuer_of(round_: Round) -> str:
    """The round's organiser, or the HR department of the round's province (stored in Chinese)."""
    if round_.organiser is not None:
        return round_.organiser.name
    region = round_.region
    # A national round (no parent) is issued in its own region's name instead of failing.
    province = region if region.province_id == region.pk else (region.parent or region)
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(province)s Department of Human Resources and Social Security") % {"province": province.name}


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _number_prefix(dossier: Dossier, year: int) -> str:
    region = dossier.round.region
    return f"{region.code[:2]}{year}{KIND_LETTERS[dossier.round.kind]}"


def _next_number(prefix: str) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7355, zlib.crc32(prefix.encode()) & 0x7FFFFFFF])
    last = (
        Certificate.objects.filter(number__startswith=prefix, number__regex=rf"^{prefix}[0-9]{{{SEQUENCE_DIGITS}}}$")
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    if sequence >= 10**SEQUENCE_DIGITS:
        raise ApplicationError(
            _("The certificate numbers of this year are used up."), code="numbers_exhausted", status=409
        )
    return f"{prefix}{sequence:0{SEQUENCE_DIGITS}d}"


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def certificate_issue(*, dossier: Dossier, actor: "User | None" = None, request=None) -> Certificate:
    """The certificate of a dossier whose notice ended with no upheld objection (called while it is
    in publicity, inside the certify transition)."""
    dossier = Dossier.objects.select_related(
        "round__region__parent", "round__organiser", "round__occupation", "round__title_series", "talent"
    ).get(pk=dossier.pk)
    if dossier.status != DossierStatus.IN_PUBLICITY:
        raise workflow.illegal_transition_error(DOSSIER_WORKFLOW, dossier, "certify")
    if Certificate.objects.filter(dossier=dossier).exists():
        raise ApplicationError(_("This dossier already has a certificate."), code="already_certified", status=409)
    issued_on = timezone.localdate()
    round_ = dossier.round
    certificate = Certificate(
        number=_next_number(_number_prefix(dossier, issued_on.year)),
        verification_code=new_verification_code(),
        dossier=dossier,
        talent=dossier.talent,
        target_level=dossier.target_level,
        occupation=round_.occupation if round_.kind == RoundKind.SKILL_EVALUATION else None,
        title_series=round_.title_series if round_.kind == RoundKind.TITLE_REVIEW else None,
        issuer=issuer_of(round_)[:200],
        issued_on=issued_on,
    )
    certificate.credential = _registry_credential(certificate, round_.kind)
    certificate.full_clean()
    certificate.save()
    audit_record(actor=actor, obj=certificate, action="certificate_issue", to_state=certificate.status, request=request)
    audit_record(
        actor=actor, obj=certificate.credential, action="credential_create", comment=certificate.number, request=request
    )
    return certificate


def _registry_credential(certificate: Certificate, kind: str) -> Credential:
    """The talent's credential for a new certificate (docs/registry.md: certificates feed the registry)."""
    skill = kind == RoundKind.SKILL_EVALUATION
    skill_level = SkillLevel.objects.filter(code=certificate.target_level).first() if skill else None
    title_level = None if skill else TitleLevel.objects.filter(code=certificate.target_level).first()
    if skill_level is None and title_level is None:
        raise ApplicationError(_("The certificate's level is not in the catalogue."), code="unknown_level", status=409)
    credential = Credential(
        talent=certificate.talent,
        kind=CredentialKind.SKILL_LEVEL if skill else CredentialKind.TITLE,
        skill_level=skill_level,
        title_level=title_level,
        occupation=certificate.occupation,
        title_series=certificate.title_series,
        obtained_on=certificate.issued_on,
        certificate_number=certificate.number,
        issuer=certificate.issuer,
        source=CredentialSource.EVALUATION_CERTIFICATE,
    )
    credential.full_clean()
    credential.save()
    return credential


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def certificate_revoke(*, actor: "User", certificate: Certificate, reason: str, request=None) -> Certificate:
    """Revoke a certificate and the credential it created: neither counts any more (eligibility,
    plan progress). A provincial official of the issuing province only."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("dossier__round__region", "credential")
        .get(pk=certificate.pk)
    )
    if not rules.is_provincial_official_of_round(actor, certificate.dossier.round):
        raise PermissionDeniedError(_("Only a provincial official of the issuing province may revoke a certificate."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("A reason is required."), field="reason")
    if certificate.status == CertificateStatus.REVOKED:
        raise ApplicationError(_("This certificate is already revoked."), code="already_revoked", status=409)
    from_state = certificate.status
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason"])
    audit_record(
        actor=actor,
        obj=certificate,
        action="certificate_revoke",
        from_state=from_state,
        to_state=certificate.status,
        comment=reason,
        request=request,
    )
    if certificate.credential is not None and certificate.credential.revoked_at is None:
        credential_revoke(actor=actor, credential=certificate.credential, reason=reason, request=request)
    return certificate


def _notice_subjects(dossiers):

    return [
        NoticeSubject(
            subject=dossier,
            masked_name=mask_name(dossier.talent.name),
            organisation_name=dossier.organisation.name,
            description=dossier_description(dossier, language=settings.LANGUAGE_CODE),
        )
        for dossier in dossiers
    ]


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def round_notice_publish(
    *,
    actor: "User",
    round_: Round,
    dossiers,
    title: str,
    body: str = "",
    working_days: int = 5,
    issuing_authority: str = "",
    contact: str = "",
    request=None,
):
    """Publish one public notice of the round's selected passed dossiers and put each in publicity."""

    if not rules.is_provincial_official_of_round(actor, round_):
        raise PermissionDeniedError(_("Only a provincial official of the round's province may publish its notice."))
    dossiers = list(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers])
        .select_related("talent", "organisation__region", "round__occupation", "round__title_series")
        .order_by("organisation__name", "pk")
    )
    if not dossiers:
        raise ApplicationError(_("Select at least one passed dossier."), field="dossiers")
    for dossier in dossiers:
        if dossier.round_id != round_.pk or dossier.status != DossierStatus.PASSED:
            raise ApplicationError(
                _("Only passed dossiers of this round can go into its notice."), field="dossiers", status=409
            )
        if not rules.is_provincial_official_for(actor, dossier):
            raise PermissionDeniedError(_("Only a provincial official of the dossier's province may publish it."))
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("A title is required."), field="title")
    notice = notice_publish(
        actor=actor,
        title=title,
        body=body,
        region=round_.region,
        source=NOTICE_SOURCE,
        subjects=_notice_subjects(dossiers),
        working_days=working_days,
        issuing_authority=issuing_authority,
        contact=contact,
        request=request,
    )
    for dossier in dossiers:
        workflow.transition(
            workflow=DOSSIER_WORKFLOW, actor=actor, obj=dossier, action="publish", comment=notice.title, request=request
        )
    return notice
