"""Writes of the eligibility engine for one talent: checks (the system's determination) and
overrides (an official's decision), always separate records (docs/rules.md)."""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record, full_clean_or_raise
from eligibility.clauses import LANGUAGES
from eligibility.engine import ALL_LEVELS, TRACK_LEVELS, evaluate
from eligibility.models import EligibilityCheck, EligibilityOverride, Outcome, Track
from eligibility.rules import (
    NO_CHECK_ACCESS,
    ONLY_OFFICIALS_OVERRIDE,
    can_check_eligibility,
    can_override_eligibility,
)
from eligibility.selectors.checks import latest_check, rule_set_current
from eligibility.snapshots import load_snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

UNKNOWN_TRACK = gettext_lazy("Unknown track.")
UNKNOWN_LEVEL = gettext_lazy("Unknown level.")
LEVEL_NOT_OF_TRACK = gettext_lazy("This track does not lead to that level.")

AUDIT_OVERRIDE = "eligibility_override"
AUDIT_NEW_VERSION = "rule_set_new_version"
AUDIT_UPDATE = "rule_set_update"
AUDIT_PUBLISH = "rule_set_publish"
CHECK_AUDIT_ACTIONS = {
    AUDIT_OVERRIDE: gettext_lazy("Eligibility determination overridden"),
    AUDIT_NEW_VERSION: gettext_lazy("Rule set version drafted"),
    AUDIT_UPDATE: gettext_lazy("Rule set draft changed"),
    AUDIT_PUBLISH: gettext_lazy("Rule set published"),
}


def validate_track_and_known_level(track: str, target_level: str) -> None:
    """400 with a field message for a track, or a level code, that does not exist (``unknown_track``,
    ``unknown_level``). A real level the track does not lead to is a question with an answer: the
    check says ineligible and names the track's levels (docs/rules.md#checks)."""
    if track not in Track.values:
        raise ApplicationError(UNKNOWN_TRACK, code="unknown_track", field="track")
    if target_level not in ALL_LEVELS:
        raise ApplicationError(UNKNOWN_LEVEL, code="unknown_level", field="target_level")


def validate_track_and_level(track: str, target_level: str) -> None:
    """As ``validate_track_and_known_level``, and the track must lead to the level
    (``level_not_of_track``): a dossier is only ever opened for a level its track leads to."""
    validate_track_and_known_level(track, target_level)
    if target_level not in TRACK_LEVELS[track]:
        raise ApplicationError(LEVEL_NOT_OF_TRACK, code="level_not_of_track", field="target_level")


def stored_reasons(determination, rule_set) -> list[dict]:
    """One reason per clause, with the explanation in both languages (zh-hans and en). ``later`` lists
    the facts dated after the check that the clause would have read (they do not count yet)."""
    reasons = []
    for result in determination.clauses:
        explanation = {
            language: result.reason(rule_set, determination.target_level, language, determination.as_of)["explanation"]
            for language in LANGUAGES
        }
        reason = {
            "rule": result.rule,
            "clause": result.code,
            "passed": result.passed,
            "explanation": explanation,
            "source": {language: result.source.text(language) for language in LANGUAGES},
        }
        if result.later:
            reason["later"] = [{"code": code, "date": day.isoformat()} for code, day in result.later]
        if result.evidence:
            reason["evidence"] = [{"code": code, "date": day.isoformat()} for code, day in result.evidence]
        reasons.append(reason)
    return reasons


@transaction.atomic
def eligibility_check_talent(
    *,
    actor: "User | AnonymousUser",
    talent,
    track: str,
    target_level: str,
    as_of: datetime.date | None = None,
    rule_set=None,
) -> EligibilityCheck:
    """Determine and store the talent's eligibility for one track and level against the current
    published rule set (the caller fetched ``talent`` through a scoped selector)."""
    if not can_check_eligibility(actor):
        raise PermissionDeniedError(NO_CHECK_ACCESS)
    validate_track_and_known_level(track, target_level)
    rule_set = rule_set or rule_set_current()
    as_of = as_of or timezone.localdate()
    determination = evaluate(load_snapshot(talent), track, target_level, rule_set, as_of)
    check = EligibilityCheck(
        talent=talent,
        rule_set=rule_set,
        track=track,
        target_level=target_level,
        as_of=as_of,
        outcome=determination.outcome,
        reasons=stored_reasons(determination, rule_set),
        checked_by=actor if actor.is_authenticated else None,
    )
    full_clean_or_raise(check, exclude=["talent", "rule_set", "checked_by"])  # loaded, not typed in
    check.save()
    return check


@transaction.atomic
def eligibility_override(*, actor: "User", check: EligibilityCheck, outcome: str, reason: str, request=None):
    """An official decides a needs_review determination: a new record, audited; the check is unchanged.

    Only the latest determination of that talent, track and level can be decided, and only once
    (the check row is locked, so two officials deciding at once cannot both succeed)."""
    if not can_override_eligibility(actor):
        raise PermissionDeniedError(ONLY_OFFICIALS_OVERRIDE)
    if outcome not in (Outcome.ELIGIBLE, Outcome.INELIGIBLE):
        raise ApplicationError(_("Decide eligible or ineligible."), code="invalid_outcome", field="outcome")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("A reason is required."), code="reason_required", field="reason")
    check = EligibilityCheck.objects.select_for_update().get(pk=check.pk)
    if check.outcome != Outcome.NEEDS_REVIEW:
        raise ApplicationError(
            _("Only a determination that needs review can be overridden."), code="not_needs_review", status=409
        )
    if check.overrides.exists():
        raise ApplicationError(_("This determination has already been decided."), code="already_decided", status=409)
    latest = latest_check(talent=check.talent, track=check.track, target_level=check.target_level)
    if latest is not None and latest.pk != check.pk:
        raise ApplicationError(
            _("A newer check exists for this talent, track and level: decide that one."), code="stale", status=409
        )
    override = EligibilityOverride(
        talent_id=check.talent_id,
        track=check.track,
        target_level=check.target_level,
        check_overridden=check,
        outcome=outcome,
        reason=reason,
        decided_by=actor,
    )
    full_clean_or_raise(override)
    override.save()
    audit_record(
        actor=actor,
        obj=override,
        action=AUDIT_OVERRIDE,
        from_state=check.outcome,
        to_state=outcome,
        comment=reason,
        request=request,
    )
    return override


def eligibility_override_latest(
    *, actor: "User", talent, track: str, target_level: str, outcome: str, reason: str, request=None
):
    """Override the latest determination of the talent for a track and level (the API's form)."""
    validate_track_and_known_level(track, target_level)
    check = latest_check(talent=talent, track=track, target_level=target_level)
    if check is None:
        raise ApplicationError(
            _("No determination to override: check this talent for that track and level first."),
            code="no_check",
            status=409,
        )
    return eligibility_override(actor=actor, check=check, outcome=outcome, reason=reason, request=request)
