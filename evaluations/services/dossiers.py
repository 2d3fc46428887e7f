"""Writes of an enterprise's dossiers (docs/evaluations.md): drafting, evidence, submission and withdrawal.

The clerk of the talent's employer creates a dossier in an open round, edits it while it is a draft,
returned or withdrawn, and submits it within the round's window. Submitting checks eligibility with
the round's rule set: an ``ineligible`` outcome refuses the submission with its reasons; otherwise a
revision is frozen and the dossier moves to ``submitted`` — all inside ``workflow.transition`` (DOSSIER_WORKFLOW).
"""

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

import workflow
from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record, full_clean_or_raise
from eligibility.clauses import reason_source
from eligibility.engine import HIGH_SKILLED_FROM, SKILL_LEVELS, TITLE_LEVELS, highest_rank, skill_rank
from eligibility.models import Outcome
from eligibility.services.checks import eligibility_check_talent, validate_track_and_level
from eligibility.snapshots import load_snapshot
from evaluations import rules
from evaluations.models import (
    Attachment,
    Dossier,
    DossierRevision,
    DossierStatus,
    EvidenceItem,
    EvidenceKind,
    RoundKind,
)
from evaluations.rules import ONLY_CLERKS_DRAFT, can_draft_dossiers
from evaluations.workflow import DOSSIER_WORKFLOW
from talents.models import CredentialKind

if TYPE_CHECKING:
    from accounts.models import User

AUDIT_ACTIONS = {
    "dossier_create": gettext_lazy("Dossier created"),
    "dossier_update": gettext_lazy("Dossier changed"),
    "evidence_add": gettext_lazy("Evidence item added"),
    "evidence_update": gettext_lazy("Evidence item changed"),
    "evidence_remove": gettext_lazy("Evidence item removed"),
}


class IneligibleError(ApplicationError):
    """Submission refused: the eligibility check says ``ineligible``; ``reasons`` are the failed clauses."""

    def __init__(self, message, *, reasons: list[dict], check=None):
        super().__init__(message, code="ineligible", status=400, field=None)
        self.reasons = reasons
        self.check = check


def _language() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh-hans"


# Rules as small pure functions


def window_error(round_, today: datetime.date) -> ApplicationError | None:
    """The round accepts dossiers from opens_on to closes_on, both included."""
    if today < round_.opens_on:
        return ApplicationError(
            _("This round opens on %(opens)s; dossiers can be created and submitted from then until %(closes)s.")
            % {"opens": round_.opens_on.isoformat(), "closes": round_.closes_on.isoformat()},
            code="window_not_open",
        )
    if today > round_.closes_on:
        return ApplicationError(
            _("This round closed on %(closes)s: dossiers can no longer be created or submitted.")
            % {"closes": round_.closes_on.isoformat()},
            code="window_closed",
        )
    return None


def level_fits_round(round_, target_level: str) -> bool:
    levels = SKILL_LEVELS if round_.kind == RoundKind.SKILL_EVALUATION else TITLE_LEVELS
    return target_level in levels


def is_high_skilled(snapshot, as_of: datetime.date) -> bool:
    """Senior worker or above (the policy's "high-skilled talents")."""
    return highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of) >= skill_rank(HIGH_SKILLED_FROM)


def _validate_track_level(round_, track: str, target_level: str) -> None:
    validate_track_and_level(track, target_level)
    if not level_fits_round(round_, target_level):
        raise ApplicationError(
            _("This round is a %(kind)s: pick a level of that kind.") % {"kind": round_.get_kind_display()},
            code="level_not_of_round",
            field="target_level",
        )


# Drafting


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def dossier_create(
    *, actor: "User", round, talent, track: str, target_level: str | None = None, request=None, today=None
) -> Dossier:
    """A draft for one of the clerk's organisation's talents in an open round (one per round and talent).
    The caller fetched ``round`` and ``talent`` through the scoped selectors."""
    if not can_draft_dossiers(actor):
        raise PermissionDeniedError(ONLY_CLERKS_DRAFT)
    if talent.employer_id != actor.organisation_id:
        raise ApplicationError(_("No such talent."), code="not_found", field="talent")
    error = window_error(round, today or timezone.localdate())
    if error is not None:
        error.field = "round"
        raise error
    target_level = target_level or round.target_level
    _validate_track_level(round, track, target_level)
    if Dossier.objects.filter(round=round, talent=talent).exists():
        raise _duplicate_error(talent)
    dossier = Dossier(
        round=round,
        talent=talent,
        organisation_id=actor.organisation_id,
        track=track,
        target_level=target_level,
        created_by=actor,
    )
    full_clean_or_raise(dossier, exclude=["round", "talent", "organisation", "created_by"], validate_unique=False)
    try:
        with transaction.atomic():
            dossier.save()
    except IntegrityError as error:  # a concurrent creation for the same talent and round won
        raise _duplicate_error(talent) from error
    audit_record(
        actor=actor,
        obj=dossier,
        action="dossier_create",
        to_state=dossier.status,
        comment=f"{dossier.track} → {dossier.target_level}",
        request=request,
    )
    return dossier


