"""Writes of platforms: provinces register provincial ones, the ministry national ones."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cache import PROGRAMS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Organisation
from accounts.scoping import organisation_scope
from accounts.services import audit_record, full_clean_or_raise
from programs.models import Platform
from programs.rules import ONLY_PLATFORM_OFFICIALS, can_manage_platform_level, can_manage_platforms
from programs.services.enrolments import talents_in_scope

if TYPE_CHECKING:
    from accounts.models import User

PLATFORM_FIELDS = ("kind", "level", "name", "host", "leader", "established_on")


def _validate_platform(actor: "User", platform: Platform) -> None:
    if not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(_("National platforms are registered by the ministry."))
    if not Organisation.objects.filter(organisation_scope(actor), pk=platform.host_id).exists():
        raise ApplicationError(_("The host must be an organisation you administer."), field="host")
    if platform.leader_id is not None and not talents_in_scope(actor).filter(pk=platform.leader_id).exists():
        raise ApplicationError(_("No such talent."), code="not_found", field="leader")
    if platform.established_on and platform.established_on > timezone.localdate():
        raise ApplicationError(_("The establishment date cannot be in the future."), field="established_on")
    platform.region_id = platform.host.region_id
    full_clean_or_raise(platform, validate_unique=False, validate_constraints=False)
    duplicate = Platform.objects.filter(kind=platform.kind, host_id=platform.host_id, name=platform.name)
    if duplicate.exclude(pk=platform.pk).exists():
        raise ApplicationError(
            _("The host already has a platform of this kind with this name."), code="duplicate", field="name"
        )


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def platform_create(*, actor: "User", request=None, **fields) -> Platform:
    if not can_manage_platforms(actor):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    platform = Platform(**{k: v for k, v in fields.items() if k in PLATFORM_FIELDS})
    if platform.host_id is None:
        raise ApplicationError(_("This field is required."), code="required", field="host")
    _validate_platform(actor, platform)
    platform.save()
    audit_record(
        actor=actor, obj=platform, action="create", to_state=f"{platform.kind}:{platform.level}"[:40], request=request
    )
    return platform


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def platform_update(*, actor: "User", platform: Platform, request=None, **changes) -> Platform:
    if not can_manage_platforms(actor) or not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    platform = Platform.objects.select_for_update(of=("self",)).select_related("host").get(pk=platform.pk)
    changed = [f for f in PLATFORM_FIELDS if f in changes and getattr(platform, f) != changes[f]]
    if not changed:
        return platform
    before_leader = platform.leader_id
    for field in changed:
        setattr(platform, field, changes[field])
    _validate_platform(actor, platform)
    platform.save(update_fields=[*changed, "region", "updated_at"])
    audit_record(
        actor=actor,
        obj=platform,
        action="update",
        from_state=f"leader:{before_leader}" if "leader" in changed else "",
        to_state=f"leader:{platform.leader_id}" if "leader" in changed else "",
        comment=_("Changed: %s") % ", ".join(changed),
        request=request,
    )
    return platform


@bumps_scope_version(PROGRAMS)
@transaction.atomic
def platform_delete(*, actor: "User", platform: Platform, reason: str = "", request=None) -> None:
    if not can_manage_platforms(actor) or not can_manage_platform_level(actor, platform.level):
        raise PermissionDeniedError(ONLY_PLATFORM_OFFICIALS)
    if not Organisation.objects.filter(organisation_scope(actor), pk=platform.host_id).exists():
        raise ApplicationError(_("No such platform."), code="not_found", status=404)
    audit_record(
        actor=actor,
        obj=platform,
        action="delete",
        from_state=platform.level,
        to_state="deleted",
        comment=reason,
        request=request,
    )
    platform.delete()
