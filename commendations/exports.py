"""The commendations list pages that export to xlsx, described as data (exports.registry).

Each list's rows come from the selector its page uses, with the page's filters, so a file holds what
the requester sees. Each area appends its ListExport to ``LIST_EXPORTS``.
"""

from django.utils.translation import gettext_lazy as _

from commendations.filters import CampaignFilter
from commendations.models import CampaignStatus, NomineeKind
from commendations.rules import NO_CAMPAIGN_ACCESS, can_browse_campaigns
from commendations.selectors.campaigns import campaign_list
from exports.registry import Column, ListExport, choice_label, register_list_export


def _campaign_rows(actor, data):
    return campaign_list(actor=actor, filters=CampaignFilter.clean(data, actor=actor))


CAMPAIGNS = ListExport(
    name="commendations.campaigns",
    title=_("Commendation campaigns"),
    page="commendations:campaign-list",
    filename="campaigns",
    may_export=can_browse_campaigns,
    refusal=NO_CAMPAIGN_ACCESS,
    rows=_campaign_rows,
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

LIST_EXPORTS = [CAMPAIGNS]


def register() -> None:
    for spec in LIST_EXPORTS:
        register_list_export(spec)
