"""Writes for registration claims (docs/security.md, "Registration without disclosure").

A clerk who registers a number another organisation holds is told exactly what a new registration is
told; the conflict becomes a claim for the bureau of the clerk's organisation, which transfers the one
record to the new employer (credentials, honours, dossiers and enrolments follow it, since they point at
it) or rejects the claim with a reason. The clerk learns the outcome from the bureau's decision only.
"""

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.cache import TALENTS, bumps_scope_version
from accounts.dispatch import delay_on_commit
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Organisation, RegionLevel
from accounts.services import audit_changes, audit_record, audit_values
from notifications.messages import Message
from notifications.recipients import city_officials_of, clerks_of, provincial_officials_of
from notifications.services import notify, notify_on_commit
from talents.figures import registry_figures_refresh_later
from talents.models import ClaimStatus, RegistrationClaim, Talent
from talents.rules import ONLY_OFFICIALS_RESOLVE_CLAIMS, can_resolve_registration_claims
from talents.selectors import registration_claim_list

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

NOTIFY_TASK = "talents.registration_claim_notify"
# What a transfer applies from the claim to the record: the new post. Name, number and what they give
# stay: the record is the same person's.
TRANSFERRED_FIELDS = ("employer", "occupation", "frontline")
DECISIONS = ("transfer", "reject")
ALREADY_REGISTERED_HERE = gettext_lazy("This national ID number is already registered by your organisation.")

AUDIT_ACTIONS = {
    "claim_open": gettext_lazy("Registration claim opened"),
    "claim_transfer": gettext_lazy("Registration claim: record transferred"),
    "claim_reject": gettext_lazy("Registration claim rejected"),
    "transfer": gettext_lazy("Transferred to another employer"),
}
MESSAGES = {
    "registration_claim_opened": Message(
        gettext_lazy("Registration claim to decide: %(name)s"),
        gettext_lazy(
            "%(organisation)s registered %(name)s, whose ID number another employer holds. Transfer the "
            "record to %(organisation)s or reject the claim with a reason."
        ),
    ),
    "registration_claim_transferred": Message(
        gettext_lazy("Registration completed: %(name)s"),
        gettext_lazy("The bureau recorded %(name)s under your organisation. Comment: %(reason)s"),
    ),
    "registration_claim_rejected": Message(
        gettext_lazy("Registration not recorded: %(name)s"),
        gettext_lazy("The bureau did not record the registration of %(name)s. Reason: %(reason)s"),
    ),
    "talent_transferred_away": Message(
        gettext_lazy("Talent moved to another employer: %(name)s"),
        gettext_lazy("The bureau transferred the record of %(name)s to its new employer."),
    ),
}


@dataclass(frozen=True)
class RegistrationReceipt:
    """What a registration answers. The clerk is shown ``name``, ``id_number_masked`` and ``message``
    only, identical whether the number was new (``talent``) or held by another organisation (``claim``,
    for the bureau): nobody learns from it where a number is registered (docs/security.md)."""

    name: str
    id_number_masked: str
    talent: Talent | None = None
    claim: RegistrationClaim | None = None

    @property
    def message(self) -> str:
        return _(
            "The registration of %(name)s (%(number)s) is received. It appears in your registry once it is "
            "recorded; a number another employer holds goes to the bureau, which tells you its decision."
        ) % {"name": self.name, "number": self.id_number_masked}


def refuse_own(actor: "User", holder: Talent) -> None:
    """The clerk's own organisation holds the number: saying so discloses nothing they cannot read."""
    if holder.employer_id == actor.organisation_id:
        raise ApplicationError(ALREADY_REGISTERED_HERE, code="duplicate", field="id_number")


def bureau_officials(organisation: Organisation):
    """The bureau that decides an organisation's claims: its city's officials, or the province's for an
    organisation directly under a province (the same routing as a dossier's first review)."""
    region = organisation.region
    if region.level == RegionLevel.CITY:
        return city_officials_of(region.pk)
    return provincial_officials_of(region)


