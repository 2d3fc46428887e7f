"""The one scoring and tally arithmetic of every committee review (committees.scoring)."""

from decimal import Decimal

import pytest

from accounts.errors import ApplicationError
from committees import scoring
from committees.models import Committee, VoteChoice


def test_rounded_mean_is_half_up_to_two_places():
    assert scoring.rounded_mean([Decimal("59.99"), Decimal("60")]) == Decimal("60.00")
    assert scoring.rounded_mean([Decimal("80"), Decimal("81"), Decimal("81")]) == Decimal("80.67")
    assert scoring.rounded_mean([]) is None


@pytest.mark.parametrize("value", ["-1", "100.01", "12.345", "abc", "NaN", "Infinity", None])
def test_bad_scores_are_a_400_on_the_value(value):
    with pytest.raises(ApplicationError) as caught:
        scoring.parse_score(value)
    assert caught.value.field == "value"


def test_a_good_score_is_kept_exactly():
    assert scoring.parse_score(" 88.5 ") == Decimal("88.5")


def test_only_the_three_vote_choices():
    assert scoring.parse_vote(VoteChoice.ABSTAIN) == "abstain"
    with pytest.raises(ApplicationError):
        scoring.parse_vote("maybe")


def test_tally_counts_choices_against_the_committees_fractions():
    committee = Committee(quorum_numerator=3, quorum_denominator=4, pass_numerator=1, pass_denominator=2)
    result = scoring.tally(committee, ["yes", "no", "abstain", "yes"], members=5)
    assert (result.yes, result.no, result.abstain, result.cast) == (2, 1, 1, 4)
    assert result.quorum_reached and result.votes_needed_for_quorum == 4
    assert result.majority_reached  # 2 of 4 is exactly one half
    assert not scoring.tally(committee, ["yes", "yes", "no"], members=5).quorum_reached


def test_conflicted_members_are_not_counted():
    members = [(1, 10), (2, 11), (3, None)]
    assert scoring.eligible_members(members, conflicted_organisation_id=10) == 2


def test_quorum_error_is_a_409_with_its_code():
    result = scoring.tally(Committee(), ["yes"], members=3)
    error = scoring.quorum_error(result)
    assert error.status == 409 and error.code == "quorum_not_reached"
