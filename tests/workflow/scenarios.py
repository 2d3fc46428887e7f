"""How the shared workflow suite (test_every_workflow.py) exercises each registered workflow.

A scenario says how to build an object of the workflow in a given state (so that a given edge applies
to it), with the actors to try, and which of those actors may take each edge; every other actor is
expected to be refused. Adding a workflow means adding its scenario here: the suite fails for a
registered workflow without one, and for an edge the scenario does not name.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from commendations.models import NominationStatus as N
from eligibility.models import Track
from evaluations.models import Dossier
from evaluations.models import DossierStatus as D
from programs.models import ActivityStatus as A
from tests.accounts.factories import OrganisationFactory, region
from tests.commendations.factories import CampaignFactory, NominationFactory
from tests.evaluations.assessment.factories import make_panel
from tests.programs.factories import ActivityFactory
from tests.talents.factories import TalentFactory
from workflow import Edge


@dataclass(frozen=True)
class Built:
    obj: Any
    # Every actor to try, by key; ``None`` is the portal itself.
    actors: Mapping[str, Any]


@dataclass(frozen=True)
class Scenario:
    # (world, state, edge or None) → an object in ``state`` that ``edge`` applies to, and the actors.
    build: Callable[[Any, str, Edge | None], Built]
    # (action, source, target) → the keys of the actors who may take that edge.
    allowed: Mapping[tuple[str, str, str], frozenset[str]]


SCENARIOS: dict[str, Scenario] = {}


def register_scenario(workflow_name: str, scenario: Scenario) -> None:
    SCENARIOS[workflow_name] = scenario


# The dossier workflow (evaluations): a Guangzhou enterprise's dossier before the Guangdong committee.


def _dossier(world, state: str, edge: Edge | None) -> Built:
    panel = make_panel(size=2, status=state, org=world.org)
    dossier = panel.dossier
    if edge is not None and not edge.applies(dossier):
        # The province's edges of a submitted dossier apply when the city is skipped (green channel).
        Dossier.objects.filter(pk=dossier.pk).update(track=Track.GREEN_CHANNEL)
        dossier.refresh_from_db()
    assert edge is None or edge.applies(dossier)
    actors = {
        "clerk": world.clerk,
        "clerk_other_org": world.clerk_other_org,
        "city": world.city_official,
        "city_other": world.city_official_other_city,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "chair": panel.chair,
        "member": panel.experts[1],
        "expert_outsider": world.expert,
        "admin": world.admin,
        "system": None,
    }
    return Built(dossier, actors)


def _who(*keys: str) -> frozenset[str]:
    return frozenset(keys)


register_scenario(
    "dossier",
    Scenario(
        build=_dossier,
        allowed={
            ("submit", D.DRAFT, D.SUBMITTED): _who("clerk"),
            ("submit", D.RETURNED, D.SUBMITTED): _who("clerk"),
            ("submit", D.WITHDRAWN, D.SUBMITTED): _who("clerk"),
            ("withdraw", D.SUBMITTED, D.WITHDRAWN): _who("clerk"),
            ("approve", D.SUBMITTED, D.CITY_APPROVED): _who("city"),
            ("approve", D.SUBMITTED, D.IN_ASSESSMENT): _who("province"),  # green channel: no city step
            ("approve", D.CITY_APPROVED, D.IN_ASSESSMENT): _who("province"),
            ("return", D.SUBMITTED, D.RETURNED): _who("city"),
            ("return", D.CITY_APPROVED, D.RETURNED): _who("province"),
            ("reject", D.SUBMITTED, D.REJECTED): _who("city"),
            ("reject", D.CITY_APPROVED, D.REJECTED): _who("province"),
            ("complete_scoring", D.IN_ASSESSMENT, D.IN_COMMITTEE): _who("chair", "province", "system"),
            ("decide_pass", D.IN_COMMITTEE, D.PASSED): _who("chair", "province"),
            ("decide_fail", D.IN_COMMITTEE, D.FAILED): _who("chair", "province"),
            ("publish", D.PASSED, D.IN_PUBLICITY): _who("province"),
            ("certify", D.IN_PUBLICITY, D.CERTIFIED): _who("province", "system"),
            ("fail_after_objection", D.IN_PUBLICITY, D.FAILED): _who("province", "system"),
        },
    ),
)


# The training activity workflow (programs): an activity organised by a Guangzhou enterprise.


def _activity(world, state: str, edge: Edge | None) -> Built:
    activity = ActivityFactory(organiser=world.org, status=state)
    actors = {
        "organiser_clerk": world.clerk,
        "clerk_other_org": world.clerk_other_org,
        "city": world.city_official,
        "city_other": world.city_official_other_city,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "expert": world.expert,
        "admin": world.admin,
    }
    return Built(activity, actors)


_MANAGERS = _who("organiser_clerk", "city", "province", "admin")

register_scenario(
    "activity",
    Scenario(
        build=_activity,
        allowed={
            ("close", A.OPEN, A.CLOSED): _MANAGERS,
            ("reopen", A.CLOSED, A.OPEN): _MANAGERS,
            ("cancel", A.OPEN, A.CANCELLED): _MANAGERS,
            ("cancel", A.CLOSED, A.CANCELLED): _MANAGERS,
        },
    ),
)


# The nomination workflow (commendations): a Guangzhou enterprise's talent in a Guangdong campaign,
# nominated by the enterprise's clerk.


def _nomination(world, state: str, edge: Edge | None) -> Built:
    organisation = world.org
    if edge is not None and edge.target == N.PROVINCE_RECOMMENDED and edge.source == N.SUBMITTED:
        organisation = OrganisationFactory(region=region("440000"))  # directly under the province
    nomination = NominationFactory(
        campaign=CampaignFactory(region=region("440000")),
        talent=TalentFactory(employer=organisation),
        organisation=organisation,
        nominated_by=world.clerk,
        status=state,
    )
    if organisation != world.org:
        world.clerk.organisation = organisation  # the clerk of the province-level organisation
        world.clerk.save(update_fields=["organisation"])
    assert edge is None or edge.applies(nomination)
    actors = {
        "clerk": world.clerk,
        "clerk_other_org": world.clerk_other_org,
        "city": world.city_official,
        "city_other": world.city_official_other_city,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "expert": world.expert,
        "admin": world.admin,
        "system": None,
    }
    return Built(nomination, actors)


_CAMPAIGN = _who("province")  # a Guangdong campaign: its organising officials are the province's

register_scenario(
    "nomination",
    Scenario(
        build=_nomination,
        allowed={
            ("submit", N.DRAFT, N.SUBMITTED): _who("clerk", "city"),
            ("submit", N.RETURNED, N.SUBMITTED): _who("clerk", "city"),
            ("withdraw", N.DRAFT, N.WITHDRAWN): _who("clerk"),
            ("withdraw", N.SUBMITTED, N.WITHDRAWN): _who("clerk"),
            ("withdraw", N.CITY_RECOMMENDED, N.WITHDRAWN): _who("clerk"),
            ("withdraw", N.RETURNED, N.WITHDRAWN): _who("clerk"),
            ("recommend", N.SUBMITTED, N.CITY_RECOMMENDED): _who("city"),
            ("recommend", N.SUBMITTED, N.PROVINCE_RECOMMENDED): _who("province"),  # no city step
            ("recommend", N.CITY_RECOMMENDED, N.PROVINCE_RECOMMENDED): _who("province"),
            ("return", N.SUBMITTED, N.RETURNED): _who("city"),
            ("return", N.CITY_RECOMMENDED, N.RETURNED): _who("province"),
            ("return", N.PROVINCE_RECOMMENDED, N.RETURNED): _CAMPAIGN,
            ("reject", N.SUBMITTED, N.REJECTED): _who("city"),
            ("reject", N.CITY_RECOMMENDED, N.REJECTED): _who("province"),
            ("reject", N.PROVINCE_RECOMMENDED, N.REJECTED): _CAMPAIGN,
            ("start_review", N.PROVINCE_RECOMMENDED, N.IN_EXPERT_REVIEW): _CAMPAIGN,
            ("publish", N.IN_EXPERT_REVIEW, N.IN_PUBLICITY): _CAMPAIGN,
            ("reject", N.IN_EXPERT_REVIEW, N.REJECTED): _CAMPAIGN,
            ("confer", N.IN_PUBLICITY, N.CONFERRED): _CAMPAIGN | _who("system"),
            ("reject", N.IN_PUBLICITY, N.REJECTED): _CAMPAIGN | _who("system"),
            ("withdraw_after_objection", N.IN_PUBLICITY, N.WITHDRAWN): _CAMPAIGN | _who("system"),
        },
    ),
)


# The campaign workflow (commendations): a Guangdong campaign, run by the province's officials.


def _campaign(world, state: str, edge: Edge | None) -> Built:
    from commendations.models import Campaign

    campaign = CampaignFactory(region=region("440000"), status=state)
    campaign = Campaign.objects.select_related("region").get(pk=campaign.pk)
    actors = {
        "clerk": world.clerk,
        "city": world.city_official,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "expert": world.expert,
        "admin": world.admin,
    }
    return Built(campaign, actors)


register_scenario(
    "campaign",
    Scenario(
        build=_campaign,
        allowed={
            ("close", "open", "closed"): _who("province"),
            ("conclude", "closed", "concluded"): _who("province"),
        },
    ),
)
