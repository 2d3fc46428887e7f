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
from accounts.models import AuditLog, Organisation, User
from accounts.rules import ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION, can_grant_self_evaluation


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
    *, actor: User, organisation: Organisation, allowed: bool, reason: str, request=None
) -> Organisation:
    """skills-title-integration-opinions (R8): only a provincial official grants self-evaluation."""
    if not can_grant_self_evaluation(actor):
        raise PermissionDeniedError(ONLY_PROVINCIAL_GRANTS_SELF_EVALUATION)
    if not reason.strip():
        raise ApplicationError(_("A reason is required."), field="reason")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = organisation.may_self_evaluate
    organisation.may_self_evaluate = allowed
    organisation.save(update_fields=["may_self_evaluate"])
    audit_record(
        actor=actor,
        obj=organisation,
        action="set_self_evaluation",
        from_state=str(before).lower(),
        to_state=str(allowed).lower(),
        comment=reason,
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
