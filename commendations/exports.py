"""xlsx exports of the commendations lists (docs/architecture.md, "an xlsx export of a list page"),
registered in CommendationsConfig.ready(); the exports app writes every file."""

from django.utils.translation import gettext_lazy as _

from commendations.filters import ExpertReviewFilter
from commendations.rules import ONLY_REVIEWERS, is_reviewer_role
from commendations.selectors.review import review_queue
from committees.models import VoteChoice
from exports.registry import Column, ListExport, choice_label, register_list_export


def _review_queue_rows(actor, data):
    return review_queue(actor=actor, filters=ExpertReviewFilter.clean(data, actor=actor))


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
    rows=_review_queue_rows,
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


def register() -> None:
    register_list_export(REVIEW_QUEUE)
