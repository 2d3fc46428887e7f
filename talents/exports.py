"""The registry list's xlsx export, described as data (exports.registry).

Its rows are the page's own filtered queryset (talents.selectors.talent_list_filtered), so a file holds
the talents the requester sees with the same filters; ID numbers are masked as on screen and only the
birth year is given, since the full date is the masked middle of the ID number.
"""

from operator import itemgetter

from django.utils.translation import gettext_lazy as _

from accounts.models import BilingualNamed
from exports.registry import Column, ListExport, choice_label, filtered_rows, register_list_export, yes_no
from talents.filters import TalentFilter
from talents.models import Education, Gender
from talents.rules import NO_REGISTRY_ACCESS, can_browse_registry
from talents.selectors import talent_list_filtered
from talents.validators import mask_id_number

localized_name = BilingualNamed.localized_name


REGISTRY = ListExport(
    name="talents.registry",
    title=_("Talent registry"),
    page="talents:list",
    filename="talents",
    may_export=can_browse_registry,
    refusal=NO_REGISTRY_ACCESS,
    rows=filtered_rows(talent_list_filtered, TalentFilter),
    parameters=TalentFilter.parameter_names(),
    fields=(
        "name",
        "id_number",
        "gender",
        "birth_date",
        "employer__name",
        "employer__region_id",
        "employer__region__name",
        "employer__region__name_en",
        "occupation_id",
        "occupation__code",
        "occupation__name",
        "occupation__name_en",
        "frontline",
        "years_of_work",
        "education",
    ),
    columns=(
        Column(_("Name"), itemgetter("name")),
        Column(_("National ID number"), lambda t: mask_id_number(t["id_number"])),
        Column(_("Gender"), lambda t: choice_label(Gender, t["gender"]), key="gender"),
        Column(_("Birth year"), lambda t: t["birth_date"].year),
        Column(_("Employer"), itemgetter("employer__name")),
        Column(
            _("Region"),
            lambda t: localized_name(t["employer__region__name"], t["employer__region__name_en"]),
            key="employer__region_id",
        ),
        Column(_("Occupation code"), itemgetter("occupation__code")),
        Column(
            _("Occupation"),
            lambda t: localized_name(t["occupation__name"], t["occupation__name_en"]),
            key="occupation_id",
        ),
        Column(_("Frontline post"), lambda t: yes_no(t["frontline"]), key="frontline"),
        Column(_("Years of work"), itemgetter("years_of_work")),
        Column(_("Education"), lambda t: choice_label(Education, t["education"]), key="education"),
    ),
)


def register() -> None:
    register_list_export(REGISTRY)
