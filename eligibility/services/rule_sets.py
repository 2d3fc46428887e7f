"""Rule-set versions: a new draft is a copy of the latest version; drafts are edited, then published;
published versions never change (docs/rules.md). The admin calls these services."""

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record, full_clean_or_raise
from eligibility.engine import Parameters
from eligibility.models import RuleSet, RuleSetStatus
from eligibility.rules import ONLY_ADMINS_EDIT_RULE_SETS, can_manage_rule_sets
from eligibility.services.checks import AUDIT_NEW_VERSION, AUDIT_PUBLISH, AUDIT_UPDATE

if TYPE_CHECKING:
    from accounts.models import User

# What a draft's editor may change: the parameters, the title and notes.
EDITABLE_FIELDS = (
    "title",
    "notes",
    *Parameters.__dataclass_fields__,
    "batch_chunk_size",
)


def _refuse_published(rule_set: RuleSet) -> None:
    if rule_set.status != RuleSetStatus.DRAFT:
        raise ApplicationError(
            _("A published rule set never changes: create a new version."), code="rule_set_published", status=409
        )


@transaction.atomic
def rule_set_new_version(*, actor: "User", code: str, request=None) -> RuleSet:
    """A draft copy of the latest version of ``code`` (one draft at a time)."""
    if not can_manage_rule_sets(actor):
        raise PermissionDeniedError(ONLY_ADMINS_EDIT_RULE_SETS)
    versions = RuleSet.objects.select_for_update().filter(code=code)
    latest = versions.order_by("-version").first()
    if latest is None:
        raise ApplicationError(_("No rule set has this code."), code="unknown_rule_set", field="code")
    if versions.filter(status=RuleSetStatus.DRAFT).exists():
        raise ApplicationError(
            _("A draft of this rule set already exists: edit or publish it first."), code="draft_exists", status=409
        )
    draft = RuleSet(
        code=code,
        version=versions.aggregate(top=Max("version"))["top"] + 1,
        status=RuleSetStatus.DRAFT,
        derived_from=latest,
        created_by=actor,
        **{field: getattr(latest, field) for field in EDITABLE_FIELDS},
    )
    full_clean_or_raise(draft, validate_constraints=False)
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError as error:  # a concurrent new version won the race
        raise ApplicationError(
            _("A draft of this rule set already exists: edit or publish it first."), code="draft_exists", status=409
        ) from error
    audit_record(
        actor=actor,
        obj=draft,
        action=AUDIT_NEW_VERSION,
        from_state=f"v{latest.version}",
        to_state=RuleSetStatus.DRAFT,
        request=request,
    )
    return draft


@transaction.atomic
def rule_set_update_draft(*, actor: "User", rule_set: RuleSet, changes: dict, request=None) -> RuleSet:
    """Change a draft's parameters, title or notes; a published version is refused (409)."""
    if not can_manage_rule_sets(actor):
        raise PermissionDeniedError(ONLY_ADMINS_EDIT_RULE_SETS)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="not_editable",
        )
    rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    _refuse_published(rule_set)
    changed = {field: value for field, value in changes.items() if getattr(rule_set, field) != value}
    if not changed:
        return rule_set
    before = {field: getattr(rule_set, field) for field in changed}
    for field, value in changed.items():
        setattr(rule_set, field, value)
    full_clean_or_raise(rule_set, validate_constraints=False)
    rule_set.save(update_fields=list(changed))
    audit_record(
        actor=actor,
        obj=rule_set,
        action=AUDIT_UPDATE,
        from_state=RuleSetStatus.DRAFT,
        to_state=RuleSetStatus.DRAFT,
        comment="; ".join(f"{field}: {before[field]} → {changed[field]}" for field in sorted(changed)),
        request=request,
    )
    return rule_set


@transaction.atomic
def rule_set_publish(*, actor: "User", rule_set: RuleSet, request=None) -> RuleSet:
    """A draft becomes the current version; from now on it never changes."""
    if not can_manage_rule_sets(actor):
        raise PermissionDeniedError(ONLY_ADMINS_EDIT_RULE_SETS)
    rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    _refuse_published(rule_set)
    rule_set.status = RuleSetStatus.PUBLISHED
    rule_set.published_at = timezone.now()
    rule_set.published_by = actor
    full_clean_or_raise(rule_set, validate_constraints=False)
    rule_set.save(update_fields=["status", "published_at", "published_by"])
    audit_record(
        actor=actor,
        obj=rule_set,
        action=AUDIT_PUBLISH,
        from_state=RuleSetStatus.DRAFT,
        to_state=RuleSetStatus.PUBLISHED,
        request=request,
    )
    return rule_set
