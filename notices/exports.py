"""The officials' objection list as xlsx, described as data (exports.registry).

Its rows are the page's own filtered queryset (notices.selectors.objection_list_filtered), so a file
holds the objections the requester handles with the same filters, and no more than the officials read
on the list and an objection's page: the entry's masked name, never the subject's ID number, and not
the objector's IP address.
"""

from django.utils.translation import gettext_lazy as _

from exports.registry import Column, ListExport, filtered_rows, register_list_export
from notices.filters import ObjectionFilter
from notices.rules import ONLY_NOTICE_OFFICIALS, handles_notices
from notices.selectors import objection_list_filtered


def _resolver(objection) -> str:
    user = objection.resolved_by
    return user.display_name if user else ""


OBJECTIONS = ListExport(
    name="notices.objections",
    title=_("Objections"),
    page="notices:objection-list",
    filename="objections",
    may_export=handles_notices,
    refusal=ONLY_NOTICE_OFFICIALS,
    rows=filtered_rows(objection_list_filtered, ObjectionFilter),
    parameters=ObjectionFilter.parameter_names(),
    columns=(
        Column(_("Notice"), lambda o: o.entry.notice.title),
        Column(_("Entry"), lambda o: o.entry.masked_name),
        Column(_("Objector"), lambda o: o.name),
        Column(_("Contact"), lambda o: o.contact),
        Column(_("Reason"), lambda o: o.reason),
        Column(_("Filed at"), lambda o: o.filed_at),
        Column(_("Status"), lambda o: o.get_status_display()),
        Column(_("Resolution"), lambda o: o.resolution),
        Column(_("Resolved by"), _resolver),
        Column(_("Resolved at"), lambda o: o.resolved_at),
        Column(_("Receipt number"), lambda o: o.receipt_number),
    ),
)


def register() -> None:
    register_list_export(OBJECTIONS)
