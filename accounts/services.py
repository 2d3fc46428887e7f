"""Writes for regions, organisations and users, and the audit log every other app writes to."""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.http import client_ip
from accounts.models import AuditLog, Organisation, SelfEvaluationCriterion, User
from accounts.rules import (
    NOT_YOUR_TOKEN,
    ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION,
    can_grant_self_evaluation,
    can_revoke_api_token,
)
from accounts.scoping import organisation_scope


def audit_values(instance, fields) -> dict:
    """``fields`` of ``instance`` as the audit trail keeps them: the stored value (a foreign key as its
    id), in JSON form (dates as ISO strings, decimals as strings)."""
    raw = {field: instance._meta.get_field(field).value_from_object(instance) for field in fields}
    return json.loads(json.dumps(raw, cls=DjangoJSONEncoder))


def audit_changes(before: dict, after: dict) -> dict:
    """Field → [before, after] for each field whose value differs (``audit_values`` of both states;
    an empty ``before`` for a creation, an empty ``after`` for a deletion)."""
    return {
        field: [before.get(field), after.get(field)]
        for field in {**before, **after}
        if before.get(field) != after.get(field)
    }


def audit_record(
    *,
    actor: User | None,
    obj,
    action: str,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    changes: dict | None = None,
    request=None,
) -> AuditLog:
    """Append one audit entry: who, when, which object, from which state to which, why, and which field
    values changed (``audit_changes``)."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_username=actor.get_username() if actor is not None and actor.is_authenticated else "",
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        from_state=str(from_state)[:40],
        to_state=str(to_state)[:40],
        comment=comment,
        changes=changes or {},
        ip_address=client_ip(request),
    )


def audit_record_many(
    *, actor: User, objects, action: str, to_state: str = "", comment: str = "", changes_of=None, request=None
) -> None:
    """One entry per object, written in one statement (bulk uploads); ``changes_of(obj)`` gives each
    entry's changes."""
    AuditLog.objects.bulk_create(
        AuditLog(
            actor=actor,
            actor_username=actor.get_username(),
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            action=action,
            to_state=to_state,
            comment=comment,
            changes=changes_of(obj) if changes_of is not None else {},
            ip_address=client_ip(request),
        )
        for obj in objects
    )


def full_clean_or_raise(instance, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise ApplicationError.from_validation_error(error) from error


@transaction.atomic
def organisation_set_self_evaluation(
    *, actor: User, organisation: Organisation, allowed: bool, reason: str, criteria=(), request=None
) -> Organisation:
    """skills-title-integration-opinions, measure 3 (R8): a provincial official grants self-evaluation to an
    organisation of their province, confirming the four criteria of the opinions (talent-intensive,
    technically strong, above designated size, standardised internal management), or withdraws it; a
    reason either way; audited with the criteria. Bad input changes nothing."""
    if not can_grant_self_evaluation(actor):
        raise PermissionDeniedError(ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION)
    if not Organisation.objects.filter(organisation_scope(actor), pk=organisation.pk).exists():
        raise PermissionDeniedError(ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION)
    if not (reason or "").strip():
        raise ApplicationError(_("A reason is required."), code="reason_required", field="reason")
    confirmed = sorted(set(criteria or ()))
    if not set(confirmed) <= set(SelfEvaluationCriterion.values):
        raise ApplicationError(_("Unknown criterion."), code="unknown_criterion", field="criteria")
    if allowed and len(confirmed) != len(SelfEvaluationCriterion.values):
        raise ApplicationError(
            _("Self-evaluation is granted only when all four criteria of the opinions are confirmed."),
            code="criteria_required",
            field="criteria",
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = organisation.may_self_evaluate
    criteria_before = list(organisation.self_evaluation_criteria or [])
    organisation.may_self_evaluate = allowed
    organisation.self_evaluation_criteria = confirmed if allowed else []
    organisation.save(update_fields=["may_self_evaluate", "self_evaluation_criteria"])
    audit_record(
        actor=actor,
        obj=organisation,
        action="set_self_evaluation",
        from_state=str(before).lower(),
        to_state=str(allowed).lower(),
        comment=reason,
        changes=audit_changes(
            {"self_evaluation_criteria": criteria_before},
            {"self_evaluation_criteria": organisation.self_evaluation_criteria},
        ),
        request=request,
    )
    return organisation


@transaction.atomic
def user_language_set(*, actor: User, language: str, request=None) -> None:
    """Remember the language a signed-in user chose with the switch (their e-mails are written in it)."""
    if language not in dict(settings.LANGUAGES) or actor.language == language:
        return
    before = actor.language
    User.objects.filter(pk=actor.pk).update(language=language)
    actor.language = language
    audit_record(actor=actor, obj=actor, action="set_language", from_state=before, to_state=language, request=request)


# API tokens (docs/security.md, "Sessions and tokens"): they expire after API_TOKEN_TTL_DAYS; signing in
# again after that issues a new one; the owner or an administrator revokes one at any time.


def api_token_expires_at(token):
    """When ``token`` stops authenticating."""
    from datetime import timedelta

    return token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS)


def api_token_expired(token) -> bool:
    from django.utils import timezone

    return timezone.now() >= api_token_expires_at(token)


@transaction.atomic
def api_token_issue(*, actor: User, request=None):
    """The actor's current token, or a new one when they have none or theirs has expired."""
    from rest_framework.authtoken.models import Token

    token = Token.objects.select_for_update().filter(user=actor).first()
    if token is not None and not api_token_expired(token):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=actor)
    audit_record(actor=actor, obj=actor, action="api_token_issued", request=request)
    return token


