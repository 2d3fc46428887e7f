"""The commendations list pages that export to xlsx, described as data (exports.registry); each area
appends its lists. A file holds what the requester sees on the page with the same filters."""

from django.utils.translation import gettext_lazy as _

from commendations.filters import HonourRollFilter
from commendations.rules import NO_HONOURS_ROLL, can_see_honours_roll
from commendations.selectors.honours import honour_roll
from exports.registry import Column, ListExport, register_list_export


def _honour_roll_rows(actor, data):
    return honour_roll(actor=actor, filters=HonourRollFilter.clean(data, actor=actor))


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
    rows=_honour_roll_rows,
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


def register() -> None:
    register_list_export(HONOURS_ROLL)
