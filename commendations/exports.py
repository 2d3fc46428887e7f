"""The commendations list pages that export to xlsx, described as data (exports.registry); each area
appends its lists and registers them in ``register``. A list's rows come from the selector its page
uses, with the same filters; ID numbers never appear (nominees are shown by name)."""

from django.utils.translation import gettext_lazy as _

from commendations.filters import NominationFilter
from commendations.rules import NO_NOMINATIONS_ACCESS, can_browse_nominations
from commendations.selectors.nominations import nomination_list
from exports.registry import Column, ListExport, register_list_export


def _nominations_rows(actor, data):
    return nomination_list(actor=actor, filters=NominationFilter.clean(data, actor=actor))


def _nominee(nomination) -> str:
    return nomination.talent.name if nomination.talent_id else nomination.nominee_organisation.name


NOMINATIONS = ListExport(
    name="commendations.nominations",
    title=_("Nominations"),
    page="commendations:nomination-list",
    filename="nominations",
    may_export=can_browse_nominations,
    refusal=NO_NOMINATIONS_ACCESS,
    rows=_nominations_rows,
    parameters=NominationFilter.parameter_names(),
    columns=(
        Column(_("Nomination"), lambda n: n.pk),
        Column(_("Campaign"), lambda n: str(n.campaign)),
        Column(_("Nominee"), _nominee),
        Column(_("Organisation"), lambda n: n.organisation.name),
        Column(_("Region"), lambda n: str(n.organisation.region)),
        Column(_("Status"), lambda n: n.get_status_display()),
        Column(_("Nominated by"), lambda n: n.nominated_by.get_full_name() or n.nominated_by.username),
        Column(_("Submitted at"), lambda n: n.submitted_at),
    ),
)


def register() -> None:
    for spec in (NOMINATIONS,):
        register_list_export(spec)
