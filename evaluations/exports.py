"""The evaluations list pages that export to xlsx, described as data (exports.registry).

Each list's rows come from the selector its page uses, so a file holds what the requester sees on the
page with the same filters; national ID numbers are masked as on screen. Every value a column reads is
selected, annotated or prefetched by that selector: writing N rows is a constant number of queries.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.clauses import level_name
from evaluations.filters import AssessmentQueueFilter, DossierFilter, ReviewQueueFilter, RoundFilter
from evaluations.rules import (
    NO_QUEUE,
    NO_QUEUE_ACCESS,
    NO_ROUNDS_ACCESS,
    ONLY_CLERKS_DRAFT,
    ONLY_PROVINCIAL_COMMITTEES,
    can_browse_rounds,
    can_draft_dossiers,
    can_see_committees,
    can_see_queue,
    can_use_review_queue,
)
from evaluations.selectors.assessment import assessment_queue_filtered
from evaluations.selectors.dossiers import dossiers_filtered
from evaluations.selectors.review import review_queue_filtered
from evaluations.selectors.rounds import WINDOW_STATES, committee_listing, rounds_filtered, window_state
from exports.registry import Column, ListExport, filtered_rows, register_list_export, yes_no


def _level(level) -> str:
    return level_name(level, get_language() or "zh-hans") if level else ""


def _person(user) -> str:
    return user.display_name


REVIEW_QUEUE = ListExport(
    name="evaluations.review_queue",
    title=_("Review queue"),
    page="evaluations:review-queue",
    filename="dossiers",
    may_export=can_use_review_queue,
    refusal=NO_QUEUE_ACCESS,
    rows=filtered_rows(review_queue_filtered, ReviewQueueFilter),
    parameters=ReviewQueueFilter.parameter_names(),
    columns=(
        Column(_("Dossier"), lambda d: d.pk),
        Column(_("Round"), lambda d: d.round.title),
        Column(_("Name"), lambda d: d.talent.name),
        Column(_("National ID number"), lambda d: d.talent.masked_id_number),
        Column(_("Submitting organisation"), lambda d: d.organisation.name),
        Column(_("Region"), lambda d: str(d.organisation.region)),
        Column(_("Track"), lambda d: d.get_track_display()),
        Column(_("Target level"), lambda d: _level(d.target_level)),
        Column(_("Status"), lambda d: d.get_status_display()),
        Column(_("Eligibility"), lambda d: d.get_eligibility_outcome_display() if d.eligibility_outcome else ""),
        Column(_("Submitted at"), lambda d: d.submitted_at),
    ),
)


# Rounds (round_list selects the series, occupation, region, organiser and committee, prefetches the
# methods; rounds_with_dossier_counts annotates the number of dossiers in the requester's scope).


def _series_or_occupation(round_) -> str:
    if round_.title_series_id:
        return round_.title_series.display_name
    return str(round_.occupation) if round_.occupation_id else ""


def _organiser(round_) -> str:
    return round_.organiser.name if round_.organiser_id else str(round_.get_organiser_kind_display())


ROUNDS = ListExport(
    name="evaluations.rounds",
    title=_("Evaluation rounds"),
    page="evaluations:round-list",
    filename="rounds",
    may_export=can_browse_rounds,
    refusal=NO_ROUNDS_ACCESS,
    rows=filtered_rows(rounds_filtered, RoundFilter),
    parameters=RoundFilter.parameter_names(),
    columns=(
        Column(_("Round"), lambda r: r.pk),
        Column(_("Title"), lambda r: r.title),
        Column(_("Kind"), lambda r: r.get_kind_display()),
        Column(_("Series or occupation"), _series_or_occupation),
        Column(_("Target level"), lambda r: _level(r.target_level)),
        Column(_("Region"), lambda r: str(r.region)),
        Column(_("Organiser"), _organiser),
        Column(_("Opens on"), lambda r: r.opens_on),
        Column(_("Closes on"), lambda r: r.closes_on),
        Column(_("Window"), lambda r: WINDOW_STATES[window_state(r)]),
        Column(_("Methods"), lambda r: "; ".join(str(method) for method in r.methods.all())),
        Column(_("Committee"), lambda r: r.committee.name if r.committee_id else ""),
        Column(_("Dossiers"), lambda r: r.dossier_count),
    ),
)


# Committees (committee_list selects the region, prefetches the members with their organisations).


def _committees_rows(actor, filters):
    return committee_listing(actor=actor)


def _chair(committee) -> str:
    return next((_person(row.expert) for row in committee.member_rows if row.is_chair), "")


COMMITTEES = ListExport(
    name="evaluations.committees",
    title=_("Review committees"),
    page="evaluations:committee-list",
    filename="committees",
    may_export=can_see_committees,
    refusal=ONLY_PROVINCIAL_COMMITTEES,
    rows=_committees_rows,
    columns=(
        Column(_("Name"), lambda c: c.name),
        Column(_("Region"), lambda c: str(c.region)),
        Column(_("Chair"), _chair),
        Column(_("Members"), lambda c: "、".join(_person(row.expert) for row in c.member_rows)),
        Column(_("Number of members"), lambda c: len(c.member_rows)),
        Column(_("Quorum"), lambda c: f"{c.quorum_numerator}/{c.quorum_denominator}"),
        Column(_("Pass threshold"), lambda c: f"{c.pass_numerator}/{c.pass_denominator}"),
    ),
)


# The clerk's own dossiers (dossier_list selects the round, talent and organisation, annotates the
# evidence and attachment counts).


MY_DOSSIERS = ListExport(
    name="evaluations.my_dossiers",
    title=_("My dossiers"),
    page="evaluations:dossier-list",
    filename="my-dossiers",
    may_export=can_draft_dossiers,
    refusal=ONLY_CLERKS_DRAFT,
    rows=filtered_rows(dossiers_filtered, DossierFilter),
    parameters=DossierFilter.parameter_names(),
    columns=(
        Column(_("Dossier"), lambda d: d.pk),
        Column(_("Round"), lambda d: d.round.title),
        Column(_("Name"), lambda d: d.talent.name),
        Column(_("National ID number"), lambda d: d.talent.masked_id_number),
        Column(_("Track"), lambda d: d.get_track_display()),
        Column(_("Target level"), lambda d: _level(d.target_level)),
        Column(_("Evidence items"), lambda d: d.evidence_count),
        Column(_("Attachments"), lambda d: d.attachment_count),
        Column(_("Eligibility"), lambda d: d.get_eligibility_outcome_display() if d.eligibility_outcome else ""),
        Column(_("Status"), lambda d: d.get_status_display()),
        Column(_("Submitted at"), lambda d: d.submitted_at),
        Column(_("Updated"), lambda d: d.updated_at),
    ),
)


# The experts' assessment queue (assessment_queue selects the round, talent and organisation, and
# annotates the requester's own scores and vote).


ASSESSMENT_QUEUE = ListExport(
    name="evaluations.assessment_queue",
    title=_("Assessment queue"),
    page="evaluations:expert-queue",
    filename="assessment-queue",
    may_export=can_see_queue,
    refusal=NO_QUEUE,
    rows=filtered_rows(assessment_queue_filtered, AssessmentQueueFilter),
    parameters=AssessmentQueueFilter.parameter_names(),
    columns=(
        Column(_("Dossier"), lambda d: d.pk),
        Column(_("Round"), lambda d: d.round.title),
        Column(_("Name"), lambda d: d.talent.name),
        Column(_("National ID number"), lambda d: d.talent.masked_id_number),
        Column(_("Organisation"), lambda d: d.organisation.name),
        Column(_("Track"), lambda d: d.get_track_display()),
        Column(_("Target level"), lambda d: _level(d.target_level)),
        Column(_("Status"), lambda d: d.get_status_display()),
        Column(_("Your scores"), lambda d: d.my_scores),
        Column(_("Your vote"), lambda d: yes_no(d.my_vote)),
    ),
)


def register() -> None:
    for spec in (REVIEW_QUEUE, ROUNDS, COMMITTEES, MY_DOSSIERS, ASSESSMENT_QUEUE):
        register_list_export(spec)