def registration_claim_open(*, actor: "User", holder: Talent, typed: Talent, request=None) -> RegistrationClaim:
    """Route a registration of a number held elsewhere to the bureau. ``typed`` is the unsaved record
    the clerk described. The same statements as a new registration: one insert, one audit row, one
    task enqueued after the commit. A second registration while a claim is open is the own-organisation
    duplicate."""
    claim = RegistrationClaim(
        talent=holder,
        organisation=actor.organisation,
        previous_employer_id=holder.employer_id,
        requested_by=actor,
        name=typed.name,
        occupation=typed.occupation,
        frontline=typed.frontline,
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as error:  # the partial unique constraint: this organisation's claim is open
        raise ApplicationError(ALREADY_REGISTERED_HERE, code="duplicate", field="id_number") from error
    audit_record(
        actor=actor,
        obj=claim,
        action="claim_open",
        to_state=ClaimStatus.PENDING,
        changes=audit_changes({}, audit_values(claim, ("organisation", "previous_employer", "name", "occupation"))),
        request=request,
    )
    delay_on_commit(NOTIFY_TASK, claim.pk)
    return claim


def registration_claim_notify(*, claim_id: int) -> int:
    """Tell the bureau of the claiming organisation (the task after the registration's commit)."""
    claim = RegistrationClaim.objects.select_related("organisation__region").filter(pk=claim_id).first()
    if claim is None or claim.status != ClaimStatus.PENDING:
        return 0
    sent = notify(
        recipients=bureau_officials(claim.organisation),
        kind="registration_claim_opened",
        params={"name": claim.name, "organisation": claim.organisation.name},
        url=reverse("talents:claim-detail", args=[claim.pk]),
    )
    return len(sent)


@bumps_scope_version(TALENTS)
@transaction.atomic
def registration_claim_resolve(
    *, actor: "User", claim: RegistrationClaim, decision: str, reason: str = "", request=None
) -> RegistrationClaim:
    """Transfer the record to the claiming organisation or reject the claim; audited on the claim and,
    for a transfer, on the talent; the clerk who registered is told either way."""
    if not can_resolve_registration_claims(actor):
        raise PermissionDeniedError(ONLY_OFFICIALS_RESOLVE_CLAIMS)
    if not registration_claim_list(actor=actor).filter(pk=claim.pk).exists():
        raise PermissionDeniedError(ONLY_OFFICIALS_RESOLVE_CLAIMS)
    if decision not in DECISIONS:
        raise ApplicationError(_("Choose transfer or reject."), field="decision")
    reason = (reason or "").strip()
    if decision == "reject" and not reason:
        raise ApplicationError(_("A reason is required."), field="reason")
    claim = RegistrationClaim.objects.select_for_update().select_related("organisation").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise ApplicationError(_("This claim is already resolved."), code="already_resolved", status=409)
    if decision == "transfer":
        _transfer(actor=actor, claim=claim, reason=reason, request=request)
    claim.status = ClaimStatus.TRANSFERRED if decision == "transfer" else ClaimStatus.REJECTED
    claim.reason = reason
    claim.resolved_by = actor
    claim.resolved_at = timezone.now()
    claim.save(update_fields=["status", "reason", "resolved_by", "resolved_at"])
    audit_record(
        actor=actor,
        obj=claim,
        action=f"claim_{decision}",
        from_state=ClaimStatus.PENDING,
        to_state=claim.status,
        comment=reason,
        request=request,
    )
    notify_on_commit(
        recipients=[claim.requested_by],
        kind=f"registration_claim_{claim.status}",
        params={"name": claim.name, "reason": reason},
        url=reverse("talents:detail", args=[claim.talent_id]) if decision == "transfer" else "",
        actor=actor,
    )
    return claim


def _transfer(*, actor: "User", claim: RegistrationClaim, reason: str, request) -> None:
    talent = Talent.objects.select_for_update().get(pk=claim.talent_id)
    previous_employer_id = talent.employer_id
    before = audit_values(talent, TRANSFERRED_FIELDS)
    talent.employer = claim.organisation
    talent.occupation = claim.occupation
    talent.frontline = claim.frontline
    talent.save(update_fields=[*TRANSFERRED_FIELDS, "updated_at"])
    audit_record(
        actor=actor,
        obj=talent,
        action="transfer",
        from_state=str(previous_employer_id),
        to_state=str(claim.organisation_id),
        comment=reason,
        changes=audit_changes(before, audit_values(talent, TRANSFERRED_FIELDS)),
        request=request,
    )
    notify_on_commit(
        recipients=clerks_of(previous_employer_id),
        kind="talent_transferred_away",
        params={"name": talent.name},
        actor=actor,
    )
    registry_figures_refresh_later()
