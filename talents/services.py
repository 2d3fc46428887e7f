"""Writes to the registry. Every write checks the role, validates, saves and audits in one transaction."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cache import TALENTS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.scoping import scope_queryset
from accounts.services import audit_changes, audit_record, audit_record_many, audit_values, full_clean_or_raise
from accounts.spreadsheets import RowError
from talents.claims import ALREADY_REGISTERED_HERE, RegistrationReceipt, refuse_own, registration_claim_open
from talents.figures import registry_figures_refresh_later
from talents.models import (
    Credential,
    CredentialKind,
    CredentialSource,
    Honour,
    HonourSource,
    Talent,
)
from talents.rules import (
    ONLY_CLERKS_REGISTER,
    ONLY_EMPLOYER_CLERK,
    ONLY_OFFICIALS_ENTER_HONOURS,
    ONLY_OFFICIALS_REVEAL,
    can_edit_talent,
    can_enter_honours,
    can_register_talents,
    can_reveal_id_number,
)
from talents.selectors import registration_holder
from talents.spreadsheets import parse_upload
from talents.validators import id_number_facts

if TYPE_CHECKING:
    from accounts.models import User

TALENT_EDITABLE_FIELDS = ("name", "occupation", "frontline", "years_of_work", "education")
# A creation's audit entry keeps these: the editable fields and the employer (the ID number never).
TALENT_AUDITED_FIELDS = ("employer", *TALENT_EDITABLE_FIELDS)
CREDENTIAL_FIELDS = (
    "kind",
    "skill_level",
    "title_level",
    "occupation",
    "title_series",
    "speciality",
    "obtained_on",
    "certificate_number",
    "issuer",
)


def _require_clerk_of(actor: "User", talent: Talent | None = None) -> None:
    if talent is None and not can_register_talents(actor):
        raise PermissionDeniedError(ONLY_CLERKS_REGISTER)
    if talent is not None and not can_edit_talent(actor, talent):
        raise PermissionDeniedError(ONLY_EMPLOYER_CLERK)


def build_talent(
    *,
    employer,
    name: str,
    id_number: str,
    occupation,
    frontline: bool = False,
    years_of_work: int = 0,
    education: str = "",
) -> Talent:
    """A validated, unsaved talent; raises ApplicationError naming the bad field."""
    try:
        facts = id_number_facts(id_number)
    except ValidationError as error:
        code = error.error_list[0].code or "invalid"
        raise ApplicationError(error.messages[0], code=code, field="id_number") from error
    talent = Talent(
        name=(name or "").strip(),
        id_number=facts.number,
        birth_date=facts.birth_date,
        gender=facts.gender,
        employer=employer,
        occupation=occupation,
        frontline=bool(frontline),
        years_of_work=years_of_work if years_of_work is not None else 0,
        education=education or "",
    )
    full_clean_or_raise(talent, validate_unique=False)
    return talent


@bumps_scope_version(TALENTS)
@transaction.atomic
def talent_create(*, actor: "User", request=None, **fields) -> RegistrationReceipt:
    """Register a talent of the clerk's organisation, or, when another organisation holds the number,
    open a registration claim for the bureau; the answer is the same receipt either way."""
    _require_clerk_of(actor)
    talent = build_talent(employer=actor.organisation, **fields)
    name, masked = talent.name, talent.masked_id_number
    holder = registration_holder(id_number=talent.id_number)
    if holder is None:
        try:
            with transaction.atomic():
                talent.save()
        except IntegrityError:  # a concurrent registration of the same number won the race
            holder = registration_holder(id_number=talent.id_number)
            if holder is None:
                raise
    if holder is not None:
        refuse_own(actor, holder)
        claim = registration_claim_open(actor=actor, holder=holder, typed=talent, request=request)
        return RegistrationReceipt(name=name, id_number_masked=masked, claim=claim)
    audit_record(
        actor=actor,
        obj=talent,
        action="create",
        to_state="registered",
        changes=_talent_created(talent),
        request=request,
    )
    registry_figures_refresh_later()
    return RegistrationReceipt(name=name, id_number_masked=masked, talent=talent)


def _talent_created(talent: Talent) -> dict:
    """The first values of what may change later (the ID number and what it gives never change and
    stay out of the trail)."""
    return audit_changes({}, audit_values(talent, TALENT_AUDITED_FIELDS))


@bumps_scope_version(TALENTS)
@transaction.atomic
def talent_update(*, actor: "User", talent: Talent, request=None, **changes) -> Talent:
    _require_clerk_of(actor, talent)
    talent = Talent.objects.select_for_update().get(pk=talent.pk)
    before = audit_values(talent, TALENT_EDITABLE_FIELDS)
    changed = []
    for field in TALENT_EDITABLE_FIELDS:
        if field in changes and getattr(talent, field) != changes[field]:
            setattr(talent, field, changes[field])
            changed.append(field)
    if not changed:
        return talent
    full_clean_or_raise(talent, validate_unique=False)
    talent.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        obj=talent,
        action="update",
        comment=_("Changed: %s") % ", ".join(changed),
        changes=audit_changes(before, audit_values(talent, TALENT_EDITABLE_FIELDS)),
        request=request,
    )
    registry_figures_refresh_later()
    return talent


@transaction.atomic
def talent_reveal_id_number(*, actor: "User", talent: Talent, reason: str = "", request=None) -> str:
    """The only way to the full number; the audit entry is written before it is returned."""
    if not can_reveal_id_number(actor):
        raise PermissionDeniedError(ONLY_OFFICIALS_REVEAL)
    audit_record(actor=actor, obj=talent, action="reveal_id_number", comment=reason, request=request)
    return talent.id_number


def _validate_credential(credential: Credential) -> None:
    errors = {}
    if credential.kind == CredentialKind.SKILL_LEVEL:
        credential.title_level = None
        if credential.skill_level_id is None:
            errors["skill_level"] = _("A skill level certificate names its skill level.")
        if credential.occupation_id is None:
            errors["occupation"] = _("A skill level certificate names its occupation.")
    elif credential.kind == CredentialKind.TITLE:
        credential.skill_level = None
        if credential.title_level_id is None:
            errors["title_level"] = _("A professional title names its title level.")
        if credential.title_series_id is None:
            errors["title_series"] = _("A professional title names its title series.")
    else:
        credential.skill_level = None
        credential.title_level = None
    if credential.obtained_on and credential.obtained_on > timezone.localdate():
        errors["obtained_on"] = _("The date obtained cannot be in the future.")
    elif credential.obtained_on and credential.obtained_on < credential.talent.birth_date:
        errors["obtained_on"] = _("The date obtained is before the talent's birth date.")
    if errors:
        raise ApplicationError.from_validation_error(ValidationError(errors))
    full_clean_or_raise(credential, validate_unique=False, validate_constraints=False)
    duplicate = Credential.objects.filter(
        kind=credential.kind, issuer=credential.issuer, certificate_number=credential.certificate_number
    ).exclude(pk=credential.pk)
    if duplicate.exists():
        raise ApplicationError(
            _("This issuer's certificate number is already recorded."), code="duplicate", field="certificate_number"
        )


@bumps_scope_version(TALENTS)
@transaction.atomic
def credential_create(*, actor: "User", talent: Talent, request=None, **fields) -> Credential:
    _require_clerk_of(actor, talent)
    credential = Credential(talent=talent, **{k: v for k, v in fields.items() if k in CREDENTIAL_FIELDS})
    _validate_credential(credential)
    credential.save()
    audit_record(
        actor=actor,
        obj=credential,
        action="create",
        to_state=credential.kind,
        comment=_("Credential of %(talent)s") % {"talent": talent},
        changes=audit_changes({}, audit_values(credential, CREDENTIAL_FIELDS)),
        request=request,
    )
    registry_figures_refresh_later()
    return credential


def _require_manual(credential: Credential) -> None:
    """A certificate's credential follows its certificate: it is revoked with it, never edited."""
    if credential.source == CredentialSource.EVALUATION_CERTIFICATE or credential.revoked_at is not None:
        raise ApplicationError(
            _("This credential comes from a certificate or is revoked; it cannot be changed here."),
            code="not_editable",
            status=409,
        )


