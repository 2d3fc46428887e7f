"""The public notice (公示) of a campaign's proposed awardees, on the shared notices mechanism
(docs/commendations.md#public-notice-and-objections, docs/notices.md).

The campaign's officials publish the nominations that passed expert review; each goes ``publish`` →
in_publicity. The notice lists masked names and ID numbers, the employer, the award and the
achievements, for the campaign's publicity working days (the holiday calendar counts them). What the
end of the notice and an objection do to a nomination is in commendations/notice_handlers.py.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import RegionLevel
from commendations import rules
from commendations.models import Campaign, Nomination
from commendations.selectors.publicity import publishable_nominations
from commendations.workflow import NOMINATION_WORKFLOW
from notices.models import PublicNotice
from notices.services import NoticeSubject, notice_publish
from talents.validators import mask_name

NOTICE_SOURCE = "commendations"


def campaign_authority(campaign: Campaign) -> str:
    """The default issuing authority of a campaign's notice and honours, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        if campaign.region.level == RegionLevel.NATIONAL:
            return _("Ministry of Human Resources and Social Security")
        return _("Department of Human Resources and Social Security of %(region)s") % {"region": campaign.region.name}


def default_notice_title(campaign: Campaign) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Public notice of the proposed awardees of %(campaign)s") % {"campaign": campaign}


def notice_subject(nomination: Nomination) -> NoticeSubject:
    """What the public reads about a nomination: never a full name or ID number (docs/roles.md). An
    organisation's name is public."""
    talent = nomination.talent
    if talent is not None:
        return NoticeSubject(
            subject=nomination,
            masked_name=mask_name(talent.name),
            organisation_name=talent.employer.name if talent.employer_id else nomination.organisation.name,
            description=nomination.campaign.award.name,
            masked_id_number=talent.masked_id_number,
            details=nomination.achievements,
        )
    organisation = nomination.nominee_organisation or nomination.organisation
    return NoticeSubject(
        subject=nomination,
        masked_name=organisation.name,
        organisation_name=organisation.name,
        description=nomination.campaign.award.name,
        details=nomination.achievements,
    )


@transaction.atomic
def campaign_notice_publish(
    *,
    actor,
    campaign: Campaign,
    nominations=None,
    title: str = "",
    body: str = "",
    issuing_authority: str = "",
    contact: str = "",
    request=None,
) -> PublicNotice:
    """Publish one notice of the campaign's nominations that passed expert review (all of them, or the
    chosen ones) and put each in public notice."""
    if not rules.can_publish_campaign_notice(actor, campaign):
        raise PermissionDeniedError(rules.ONLY_CAMPAIGN_OFFICIALS)
    contact = (contact or "").strip()
    if not contact:
        raise ApplicationError(_("Give a contact for questions and objections."), field="contact")
    ready = publishable_nominations(campaign=campaign)
    if nominations is not None:
        wanted = {getattr(n, "pk", n) for n in nominations}
        chosen = [n for n in ready.filter(pk__in=wanted)]
        if len(chosen) != len(wanted):
            raise ApplicationError(
                _("Only nominations of this campaign that passed expert review can go into its notice."),
                code="not_publishable",
                field="nominations",
                status=409,
            )
    else:
        chosen = list(ready)
    if not chosen:
        raise ApplicationError(
            _("No nomination of this campaign has passed expert review yet."), code="nothing_to_publish", status=409
        )
    notice = notice_publish(
        actor=actor,
        title=(title or "").strip() or default_notice_title(campaign),
        body=body,
        region=campaign.region,
        source=NOTICE_SOURCE,
        subjects=[notice_subject(nomination) for nomination in chosen],
        working_days=campaign.publicity_working_days,
        issuing_authority=(issuing_authority or "").strip() or campaign_authority(campaign),
        contact=contact,
        request=request,
    )
    for nomination in chosen:
        workflow.transition(
            workflow=NOMINATION_WORKFLOW,
            actor=actor,
            obj=nomination,
            action="publish",
            comment=notice.title,
            request=request,
        )
    return notice
