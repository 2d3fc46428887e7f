"""Writes of nominations (docs/commendations.md#nominations): every state change goes through
``workflow.transition`` with the nomination workflow table (commendations/workflow.py).

A clerk (for a talent their organisation employs, or for the organisation itself) or a city official
(for the talents and organisations of their city) drafts a nomination while the campaign is open and
inside its window; it is edited while a draft or returned, and submitted once the nominee meets the
campaign's criteria (evaluated by the eligibility engine: a failing nominee is refused with the
reasons, 400).
"""

import datetime
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import workflow
from accounts import private_files
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.services import audit_changes, audit_record, audit_values, full_clean_or_raise
from commendations import rules
from commendations.models import (
    Campaign,
    CampaignQuota,
    CampaignStatus,
    Nomination,
    NominationAttachment,
    NominationStatus,
    NomineeKind,
)
from commendations.workflow import NOMINATION_WORKFLOW
from eligibility.selectors.criteria import CriteriaResult, criteria_result
from notices.models import NoticeEntry

AUDIT_ACTIONS = {
    "nomination_create": gettext_lazy("Nomination drafted"),
    "nomination_update": gettext_lazy("Nomination changed"),
    "nomination_attachment_add": gettext_lazy("Nomination attachment added"),
    "nomination_attachment_remove": gettext_lazy("Nomination attachment removed"),
}
# The fields a nominator writes (audited as changes).
TEXT_FIELDS = ("achievements", "recommendation")
MAX_TEXT = 10000


class CriteriaFailedError(ApplicationError):
    """Submission refused: the nominee fails the campaign's criteria; ``reasons`` are every clause's."""

    def __init__(self, message, *, reasons: list[dict]):
        super().__init__(message, code="criteria_failed", status=400, field=None)
        self.reasons = reasons


def window_error(campaign: Campaign, today: datetime.date) -> ApplicationError | None:
    """Nominations are drafted and submitted while the campaign is open, from opens_on to closes_on."""
    if campaign.status != CampaignStatus.OPEN:
        return ApplicationError(
            _("This campaign no longer takes nominations."), code="campaign_not_open", field="campaign"
        )
    if today < campaign.opens_on:
        return ApplicationError(
            _("This campaign takes nominations from %(opens)s to %(closes)s.")
            % {"opens": campaign.opens_on.isoformat(), "closes": campaign.closes_on.isoformat()},
            code="window_not_open",
            field="campaign",
        )
    if today > campaign.closes_on:
        return ApplicationError(
            _("This campaign's nominations closed on %(closes)s.") % {"closes": campaign.closes_on.isoformat()},
            code="window_closed",
            field="campaign",
        )
    return None


def _duplicate_error() -> ApplicationError:
    return ApplicationError(
        _("This nominee already has a nomination in this campaign."), code="duplicate", status=409, field=None
    )


def _duplicate_exists(campaign: Campaign, talent, nominee_organisation) -> bool:
    live = Nomination.objects.filter(campaign=campaign).exclude(status=NominationStatus.WITHDRAWN)
    return live.filter(
        Q(talent=talent) if talent is not None else Q(nominee_organisation=nominee_organisation)
    ).exists()


def _withdrawn_after_objection(campaign: Campaign, talent, nominee_organisation) -> bool:
    """A nomination of the nominee in this campaign was withdrawn after an upheld objection: the only way
    out of a public notice into "withdrawn" (commendations/workflow.py). Such a nominee is not nominated
    again in the same campaign."""
    nominee = Q(talent=talent) if talent is not None else Q(nominee_organisation=nominee_organisation)
    withdrawn = Nomination.objects.filter(nominee, campaign=campaign, status=NominationStatus.WITHDRAWN)
    listed = NoticeEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(Nomination), subject_id__in=withdrawn.values("pk")
    )
    return listed.exists()


def _in_campaign_region(campaign: Campaign, organisation) -> bool:
    """A province's campaign takes nominees of that province; a national one, of any."""
    if campaign.region.parent_id is None:
        return True
    region = organisation.region
    return campaign.region_id in (region.pk, region.province_id)