@transaction.atomic
def api_token_revoke(*, actor: User, owner: User, request=None) -> bool:
    """Delete ``owner``'s token (True if there was one); refused unless the actor is the owner or an
    administrator."""
    from rest_framework.authtoken.models import Token

    if not can_revoke_api_token(actor, owner):
        raise PermissionDeniedError(NOT_YOUR_TOKEN)
    deleted, _counts = Token.objects.filter(user=owner).delete()
    if deleted:
        audit_record(actor=actor, obj=owner, action="api_token_revoked", request=request)
    return bool(deleted)


# Two-factor sign-in (docs/security.md, "Two-factor sign-in"): one TOTP device per user, confirmed by a
# first code, and a set of single-use recovery codes (django-otp's static tokens).

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def two_factor_pending_device(*, actor: User):
    """The actor's unconfirmed TOTP device, created on first use: its secret is shown as a QR code until
    a code from the app confirms it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _recovery_codes_replace(actor: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enrol(*, actor: User, device, token: str, request=None) -> list[str]:
    """Confirm ``device`` (the actor's pending TOTP device) with a code from the app; any earlier
    authenticator is replaced. Returns the new recovery codes, shown once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if device.user_id != actor.pk or device.confirmed or not device.verify_token(token):
        raise ApplicationError(
            _("That code does not match. Check the time on your phone and enter the current code."),
            code="otp_invalid",
            field="token",
        )
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(actor)
    audit_record(actor=actor, obj=actor, action="two_factor_enrolled", request=request)
    return codes


@transaction.atomic
def two_factor_recovery_codes_renew(*, actor: User, request=None) -> list[str]:
    """New recovery codes for a user with a confirmed authenticator; the old ones stop working."""
    from django_otp import user_has_device

    if not user_has_device(actor):
        raise ApplicationError(_("Set up an authenticator app first."), code="not_enrolled")
    codes = _recovery_codes_replace(actor)
    audit_record(actor=actor, obj=actor, action="recovery_codes_renewed", request=request)
    return codes


def two_factor_check(*, actor: User, token: str):
    """The actor's confirmed device that accepts ``token`` (a TOTP code or an unused recovery code, which
    is then used up), or None. django-otp throttles repeated failures per device."""
    from django_otp import match_token

    token = (token or "").strip().replace(" ", "")
    if not token or len(token) > 16:
        return None
    return match_token(actor, token)


@transaction.atomic
def two_factor_reset(*, actor: User, owner: User, request=None) -> None:
    """An administrator removes a user's devices (a lost phone): the user enrols again at the next sign-in."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not (actor.is_superuser or actor.role == "admin") or not can_revoke_api_token(actor, owner):
        raise PermissionDeniedError(NOT_YOUR_TOKEN)
    TOTPDevice.objects.filter(user=owner).delete()
    StaticDevice.objects.filter(user=owner).delete()
    audit_record(actor=actor, obj=owner, action="two_factor_reset", request=request)


def identity_confirm(*, actor: User, secret: str) -> bool:
    """Whether ``secret`` is the actor's password or a current one-time code (a recovery code is used up):
    the fresh confirmation asked before a full ID number is shown."""
    if not secret:
        return False
    if actor.check_password(secret):
        return True
    from django_otp import user_has_device

    return user_has_device(actor) and two_factor_check(actor=actor, token=secret) is not None
