"""The programs pages that export to xlsx.

The lists are described as data (exports.registry): each list's rows come from the selector its page
uses, with the filters cleaned by the list's one ``ListFilterSet`` (programs.filters), whose names are the
export's parameters; so a file holds what the requester sees on the page with the same filters. Names of
plans, key tasks and regions are in the requester's language and national ID numbers are masked as on
screen. The progress dashboard is not a list: ``progress_workbook`` writes its two tables.
"""

import io

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from exports.registry import Column, ListExport, filtered_rows, register_list_export, yes_no
from exports.workbook import text_never_formula
from programs.filters import ActivityFilter, EnrolmentFilter, PlanFilter, PlatformFilter
from programs.models import Metric
from programs.rules import NO_PROGRAMS_ACCESS, can_browse_programs
from programs.selectors.activities import activity_list
from programs.selectors.enrolments import activity_enrolment_export_list
from programs.selectors.plans import plan_list
from programs.selectors.platforms import platform_page_list
from programs.selectors.progress import PlanProgress

ACTIVITIES = ListExport(
    name="programs.activities",
    title=_("Activities"),
    page="programs:activity-list",
    filename="activities",
    may_export=can_browse_programs,
    refusal=NO_PROGRAMS_ACCESS,
    rows=filtered_rows(activity_list, ActivityFilter),
    parameters=ActivityFilter.parameter_names(),
    columns=(
        Column(_("Title"), lambda a: a.display_title),
        Column(_("Plan"), lambda a: a.plan.display_title),
        Column(_("Key task"), lambda a: str(a.key_task)),
        Column(_("Kind"), lambda a: a.get_kind_display()),
        Column(_("Organiser"), lambda a: a.organiser.name),
        Column(_("Region"), lambda a: a.region.display_name),
        Column(_("Starts on"), lambda a: a.starts_on),
        Column(_("Ends on"), lambda a: a.ends_on),
        Column(_("Capacity"), lambda a: a.capacity),
        Column(_("Enrolled"), lambda a: a.enrolled_count),
        Column(_("Status"), lambda a: a.get_status_display()),
    ),
)


ENROLMENTS = ListExport(
    name="programs.enrolments",
    title=_("Enrolments"),
    # An activity's enrolments are listed on its page; the breadcrumb leads back to the activity list.
    page="programs:activity-list",
    filename="enrolments",
    may_export=can_browse_programs,
    refusal=NO_PROGRAMS_ACCESS,
    rows=filtered_rows(activity_enrolment_export_list, EnrolmentFilter),
    parameters=EnrolmentFilter.parameter_names(),
    parent_parameter="activity",
    columns=(
        Column(_("Activity"), lambda e: e.activity.display_title),
        Column(_("Name"), lambda e: e.talent.name),
        Column(_("National ID number"), lambda e: e.talent.masked_id_number),
        Column(_("Employer"), lambda e: e.talent.employer.name),
        Column(_("Region"), lambda e: e.talent.employer.region.display_name),
        Column(_("Occupation"), lambda e: e.talent.occupation.display_name),
        Column(_("Enrolled at"), lambda e: e.enrolled_at),
        Column(_("Completed"), lambda e: yes_no(e.completed)),
        Column(_("Completed on"), lambda e: e.completed_on),
    ),
)


PLATFORMS = ListExport(
    name="programs.platforms",
    title=_("Platforms"),
    page="programs:platform-list",
    filename="platforms",
    may_export=can_browse_programs,
    refusal=NO_PROGRAMS_ACCESS,
    rows=filtered_rows(platform_page_list, PlatformFilter),
    parameters=PlatformFilter.parameter_names(),
    columns=(
        Column(_("Platform"), lambda p: p.name),
        Column(_("Kind"), lambda p: p.get_kind_display()),
        Column(_("Level"), lambda p: p.get_level_display()),
        Column(_("Host organisation"), lambda p: p.host.name),
        Column(_("Leader"), lambda p: p.leader.name if p.leader_id else ""),
        Column(_("Leader's national ID number"), lambda p: p.leader.masked_id_number if p.leader_id else ""),
        Column(_("Region"), lambda p: p.region.display_name),
        Column(_("Established on"), lambda p: p.established_on),
    ),
)


def _national_target(metric: str):
    def value(plan):
        return next((t.target for t in plan.national_targets if t.metric == metric), None)

    return value


PLANS = ListExport(
    name="programs.plans",
    title=_("Cultivation plans"),
    page="programs:plan-list",
    filename="plans",
    may_export=can_browse_programs,
    refusal=NO_PROGRAMS_ACCESS,
    rows=filtered_rows(plan_list, PlanFilter),
    parameters=PlanFilter.parameter_names(),
    columns=(
        Column(_("Plan code"), lambda p: p.code),
        Column(_("Title"), lambda p: p.display_title),
        Column(_("Policy document"), lambda p: p.display_policy_title),
        Column(_("Issued by"), lambda p: p.display_issuing_departments),
        Column(_("Issued on"), lambda p: p.issued_on),
        Column(_("Period start"), lambda p: p.period_start),
        Column(_("Period end"), lambda p: p.period_end),
        Column(_("Key tasks"), lambda p: len(p.key_tasks.all())),
        *(
            Column(format_lazy("{}: {}", _("National target"), metric.label), _national_target(metric.value))
            for metric in Metric
        ),
    ),
)


def register() -> None:
    for spec in (ACTIVITIES, ENROLMENTS, PLATFORMS, PLANS):
        register_list_export(spec)


# The progress dashboard's file


def progress_workbook(progress: PlanProgress) -> bytes:
    """The dashboard as a workbook: targets and achievement, then certificates by level."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Progress")[:31]
    bold = Font(bold=True)
    sheet.append([progress.plan.display_title])
    sheet.append([gettext("Region"), progress.region.display_name])
    as_of = (
        timezone.localtime(progress.as_of).strftime("%Y-%m-%d %H:%M") if progress.as_of else gettext("not yet computed")
    )
    sheet.append([gettext("Figures as of"), as_of])
    sheet.append([])
    header = [gettext("Region")]
    for metric in Metric:
        header += [
            gettext("%(metric)s · target") % {"metric": metric.label},
            gettext("%(metric)s · achieved") % {"metric": metric.label},
            f"{metric.label} · %",
        ]
    header += [gettext("Enrolments"), gettext("Digital occupations share (%)")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in [progress.total, *progress.children]:
        values = [row.label]
        for metric in Metric:
            percent = row.percent_of_target(metric)
            values += [row.targets.get(metric), row.achieved[metric], None if percent is None else round(percent, 1)]
        share = row.digital_share
        values += [row.enrolments, None if share is None else round(100 * share, 1)]
        sheet.append(values)

    levels = workbook.create_sheet(gettext("Certificates by level")[:31])
    levels.append([gettext("Region"), *[level.display_name for level in progress.levels]])
    for cell in levels[1]:
        cell.font = bold
    for row in [progress.total, *progress.children]:
        levels.append([row.label, *[row.certificates_by_level.get(level.pk, 0) for level in progress.levels]])
    sheet.column_dimensions["A"].width = 28
    levels.column_dimensions["A"].width = 28
    for written in (sheet, levels):
        text_never_formula(written)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