def _clean_text(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise ApplicationError(_("At most %(limit)d characters.") % {"limit": MAX_TEXT}, code="too_long", field=field)
    return value


def nomination_criteria(nomination: Nomination, *, language: str | None = None) -> CriteriaResult | None:
    """The nominee against the campaign's criteria; None for an organisation (criteria are talents')."""
    if nomination.talent_id is None:
        return None
    campaign = nomination.campaign
    return criteria_result(nomination.talent, campaign.criteria_rule_set, campaign.criteria_clauses, language=language)


@transaction.atomic
def nomination_create(
    *,
    actor,
    campaign: Campaign,
    talent=None,
    nominee_organisation=None,
    achievements: str = "",
    recommendation: str = "",
    request=None,
    today: datetime.date | None = None,
) -> Nomination:
    """A draft nomination; the caller fetched ``campaign`` and the nominee through scoped selectors."""
    if not rules.can_nominate(actor):
        raise PermissionDeniedError(rules.ONLY_NOMINATORS)
    error = window_error(campaign, today or timezone.localdate())
    if error is not None:
        raise error
    if campaign.nominee_kind == NomineeKind.INDIVIDUAL:
        if talent is None or nominee_organisation is not None:
            raise ApplicationError(
                _("This campaign commends individual talents: name a talent."), code="required", field="talent"
            )
        organisation = talent.employer
        field = "talent"
    else:
        if nominee_organisation is None or talent is not None:
            raise ApplicationError(
                _("This campaign commends organisations: name an organisation."),
                code="required",
                field="nominee_organisation",
            )
        organisation = nominee_organisation
        field = "nominee_organisation"
    if not rules.may_nominate_for(actor, organisation):
        raise ApplicationError(rules.NOT_YOUR_NOMINEE, code="not_your_nominee", field=field)
    if not _in_campaign_region(campaign, organisation):
        raise ApplicationError(
            _("This campaign takes nominees of %(region)s only.") % {"region": campaign.region},
            code="outside_campaign_region",
            field=field,
        )
    nomination = Nomination(
        campaign=campaign,
        talent=talent,
        nominee_organisation=nominee_organisation,
        organisation=organisation,
        nominated_by=actor,
        achievements=_clean_text(achievements, "achievements"),
        recommendation=_clean_text(recommendation, "recommendation"),
    )
    full_clean_or_raise(
        nomination,
        exclude=["campaign", "talent", "nominee_organisation", "organisation", "nominated_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    if _duplicate_exists(campaign, talent, nominee_organisation):
        raise _duplicate_error()
    if _withdrawn_after_objection(campaign, talent, nominee_organisation):
        raise ApplicationError(
            _("An objection against this nominee was upheld in this campaign: they cannot be nominated again in it."),
            code="withdrawn_after_objection",
            status=409,
        )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:  # a concurrent nomination of the same nominee won (the partial unique index)
        raise _duplicate_error() from error
    audit_record(
        actor=actor,
        obj=nomination,
        action="nomination_create",
        to_state=nomination.status,
        changes=audit_changes({}, audit_values(nomination, TEXT_FIELDS)),
        request=request,
    )
    return nomination


def _lock_editable(actor, nomination: Nomination) -> Nomination:
    """The nomination, locked, if the actor may still change it (403 for others, 409 once submitted)."""
    locked = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("organisation__region", "campaign__region")
        .get(pk=nomination.pk)
    )
    if not rules.can_edit_nomination(actor, locked):
        if rules.is_nominating_side(actor, locked):
            raise ApplicationError(rules.NOT_EDITABLE, code="not_editable", status=409)
        raise PermissionDeniedError(rules.NOT_EDITABLE)
    return locked


@transaction.atomic
def nomination_update(
    *, actor, nomination: Nomination, achievements: str | None = None, recommendation: str | None = None, request=None
) -> Nomination:
    """Change the texts of a draft or returned nomination (the nominating side only)."""
    locked = _lock_editable(actor, nomination)
    before = audit_values(locked, TEXT_FIELDS)
    if achievements is not None:
        locked.achievements = _clean_text(achievements, "achievements")
    if recommendation is not None:
        locked.recommendation = _clean_text(recommendation, "recommendation")
    changes = audit_changes(before, audit_values(locked, TEXT_FIELDS))
    if not changes:
        return locked
    full_clean_or_raise(
        locked,
        exclude=["campaign", "talent", "nominee_organisation", "organisation", "nominated_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    locked.save(update_fields=[*TEXT_FIELDS, "updated_at"])
    audit_record(
        actor=actor, obj=locked, action="nomination_update", from_state=locked.status, changes=changes, request=request
    )
    return locked


@transaction.atomic
def nomination_attachment_add(*, actor, nomination: Nomination, upload, request=None) -> NominationAttachment:
    """Store one file on an editable nomination: checked by content and kept privately by the shared
    mechanism (accounts.private_files, as dossier attachments); a failure removes the stored file."""
    locked = _lock_editable(actor, nomination)
    content_type, size = private_files.validate_upload(upload)
    return private_files.attach(
        NominationAttachment(nomination=locked, content_type=content_type, size=size),
        upload,
        folder=f"nominations/{locked.pk}",
        owner=locked,
        actor=actor,
        audit_action="nomination_attachment_add",
        request=request,
    )


@transaction.atomic
def nomination_attachment_remove(*, actor, attachment: NominationAttachment, request=None) -> NominationAttachment:
    """Take a file out of an editable nomination (kept on disk: the audit trail names it)."""
    _lock_editable(actor, attachment.nomination)
    attachment = NominationAttachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.removed_at is None:
        attachment.removed_at = timezone.now()
        attachment.save(update_fields=["removed_at"])
        audit_record(
            actor=actor,
            obj=attachment.nomination,
            action="nomination_attachment_remove",
            comment=attachment.original_name,
            request=request,
        )
    return attachment


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination, request=None, today: datetime.date | None = None) -> Nomination:
    """Submit (or resubmit after a return) inside the campaign's window, with achievements and a
    recommendation written and the nominee meeting the campaign's criteria."""

    def check(locked: Nomination, edge) -> None:
        error = window_error(locked.campaign, today or timezone.localdate())
        if error is not None:
            raise error
        for field, message in (
            ("achievements", _("Describe the nominee's achievements before submitting.")),
            ("recommendation", _("Write the recommendation before submitting.")),
        ):
            if not getattr(locked, field).strip():
                raise ApplicationError(message, code="required", field=field)
        result = nomination_criteria(locked)
        if result is not None and not result.passed:
            raise CriteriaFailedError(
                _("The nominee does not meet the campaign's criteria; see the reasons."), reasons=result.reasons
            )

    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="submit", request=request, apply=check
    )


def nomination_withdraw(*, actor, nomination: Nomination, comment: str = "", request=None) -> Nomination:
    """The nominator takes the nomination back before the province decides."""
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="withdraw", comment=comment, request=request
    )


def nomination_return(*, actor, nomination: Nomination, comment: str, request=None) -> Nomination:
    """Send a nomination back to its nominator for revision (a comment is required)."""
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="return", comment=comment, request=request
    )


