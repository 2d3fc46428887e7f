"""Expert-review set-ups: a campaign with its committee and nominations in expert review."""

from dataclasses import dataclass, field

from commendations.models import Campaign, Nomination, NominationStatus
from tests.accounts.factories import region
from tests.commendations.factories import CampaignFactory, NominationFactory
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members
from tests.talents.factories import TalentFactory


@dataclass
class ReviewPanel:
    campaign: Campaign
    committee: object
    experts: list
    nomination: Nomination
    others: list = field(default_factory=list)


def make_review(*, size: int = 3, nominations: int = 1, organisation=None, **committee) -> ReviewPanel:
    """A Guangdong campaign whose committee has ``size`` experts, with nominations in expert review."""
    board = CommitteeFactory(**committee)
    experts = [ExpertFactory() for _ in range(size)]
    add_members(board, experts, chair=experts[0])
    campaign = CampaignFactory(committee=board)
    rows = []
    for _ in range(nominations):
        talent = TalentFactory(employer=organisation) if organisation is not None else TalentFactory()
        rows.append(NominationFactory(campaign=campaign, talent=talent, status=NominationStatus.IN_EXPERT_REVIEW))
    return ReviewPanel(campaign=campaign, committee=board, experts=experts, nomination=rows[0], others=rows[1:])


@dataclass
class ReviewSubjects:
    nominations: dict
    campaigns: dict


def review_subjects(world) -> ReviewSubjects:
    """One nomination in expert review per organisation of the world: Guangdong's in a Guangdong campaign
    whose committee has the world's expert, Jiangsu's in a Jiangsu campaign with another committee."""
    guangdong = CommitteeFactory()
    add_members(guangdong, [ExpertFactory(), world.expert])
    jiangsu = CommitteeFactory(region=region("320000"))
    add_members(jiangsu, [ExpertFactory()])
    campaigns = {
        "guangdong": CampaignFactory(committee=guangdong),
        "jiangsu": CampaignFactory(committee=jiangsu, region=region("320000")),
    }
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    nominations, by_key = {}, {}
    for key, org in organisations.items():
        campaign = campaigns["jiangsu" if key == "other_province" else "guangdong"]
        by_key[key] = campaign
        nominations[key] = NominationFactory(
            campaign=campaign, talent=TalentFactory(employer=org), status=NominationStatus.IN_EXPERT_REVIEW
        )
    return ReviewSubjects(nominations=nominations, campaigns=by_key)