@bumps_scope_version(TALENTS)
@transaction.atomic
def credential_update(*, actor: "User", credential: Credential, request=None, **changes) -> Credential:
    _require_clerk_of(actor, credential.talent)
    credential = Credential.objects.select_for_update().select_related("talent").get(pk=credential.pk)
    _require_manual(credential)
    before = audit_values(credential, CREDENTIAL_FIELDS)
    changed = [f for f in CREDENTIAL_FIELDS if f in changes and getattr(credential, f) != changes[f]]
    for field in changed:
        setattr(credential, field, changes[field])
    if not changed:
        return credential
    _validate_credential(credential)
    credential.save()
    audit_record(
        actor=actor,
        obj=credential,
        action="update",
        comment=_("Changed: %s") % ", ".join(changed),
        # _validate_credential may clear a level the kind does not use: compare every field.
        changes=audit_changes(before, audit_values(credential, CREDENTIAL_FIELDS)),
        request=request,
    )
    registry_figures_refresh_later()
    return credential


@bumps_scope_version(TALENTS)
@transaction.atomic
def credential_delete(*, actor: "User", credential: Credential, reason: str = "", request=None) -> None:
    _require_clerk_of(actor, credential.talent)
    # The stored values, not the caller's copy: the audit entry keeps what is deleted.
    credential = Credential.objects.select_for_update().select_related("talent").get(pk=credential.pk)
    _require_manual(credential)
    audit_record(
        actor=actor,
        obj=credential,
        action="delete",
        from_state=credential.kind,
        to_state="deleted",
        comment=reason,
        changes=audit_changes(audit_values(credential, CREDENTIAL_FIELDS), {}),
        request=request,
    )
    credential.delete()
    registry_figures_refresh_later()