def nomination_reject(*, actor, nomination: Nomination, comment: str, request=None) -> Nomination:
    """Reject a nomination for good (a comment is required)."""
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="reject", comment=comment, request=request
    )


if TYPE_CHECKING:
    from accounts.models import User

# Places a province has used: its nominations recommended by the province or further along.
_USING_A_PLACE = (
    NominationStatus.PROVINCE_RECOMMENDED,
    NominationStatus.IN_EXPERT_REVIEW,
    NominationStatus.IN_PUBLICITY,
    NominationStatus.CONFERRED,
)


@transaction.atomic
def nomination_recommend(*, actor: "User", nomination: Nomination, comment: str = "", request=None) -> Nomination:
    """Recommend a nomination one level up. The province's recommendation takes one of its places:
    the province's quota row is locked first, so two officials taking the last place at the same
    moment are serialised and the second is refused (409)."""
    edge = workflow.edge_for(NOMINATION_WORKFLOW, nomination, "recommend")
    if edge is not None and edge.target == NominationStatus.PROVINCE_RECOMMENDED:
        province_id = nomination.organisation.region.province_id
        quota = (
            CampaignQuota.objects.select_for_update(of=("self",))
            # A national organisation (province_id None) matches no row: refused below as no_quota.
            .filter(campaign_id=nomination.campaign_id, region_id=province_id)  # type: ignore[misc]
            .first()
        )
        if quota is None:
            raise ApplicationError(
                _("This campaign has no quota for your province: no nomination can be recommended."),
                code="no_quota",
                status=409,
            )
        used = (
            Nomination.objects.filter(campaign_id=nomination.campaign_id, status__in=_USING_A_PLACE)
            .filter(Q(organisation__region_id=province_id) | Q(organisation__region__parent_id=province_id))
            .count()
        )
        if used >= quota.quota:
            raise ApplicationError(
                _("Your province's quota of %(quota)d places for this campaign is used up.") % {"quota": quota.quota},
                code="quota_exhausted",
                status=409,
            )
    return workflow.transition(
        workflow=NOMINATION_WORKFLOW, actor=actor, obj=nomination, action="recommend", comment=comment, request=request
    )
