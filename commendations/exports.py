"""The commendations list pages that export to xlsx, described as data (exports.registry).

Each list's rows come from the selector its page uses, with the page's filters, so a file holds what
the requester sees. Each area appends its ListExport to ``LIST_EXPORTS``.
"""

from django.utils.translation import gettext_lazy as _

from commendations.filters import CampaignFilter, ExpertReviewFilter, HonourRollFilter, NominationFilter
from commendations.models import CampaignStatus, NomineeKind
from commendations.rules import (
    NO_CAMPAIGN_ACCESS,
    NO_HONOURS_ROLL,
    NO_NOMINATIONS_ACCESS,
    ONLY_REVIEWERS,
    can_browse_campaigns,
    can_browse_nominations,
    can_see_honours_roll,
    is_reviewer_role,
)
from commendations.selectors.campaigns import campaign_list
from commendations.selectors.honours import honour_roll
from commendations.selectors.nominations import nomination_list
from commendations.selectors.review import review_queue
from committees.models import VoteChoice
from exports.registry import Column, ListExport, choice_label, filtered_rows, register_list_export

CAMPAIGNS = ListExport(
    name="commendations.campaigns",
    title=_("Commendation campaigns"),
    page="commendations:campaign-list",
    filename="campaigns",
    may_export=can_browse_campaigns,
    refusal=NO_CAMPAIGN_ACCESS,
    rows=filtered_rows(campaign_list, CampaignFilter),
    parameters=CampaignFilter.parameter_names(),
    columns=(
        Column(_("Campaign"), lambda c: c.pk),
        Column(_("Year"), lambda c: c.year),
        Column(_("Award"), lambda c: str(c.award)),
        Column(_("Award level"), lambda c: c.award.get_level_display()),
        Column(_("Organising region"), lambda c: str(c.region)),
        Column(_("Who may be nominated"), lambda c: choice_label(NomineeKind, c.nominee_kind)),
        Column(_("Nominations open on"), lambda c: c.opens_on),
        Column(_("Nominations close on"), lambda c: c.closes_on),
        Column(_("Publicity working days"), lambda c: c.publicity_working_days),
        Column(_("Criteria"), lambda c: "、".join(c.criteria_clauses)),
        Column(_("Status"), lambda c: choice_label(CampaignStatus, c.status)),
    ),
)


def _nominee(nomination) -> str:
    return nomination.talent.name if nomination.talent_id else nomination.nominee_organisation.name


# The expert review queue (review_queue selects the campaign, nominee and organisation and annotates the
# requester's own score and vote).
REVIEW_QUEUE = ListExport(
    name="commendations.review_queue",
    title=_("Expert review of nominations"),
    page="commendations:review-queue",
    filename="expert-review",
    may_export=is_reviewer_role,
    refusal=ONLY_REVIEWERS,
    rows=filtered_rows(review_queue, ExpertReviewFilter),
    parameters=ExpertReviewFilter.parameter_names(),
    columns=(
        Column(_("Nomination"), lambda n: n.pk),
        Column(_("Campaign"), lambda n: str(n.campaign)),
        Column(_("Nominee"), _nominee),
        Column(_("Organisation"), lambda n: n.organisation.name),
        Column(_("Committee decision"), lambda n: _("Passed") if n.review_passed else _("Not yet recorded")),
        Column(_("Your score"), lambda n: "" if n.my_score is None else str(n.my_score)),
        Column(_("Your vote"), lambda n: choice_label(VoteChoice, n.my_vote) if n.my_vote else ""),
        Column(_("Votes cast"), lambda n: n.votes_cast),
    ),
)


NOMINATIONS = ListExport(
    name="commendations.nominations",
    title=_("Nominations"),
    page="commendations:nomination-list",
    filename="nominations",
    may_export=can_browse_nominations,
    refusal=NO_NOMINATIONS_ACCESS,
    rows=filtered_rows(nomination_list, NominationFilter),
    parameters=NominationFilter.parameter_names(),
    columns=(
        Column(_("Nomination"), lambda n: n.pk),
        Column(_("Campaign"), lambda n: str(n.campaign)),
        Column(_("Nominee"), _nominee),
        Column(_("Organisation"), lambda n: n.organisation.name),
        Column(_("Region"), lambda n: str(n.organisation.region)),
        Column(_("Status"), lambda n: n.get_status_display()),
        Column(_("Nominated by"), lambda n: n.nominated_by.display_name),
        Column(_("Submitted at"), lambda n: n.submitted_at),
    ),
)


def _campaign(honour) -> str:
    nomination = getattr(honour, "nomination", None)
    return str(nomination.campaign) if nomination is not None else ""


# Every value a column reads is joined by honour_roll: N rows are a constant number of queries.
HONOURS_ROLL = ListExport(
    name="commendations.honours_roll",
    title=_("Honours roll"),
    page="commendations:honours-roll",
    filename="honours",
    may_export=can_see_honours_roll,
    refusal=NO_HONOURS_ROLL,
    rows=filtered_rows(honour_roll, HonourRollFilter),
    parameters=HonourRollFilter.parameter_names(),
    columns=(
        Column(_("Name"), lambda h: h.talent.name),
        Column(_("National ID number"), lambda h: h.talent.masked_id_number),
        Column(_("Employer"), lambda h: h.talent.employer.name),
        Column(_("Region"), lambda h: str(h.talent.employer.region)),
        Column(_("Award"), lambda h: str(h.award)),
        Column(_("Level"), lambda h: h.award.get_level_display()),
        Column(_("Conferred on"), lambda h: h.conferred_on),
        Column(_("Conferring body"), lambda h: h.conferring_body),
        Column(_("Source"), lambda h: h.get_source_display()),
        Column(_("Campaign"), _campaign),
        Column(_("Revoked"), lambda h: h.revoked_at),
    ),
)


LIST_EXPORTS = [CAMPAIGNS, NOMINATIONS, REVIEW_QUEUE, HONOURS_ROLL]


def register() -> None:
    for spec in LIST_EXPORTS:
        register_list_export(spec)
