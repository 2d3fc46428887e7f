"""The arithmetic every committee review uses (docs/committees.md), pure over loaded values: the mean
of scores as shown and judged, a score's accepted form, and the vote tally with the committee's
quorum and pass threshold (exact fractions, no floats).

- Quorum: votes cast × quorum denominator ≥ quorum numerator × eligible members (members less those
  conflicted on the case: they may not vote, so they do not count); at least one vote is needed.
- Majority: yes × pass denominator ≥ pass numerator × votes cast (abstentions are present).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from accounts.errors import ApplicationError
from committees.models import Committee, VoteChoice

MEAN_PLACES = Decimal("0.01")


def rounded_mean(values: list[Decimal]) -> Decimal | None:
    """The mean of scores as shown and as judged: rounded to 2 decimals, half up (59.995 → 60.00), so
    the figure on the page is the figure held against the pass mark."""
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(MEAN_PLACES, rounding=ROUND_HALF_UP)


def parse_score(value) -> Decimal:
    """A score from 0 to 100 with at most two decimals, or a 400 on the ``value`` field."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a score between 0 and 100."), field="value") from None
    if not number.is_finite() or number < 0 or number > 100 or number != number.quantize(MEAN_PLACES):
        raise ApplicationError(_("Enter a score between 0 and 100, with at most two decimals."), field="value")
    return number


def parse_vote(choice) -> str:
    if choice not in VoteChoice.values:
        raise ApplicationError(_("Vote yes, no or abstain."), field="choice")
    return choice


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    members: int  # eligible: not conflicted on this case
    quorum_numerator: int
    quorum_denominator: int
    pass_numerator: int
    pass_denominator: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def quorum_reached(self) -> bool:
        return self.cast > 0 and self.cast * self.quorum_denominator >= self.quorum_numerator * self.members

    @property
    def votes_needed_for_quorum(self) -> int:
        """The smallest number of votes cast that makes a quorum (ceiling, exact)."""
        return max(1, -(-self.quorum_numerator * self.members // self.quorum_denominator))

    @property
    def majority_reached(self) -> bool:
        return self.cast > 0 and self.yes * self.pass_denominator >= self.pass_numerator * self.cast


def eligible_members(members: Iterable[tuple[int, int | None]], *, conflicted_organisation_id: int | None) -> int:
    """``members``: (expert id, organisation id) of the committee; those working for the organisation
    the case belongs to are conflicted and not counted."""
    return sum(1 for _expert_id, organisation_id in members if organisation_id != conflicted_organisation_id)


def tally(committee: Committee, choices: Iterable[str], *, members: int) -> Tally:
    """Count the votes cast (their choices) against the committee's fractions."""
    counts = dict.fromkeys(VoteChoice.values, 0)
    for choice in choices:
        counts[choice] += 1
    return Tally(
        yes=counts[VoteChoice.YES],
        no=counts[VoteChoice.NO],
        abstain=counts[VoteChoice.ABSTAIN],
        members=members,
        quorum_numerator=committee.quorum_numerator,
        quorum_denominator=committee.quorum_denominator,
        pass_numerator=committee.pass_numerator,
        pass_denominator=committee.pass_denominator,
    )


def quorum_error(result: Tally) -> ApplicationError:
    """The refusal of a decision taken before the quorum (409)."""
    return ApplicationError(
        _("Quorum not reached: %(cast)s of %(members)s members voted, %(needed)s are needed.")
        % {"cast": result.cast, "members": result.members, "needed": result.votes_needed_for_quorum},
        code="quorum_not_reached",
        status=409,
    )