@bumps_scope_version(TALENTS)
@transaction.atomic
def honour_create(
    *,
    actor: "User",
    talent: Talent,
    award,
    conferred_on: datetime.date,
    conferring_body: str,
    evidence: str,
    request=None,
) -> Honour:
    if not can_enter_honours(actor):
        raise PermissionDeniedError(ONLY_OFFICIALS_ENTER_HONOURS)
    if not (evidence or "").strip():
        raise ApplicationError(_("Describe the evidence for this honour."), field="evidence")
    if conferred_on and conferred_on > timezone.localdate():
        raise ApplicationError(_("The conferral date cannot be in the future."), field="conferred_on")
    honour = Honour(
        talent=talent,
        award=award,
        conferred_on=conferred_on,
        conferring_body=(conferring_body or "").strip(),
        evidence=evidence.strip(),
        source=HonourSource.MANUAL,
        entered_by=actor,
    )
    full_clean_or_raise(honour, validate_unique=False, validate_constraints=False)
    if Honour.objects.filter(talent=talent, award=award, conferred_on=conferred_on).exists():
        raise ApplicationError(_("This honour is already recorded for this talent."), code="duplicate", field="award")
    honour.save()
    audit_record(
        actor=actor,
        obj=honour,
        action="create",
        to_state=award.code,
        comment=_("Honour of %(talent)s") % {"talent": talent},
        request=request,
    )
    registry_figures_refresh_later()
    return honour


@bumps_scope_version(TALENTS)
@transaction.atomic
def honour_confer(
    *,
    actor: "User | None",
    talent: Talent,
    award,
    conferred_on: datetime.date,
    conferring_body: str,
    evidence: str,
    request=None,
) -> Honour:
    """The honour a campaign's conferral records (source: conferral). The commendations service that
    calls it has checked the actor (``actor`` None: the portal, at the notice's nightly closing)."""
    if Honour.objects.filter(talent=talent, award=award, conferred_on=conferred_on).exists():
        raise ApplicationError(
            _("This honour is already recorded for this talent."), code="duplicate", field="award", status=409
        )
    honour = Honour(
        talent=talent,
        award=award,
        conferred_on=conferred_on,
        conferring_body=(conferring_body or "").strip()[:200],
        evidence=(evidence or "").strip(),
        source=HonourSource.CONFERRAL,
        entered_by=actor if actor is not None and actor.is_authenticated else None,
    )
    full_clean_or_raise(honour, validate_unique=False, validate_constraints=False)
    honour.save()
    audit_record(
        actor=actor,
        obj=honour,
        action="create",
        to_state=award.code,
        comment=honour.evidence,
        request=request,
    )
    registry_figures_refresh_later()
    return honour


@transaction.atomic
def credential_revoke(*, actor: "User", credential: Credential, reason: str, request=None) -> Credential:
    """Mark a credential revoked (called by the certificate's revocation, which checks the actor):
    it stays on the talent page but no longer counts anywhere."""
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("A reason is required."), field="reason")
    if credential.revoked_at is not None:
        raise ApplicationError(_("This credential is already revoked."), code="already_revoked", status=409)
    credential.revoked_at = timezone.now()
    credential.revoked_reason = reason
    credential.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, obj=credential, action="revoke", to_state="revoked", comment=reason, request=request)
    registry_figures_refresh_later()
    return credential