def _duplicate_error(talent) -> ApplicationError:
    return ApplicationError(
        _("%(name)s already has a dossier in this round: open it from your dossiers instead.") % {"name": talent.name},
        code="duplicate",
        field="talent",
    )


def lock_editable(*, actor: "User", dossier: Dossier) -> Dossier:
    """The dossier locked for a change by its organisation's clerk: 403 for anyone else, 409 once submitted."""
    if not rules.is_clerk_of(actor, dossier):
        raise PermissionDeniedError(ONLY_CLERKS_DRAFT)
    locked = Dossier.objects.select_for_update(of=("self",)).select_related("round").get(pk=dossier.pk)
    if not locked.is_editable:
        raise ApplicationError(
            _(
                "This dossier is “%(status)s”: it can be changed only as a draft, after it is returned, or after "
                "it is withdrawn."
            )
            % {"status": DossierStatus(locked.status).label},
            code="not_editable",
            status=409,
        )
    return locked


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def dossier_update(*, actor: "User", dossier: Dossier, track: str, target_level: str, request=None) -> Dossier:
    locked = lock_editable(actor=actor, dossier=dossier)
    _validate_track_level(locked.round, track, target_level)
    before = f"{locked.track} → {locked.target_level}"
    if (locked.track, locked.target_level) == (track, target_level):
        return locked
    locked.track, locked.target_level = track, target_level
    locked.save(update_fields=["track", "target_level", "updated_at"])
    audit_record(
        actor=actor,
        obj=locked,
        action="dossier_update",
        from_state=before,
        to_state=f"{track} → {target_level}",
        request=request,
    )
    return locked


# Evidence


def _validate_evidence(kind: str | None, description: str | None, date) -> str:
    if kind not in EvidenceKind.values:
        raise ApplicationError(_("Unknown kind of evidence."), field="kind")
    description = (description or "").strip()
    if not description:
        raise ApplicationError(_("Describe the evidence."), field="description")
    if date is None:
        raise ApplicationError(_("Give the date of the evidence."), field="date")
    if date > timezone.localdate():
        raise ApplicationError(_("Evidence cannot be dated in the future."), field="date")
    return description


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def evidence_add(*, actor: "User", dossier: Dossier, kind: str, description: str, date, request=None) -> EvidenceItem:
    locked = lock_editable(actor=actor, dossier=dossier)
    description = _validate_evidence(kind, description, date)
    position = (locked.evidence.aggregate(last=Max("position"))["last"] or 0) + 1
    item = EvidenceItem.objects.create(dossier=locked, kind=kind, description=description, date=date, position=position)
    audit_record(actor=actor, obj=locked, action="evidence_add", comment=str(item), request=request)
    locked.save(update_fields=["updated_at"])
    return item


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def evidence_update(
    *, actor: "User", item: EvidenceItem, kind: str, description: str, date, request=None
) -> EvidenceItem:
    locked = lock_editable(actor=actor, dossier=item.dossier)
    description = _validate_evidence(kind, description, date)
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk, dossier=locked)
    if (item.kind, item.description, item.date) == (kind, description, date):
        return item
    before = str(item)
    item.kind, item.description, item.date = kind, description, date
    item.save(update_fields=["kind", "description", "date"])
    audit_record(
        actor=actor, obj=locked, action="evidence_update", from_state="", comment=f"{before} → {item}", request=request
    )
    locked.save(update_fields=["updated_at"])
    return item


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def evidence_remove(*, actor: "User", item: EvidenceItem, request=None) -> None:
    locked = lock_editable(actor=actor, dossier=item.dossier)
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk, dossier=locked)
    audit_record(actor=actor, obj=locked, action="evidence_remove", comment=str(item), request=request)
    item.delete()  # its attachments stay on the dossier (evidence_item SET_NULL)
    locked.save(update_fields=["updated_at"])


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def evidence_set(*, actor: "User", dossier: Dossier, items: list[dict], request=None) -> list[EvidenceItem]:
    """Make the evidence exactly ``items`` (the API's form): an item with an ``id`` of this dossier is
    changed, one without is added, and items not named are removed; positions follow the list."""
    locked = lock_editable(actor=actor, dossier=dossier)
    current = {item.pk: item for item in locked.evidence.select_for_update()}
    kept = []
    for position, data in enumerate(items, start=1):
        description = _validate_evidence(data.get("kind"), data.get("description"), data.get("date"))
        pk = data.get("id")
        if pk is not None and pk not in current:
            raise ApplicationError(
                _("Evidence item %(id)s is not part of this dossier.") % {"id": pk}, field="evidence"
            )
        item = current[pk] if pk is not None else EvidenceItem(dossier=locked)
        item.kind, item.description, item.date, item.position = data["kind"], description, data["date"], position
        item.save()
        kept.append(item)
    removed = [item for pk, item in current.items() if pk not in {k.pk for k in kept}]
    for item in removed:
        item.delete()
    audit_record(
        actor=actor,
        obj=locked,
        action="dossier_update",
        comment=_("Evidence: %(count)d items (%(removed)d removed).") % {"count": len(kept), "removed": len(removed)},
        request=request,
    )
    locked.save(update_fields=["updated_at"])
    return kept


