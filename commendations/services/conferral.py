"""Conferral (docs/commendations.md#conferral): after the public notice period, with every objection
resolved, a nomination in public notice is conferred — the talent's Honour is created in the registry
(source: conferral, linked from ``Nomination.honour``), or an organisation's award is recorded as an
``OrganisationAward``. Campaigns conclude once every nomination is decided.

Two paths reach the same ``_confer``: the campaign official's ``confer`` action (refused while the period
runs or an objection waits), and the notice's closing (commendations/notice_handlers.py), which the
notices app only allows in the same conditions.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_record, full_clean_or_raise
from commendations import rules
from commendations.models import Campaign, CampaignStatus, Nomination, NominationStatus, OrganisationAward
from commendations.selectors.publicity import notice_entry_of
from commendations.services.campaigns import campaign_close, campaign_conclude
from commendations.services.publicity import campaign_authority
from commendations.workflow import NOMINATION_WORKFLOW
from notices.models import EntryOutcome, NoticeEntry, ObjectionStatus
from talents.services import honour_confer

AUDIT_ACTIONS = {
    "organisation_award_confer": gettext_lazy("Award conferred on an organisation"),
}

# A nomination still on its way; drafts never submitted do not hold a campaign open.
_UNDECIDED = (
    NominationStatus.SUBMITTED,
    NominationStatus.CITY_RECOMMENDED,
    NominationStatus.PROVINCE_RECOMMENDED,
    NominationStatus.IN_EXPERT_REVIEW,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.RETURNED,
)
DECIDED = (NominationStatus.CONFERRED, NominationStatus.REJECTED, NominationStatus.WITHDRAWN)


def conferral_refusal(nomination: Nomination, entry: NoticeEntry | None) -> ApplicationError | None:
    """Why this nomination in public notice cannot be conferred today (None: it can)."""
    if entry is None:
        return ApplicationError(
            _("This nomination is in no public notice: it cannot be conferred."), code="not_in_notice", status=409
        )
    if timezone.localdate() <= entry.notice.closes_on:
        return ApplicationError(
            _("The public notice runs until %(date)s: the award can be conferred from the next day.")
            % {"date": entry.notice.closes_on.isoformat()},
            code="notice_period_running",
            status=409,
        )
    waiting = entry.objections.filter(status=ObjectionStatus.FILED).count()
    if waiting:
        return ApplicationError(
            _("%(count)d objection(s) to this nomination wait for a resolution: resolve them first.")
            % {"count": waiting},
            code="objections_unresolved",
            status=409,
        )
    if entry.outcome == EntryOutcome.WITHDRAWN:
        return ApplicationError(
            _("An objection to this nomination was upheld: it cannot be conferred."), code="entry_withdrawn", status=409
        )
    return None


def _confer(*, nomination: Nomination, entry: NoticeEntry, actor, request=None) -> Nomination:
    """The ``confer`` transition, recording the honour (or the organisation's award) under its lock."""
    conferring_body = entry.notice.issuing_authority or campaign_authority(nomination.campaign)

    def apply(locked: Nomination, edge) -> None:
        campaign = locked.campaign
        today = timezone.localdate()
        if locked.talent is not None:
            locked.honour = honour_confer(
                actor=actor,
                talent=locked.talent,
                award=campaign.award,
                conferred_on=today,
                conferring_body=conferring_body,
                evidence=_("Conferred through the campaign “%(campaign)s” after the public notice “%(notice)s”.")
                % {"campaign": campaign, "notice": entry.notice.title},
                request=request,
            )
            locked.save(update_fields=["honour"])
            return
        award = OrganisationAward(
            organisation=locked.nominee_organisation,
            award=campaign.award,
            campaign=campaign,
            nomination=locked,
            conferred_on=today,
            conferring_body=conferring_body,
        )
        full_clean_or_raise(award, exclude=["organisation", "award", "campaign", "nomination"])
        award.save()
        audit_record(
            actor=actor,
            obj=award,
            action="organisation_award_confer",
            to_state=campaign.award.code,
            comment=str(campaign),
            request=request,
        )

    return workflow.transition(
        workflow=NOMINATION_WORKFLOW,
        actor=actor,
        obj=nomination,
        action="confer",
        comment=_("Public notice “%(title)s” ended with no upheld objection.") % {"title": entry.notice.title},
        apply=apply,
        request=request,
    )


@transaction.atomic
def nomination_confer(*, actor, nomination: Nomination, request=None) -> Nomination:
    """A campaign official confers one nomination in public notice (409 while the notice period runs or
    an objection to it waits)."""
    nomination = Nomination.objects.select_related("campaign__region", "campaign__award").get(pk=nomination.pk)
    if not rules.can_confer(actor, nomination.campaign):
        raise PermissionDeniedError(rules.ONLY_CAMPAIGN_OFFICIALS)
    if nomination.status != NominationStatus.IN_PUBLICITY:
        raise workflow.illegal_transition_error(NOMINATION_WORKFLOW, nomination, "confer")
    entry = notice_entry_of(nomination)
    refusal = conferral_refusal(nomination, entry)
    if refusal is not None:
        raise refusal
    assert entry is not None  # for mypy: conferral_refusal refused a missing entry
    return _confer(nomination=nomination, entry=entry, actor=actor, request=request)


def confer_from_notice(*, nomination: Nomination, entry: NoticeEntry, actor) -> Nomination:
    """The notice closed (its period over, no objection waiting): confer, as the closing official when
    the workflow lets them, else as the portal."""
    nomination = Nomination.objects.select_related("campaign__region", "campaign__award").get(pk=nomination.pk)
    acting = actor if rules.is_campaign_official(actor, nomination) else None
    return _confer(nomination=nomination, entry=entry, actor=acting)


@transaction.atomic
def campaign_conclude_if_decided(*, campaign: Campaign, actor=None) -> bool:
    """Conclude a campaign whose window has closed and whose every nomination is decided (conferred,
    rejected or withdrawn), as the portal, through the campaign workflow (close, then conclude). True
    when it concluded now."""
    campaign = Campaign.objects.get(pk=campaign.pk)
    if campaign.status == CampaignStatus.CONCLUDED or timezone.localdate() <= campaign.closes_on:
        return False
    nominations = Nomination.objects.filter(campaign=campaign)
    if nominations.filter(status__in=_UNDECIDED).exists() or not nominations.filter(status__in=DECIDED).exists():
        return False
    if campaign.status == CampaignStatus.OPEN:
        campaign = campaign_close(actor=None, campaign=campaign, comment=_("The nomination window is over."))
    campaign_conclude(actor=None, campaign=campaign, comment=_("Every nomination is decided."))
    return True