@bumps_scope_version(TALENTS)
@transaction.atomic
def honour_revoke(*, actor: "User", honour: Honour, reason: str, request=None) -> Honour:
    """An official with scope over the talent revokes an honour: it no longer counts (R1, progress)."""
    if not can_enter_honours(actor):
        raise PermissionDeniedError(ONLY_OFFICIALS_ENTER_HONOURS)
    if not scope_queryset(Honour.objects.all(), actor, "talent__employer").filter(pk=honour.pk).exists():
        raise PermissionDeniedError(ONLY_OFFICIALS_ENTER_HONOURS)
    honour = Honour.objects.select_for_update().get(pk=honour.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("A reason is required."), field="reason")
    if honour.revoked_at is not None:
        raise ApplicationError(_("This honour is already revoked."), code="already_revoked", status=409)
    honour.revoked_at = timezone.now()
    honour.revoked_reason = reason
    honour.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, obj=honour, action="revoke", to_state="revoked", comment=reason, request=request)
    registry_figures_refresh_later()
    return honour


def _talent_field_label(field: str | None) -> str:
    names = {f.name for f in Talent._meta.get_fields()}
    return str(getattr(Talent._meta.get_field(field), "verbose_name", field)) if field in names else ""


class BulkImportError(ApplicationError):
    """Carries every bad row; nothing of the file was saved."""

    def __init__(self, row_errors):
        super().__init__(_("The file was not imported: %d problem(s) found.") % len(row_errors), code="bulk_invalid")
        self.row_errors = row_errors


@bumps_scope_version(TALENTS)
@transaction.atomic
def talent_bulk_import(*, actor: "User", upload, request=None) -> list[RegistrationReceipt]:
    """All or nothing: every row is validated first; one bad row and nothing is saved. A row whose number
    another organisation holds becomes a registration claim, counted like any other received row."""
    _require_clerk_of(actor)
    parsed = parse_upload(upload)
    errors = list(parsed.errors)
    id_label = _talent_field_label("id_number")
    # Every row's ID number against the file's earlier rows and this organisation's registry, whatever else is
    # wrong with the row; a number another organisation holds becomes a claim (docs/security.md).
    holders = {
        holder.id_number: holder
        for holder in Talent.objects.filter(id_number__in=[number for _row, number in parsed.id_numbers]).only(
            "pk", "employer_id", "id_number"
        )
    }
    seen: dict[str, int] = {}
    refused: set[int] = set()
    for row_number, number in parsed.id_numbers:
        if number in seen:
            errors.append(RowError(row_number, id_label, _("The same ID number is already on row %d.") % seen[number]))
            refused.add(row_number)
            continue
        seen[number] = row_number
        holder = holders.get(number)
        if holder is not None and holder.employer_id == actor.organisation_id:
            errors.append(RowError(row_number, id_label, str(ALREADY_REGISTERED_HERE)))
            refused.add(row_number)
    talents: list[Talent] = []
    for row_number, row in parsed.rows:
        if row_number in refused:
            continue
        try:
            talents.append(build_talent(employer=actor.organisation, **row))
        except ApplicationError as error:
            errors.append(RowError(row_number, _talent_field_label(error.field), str(error.message)))
    if errors:
        raise BulkImportError(sorted(errors, key=lambda e: e.row))  # stable: a row's problems keep their order
    new = [talent for talent in talents if talent.id_number not in holders]
    try:
        with transaction.atomic():
            created = Talent.objects.bulk_create(new)
    except IntegrityError as error:
        raise BulkImportError(
            [RowError(0, "", _("Another upload registered some of these ID numbers meanwhile; upload the file again."))]
        ) from error
    audit_record_many(
        actor=actor,
        objects=created,
        action="create",
        to_state="registered",
        comment=_("Bulk upload"),
        changes_of=_talent_created,
        request=request,
    )
    receipts = []
    for talent in talents:
        holder = holders.get(talent.id_number)
        claim = None
        if holder is not None:
            try:
                claim = registration_claim_open(actor=actor, holder=holder, typed=talent, request=request)
            except ApplicationError as error:  # this organisation's claim of the number is open already
                raise BulkImportError(
                    [RowError(seen[talent.id_number], _talent_field_label("id_number"), str(error.message))]
                ) from error
        receipts.append(
            RegistrationReceipt(
                name=talent.name,
                id_number_masked=talent.masked_id_number,
                talent=None if holder else talent,
                claim=claim,
            )
        )
    registry_figures_refresh_later()
    return receipts
