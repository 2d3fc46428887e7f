"""The nomination workflow of docs/commendations.md, as data, registered with the shared mechanism
(``workflow``) in CommendationsConfig.ready().

```
draft ─submit→ submitted ─city recommend→ city_recommended ─province recommend→ province_recommended
  ↑ (returned) ←── return (comment required) at each review level          │
                   submitted ─province recommend→ province_recommended (organisations under a province)
province_recommended ─start review→ in_expert_review ─publish→ in_publicity ─confer→ conferred
submitted, city_recommended, province_recommended, in_expert_review, in_publicity ─reject (comment required)→ rejected
in_publicity ─withdraw_after_objection (an upheld objection, comment required)→ withdrawn
```
The nominator withdraws before the province's decision. The quota check of the provincial
recommendation belongs to the service (under a lock), not to the table.
"""

from django.utils.translation import gettext_lazy

from commendations import rules
from commendations.models import Campaign, CampaignStatus, Nomination, NominationStatus
from workflow import Edge, Workflow

S = NominationStatus


def _officials_next(actor, nomination) -> bool:
    if rules.needs_city_review(nomination):
        return rules.is_city_official_for(actor, nomination)
    return rules.is_provincial_official_for(actor, nomination)


def _system_or_campaign(actor, nomination) -> bool:
    return rules.is_system(actor) or rules.is_campaign_official(actor, nomination)


EDGES = (
    *(Edge("submit", source, S.SUBMITTED, rules.is_nominating_side) for source in (S.DRAFT, S.RETURNED)),
    *(
        Edge("withdraw", source, S.WITHDRAWN, rules.is_nominator)
        for source in (S.DRAFT, S.SUBMITTED, S.CITY_RECOMMENDED, S.RETURNED)
    ),
    Edge("recommend", S.SUBMITTED, S.CITY_RECOMMENDED, rules.is_city_official_for, applies=rules.needs_city_review),
    Edge(
        "recommend",
        S.SUBMITTED,
        S.PROVINCE_RECOMMENDED,
        rules.is_provincial_official_for,
        applies=lambda n: not rules.needs_city_review(n),
    ),
    Edge("recommend", S.CITY_RECOMMENDED, S.PROVINCE_RECOMMENDED, rules.is_provincial_official_for),
    Edge("return", S.SUBMITTED, S.RETURNED, _officials_next, comment_required=True),
    Edge("return", S.CITY_RECOMMENDED, S.RETURNED, rules.is_provincial_official_for, comment_required=True),
    Edge("return", S.PROVINCE_RECOMMENDED, S.RETURNED, rules.is_campaign_official, comment_required=True),
    # Refused outright at a review level (docs/commendations.md: "any step before conferral → rejected").
    Edge("reject", S.SUBMITTED, S.REJECTED, _officials_next, comment_required=True),
    Edge("reject", S.CITY_RECOMMENDED, S.REJECTED, rules.is_provincial_official_for, comment_required=True),
    Edge("reject", S.PROVINCE_RECOMMENDED, S.REJECTED, rules.is_campaign_official, comment_required=True),
    Edge("start_review", S.PROVINCE_RECOMMENDED, S.IN_EXPERT_REVIEW, rules.is_campaign_official),
    Edge("publish", S.IN_EXPERT_REVIEW, S.IN_PUBLICITY, rules.is_campaign_official),
    Edge("reject", S.IN_EXPERT_REVIEW, S.REJECTED, rules.is_campaign_official, comment_required=True),
    Edge("confer", S.IN_PUBLICITY, S.CONFERRED, _system_or_campaign),
    Edge("reject", S.IN_PUBLICITY, S.REJECTED, _system_or_campaign, comment_required=True),
    # An upheld objection to its public-notice entry (commendations/notice_handlers.py).
    Edge("withdraw_after_objection", S.IN_PUBLICITY, S.WITHDRAWN, _system_or_campaign, comment_required=True),
)

ACTION_LABELS = {
    "submit": gettext_lazy("Nomination submitted"),
    "withdraw": gettext_lazy("Nomination withdrawn"),
    "recommend": gettext_lazy("Nomination recommended"),
    "return": gettext_lazy("Nomination returned for revision"),
    "start_review": gettext_lazy("Nomination sent to expert review"),
    "publish": gettext_lazy("Nomination put in public notice"),
    "confer": gettext_lazy("Award conferred"),
    "reject": gettext_lazy("Nomination rejected"),
    "withdraw_after_objection": gettext_lazy("Nomination withdrawn after an upheld objection"),
}

NOMINATION_WORKFLOW = Workflow(
    name="nomination",
    model=Nomination,
    status_choices=NominationStatus,
    edges=EDGES,
    action_labels=ACTION_LABELS,
    illegal_message=gettext_lazy("This nomination is “%(status)s”: “%(action)s” is not possible now."),
    decided_meanwhile_message=gettext_lazy(
        "This nomination was decided by someone else meanwhile: it is now “%(status)s”."
    ),
    forbidden_message=gettext_lazy("You may not take this step on this nomination."),
    comment_required_message=gettext_lazy("A comment is required to return or reject a nomination."),
    audit_prefix="nomination",
    stamps={S.SUBMITTED: ("submitted_at",), **{state: ("decided_at",) for state in (S.CONFERRED, S.REJECTED)}},
    lock_select_related=("organisation__region", "campaign__region"),
)


# The campaign's own states (docs/commendations.md#campaigns):
# open ─close (nominations no longer taken)→ closed ─conclude (no nomination undecided)→ concluded.
# The "no nomination undecided" condition of concluding is checked by the service under the lock.


def _campaign_manager_or_system(actor, campaign) -> bool:
    """The campaign's officials, or the portal itself (``actor`` None) when the last nomination is decided."""
    return rules.is_system(actor) or rules.can_manage_campaign(actor, campaign)


CAMPAIGN_EDGES = (
    Edge("close", CampaignStatus.OPEN, CampaignStatus.CLOSED, _campaign_manager_or_system),
    Edge("conclude", CampaignStatus.CLOSED, CampaignStatus.CONCLUDED, _campaign_manager_or_system),
)

CAMPAIGN_WORKFLOW = Workflow(
    name="campaign",
    model=Campaign,
    status_choices=CampaignStatus,
    edges=CAMPAIGN_EDGES,
    action_labels={
        "close": gettext_lazy("Close nominations"),
        "conclude": gettext_lazy("Conclude the campaign"),
    },
    illegal_message=gettext_lazy("This campaign is “%(status)s”: “%(action)s” is not possible now."),
    decided_meanwhile_message=gettext_lazy(
        "This campaign was changed by someone else meanwhile: it is now “%(status)s”."
    ),
    forbidden_message=rules.ONLY_CAMPAIGN_MANAGERS,
    comment_required_message=gettext_lazy("A comment is required."),
    audit_prefix="campaign",
    lock_select_related=("region",),
)