# Submission


def revision_content(dossier: Dossier, *, check=None) -> dict:
    """What is frozen: the dossier's fields, its evidence and its current attachments."""
    evidence = [
        {
            "id": item.pk,
            "kind": item.kind,
            "description": item.description,
            "date": item.date.isoformat(),
            "position": item.position,
        }
        for item in EvidenceItem.objects.filter(dossier=dossier).order_by("position", "pk")
    ]
    attachments = [
        {
            "id": attachment.pk,
            "name": attachment.original_name,
            "sha256": attachment.sha256,
            "size": attachment.size,
            "content_type": attachment.content_type,
            "evidence_item": attachment.evidence_item_id,
        }
        for attachment in Attachment.objects.filter(dossier=dossier, removed_at__isnull=True).order_by(
            "uploaded_at", "pk"
        )
    ]
    return {
        "fields": {
            "round": dossier.round_id,
            "talent": dossier.talent_id,
            "organisation": dossier.organisation_id,
            "track": dossier.track,
            "target_level": dossier.target_level,
        },
        "evidence": evidence,
        "attachments": attachments,
        "eligibility": {"check": check.pk, "outcome": check.outcome} if check is not None else None,
    }


def failed_reasons(check, language: str) -> list[dict]:
    return [
        {
            "rule": reason["rule"],
            "passed": reason["passed"],
            "explanation": reason["explanation"][language],
            "source": reason_source(reason, language),
        }
        for reason in check.reasons
        if not reason["passed"]
    ]


@bumps_scope_version(DOSSIERS)
def dossier_submit(*, actor: "User", dossier: Dossier, request=None, today=None) -> Dossier:
    """Submit (or resubmit after a return or withdrawal) within the round's window; a returned dossier
    may be resubmitted after the window closed.

    Illegal from this state → 409; not the clerk → 403; outside the window → 400; ``ineligible`` →
    IneligibleError (400) with the failed reasons, and nothing is stored. Otherwise the check is kept
    on the dossier, a revision is frozen, and the dossier is ``submitted``."""
    today = today or timezone.localdate()

    def apply(locked: Dossier, edge) -> None:
        round_ = locked.round
        # A dossier the officials returned for revision may come back after the window closed
        # (review often runs past it); a draft or a withdrawn dossier keeps to the window.
        error = None if locked.status == DossierStatus.RETURNED else window_error(round_, today)
        if error is not None:
            raise error
        check = eligibility_check_talent(
            actor=actor,
            talent=locked.talent,
            track=locked.track,
            target_level=locked.target_level,
            as_of=today,
            rule_set=round_.rule_set,
        )
        if check.outcome == Outcome.INELIGIBLE:
            reasons = failed_reasons(check, _language())
            raise IneligibleError(
                _("%(name)s is not eligible for this track and level, so the dossier cannot be submitted: %(why)s")
                % {"name": locked.talent.name, "why": "; ".join(f"{r['rule']} {r['explanation']}" for r in reasons)},
                reasons=reasons,
                check=check,
            )
        number = (DossierRevision.objects.filter(dossier=locked).aggregate(last=Max("number"))["last"] or 0) + 1
        revision = DossierRevision.objects.create(
            dossier=locked, number=number, content=revision_content(locked, check=check), submitted_by=actor
        )
        locked.current_revision = revision
        locked.eligibility_check = check
        locked.eligibility_outcome = check.outcome
        locked.high_skilled_group = bool(round_.separate_group_for_high_skilled) and is_high_skilled(
            load_snapshot(locked.talent), today
        )
        locked.save(
            update_fields=["current_revision", "eligibility_check", "eligibility_outcome", "high_skilled_group"]
        )

    with transaction.atomic():
        return workflow.transition(
            workflow=DOSSIER_WORKFLOW, actor=actor, obj=dossier, action="submit", request=request, apply=apply
        )


@bumps_scope_version(DOSSIERS)
def dossier_withdraw(*, actor: "User", dossier: Dossier, comment: str = "", request=None) -> Dossier:
    """Take a submitted dossier back before the city decides; it can be edited and submitted again."""
    return workflow.transition(
        workflow=DOSSIER_WORKFLOW, actor=actor, obj=dossier, action="withdraw", comment=comment, request=request
    )
