"""One implementation: evaluations and commendations judge with the committees app's code, not copies."""

import commendations.services.review as nomination_review
import evaluations.services.assessment as dossier_assessment
from commendations.models import NominationVote
from committees import scoring
from committees.models import Committee, VoteChoice
from evaluations.models import Round, Vote
from evaluations.models import VoteChoice as EvaluationsVoteChoice


def test_both_reviews_use_the_committees_scoring():
    assert dossier_assessment.Tally is scoring.Tally
    assert dossier_assessment.rounded_mean is scoring.rounded_mean
    assert dossier_assessment.scoring is scoring and nomination_review.scoring is scoring


def test_both_votes_take_the_committees_choices():
    assert EvaluationsVoteChoice is VoteChoice
    assert Vote._meta.get_field("choice").choices == NominationVote._meta.get_field("choice").choices
    assert NominationVote._meta.get_field("choice").choices == list(VoteChoice.choices)


def test_rounds_and_campaigns_name_the_same_committee_model():
    from commendations.models import Campaign

    assert Round._meta.get_field("committee").related_model is Committee
    assert Campaign._meta.get_field("committee").related_model is Committee
