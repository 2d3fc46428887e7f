"""Writes of campaigns (docs/commendations.md#campaigns): open, change, close nominations, conclude.

A region's officials organise its campaigns; the award's level is the organising region's; the
criteria are clause codes of a published rule set, which only the eligibility catalogue knows
(``eligibility.clauses``): this module checks that the codes exist, never what they mean. Closing and
concluding are the campaign workflow's steps (``commendations.workflow.CAMPAIGN_WORKFLOW``).
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import workflow
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Region, RegionLevel, Role, User
from accounts.services import audit_changes, audit_record, audit_values, full_clean_or_raise
from catalogues.models import Award, AwardLevel
from commendations.models import Campaign, CampaignStatus, Nomination, NominationStatus, NomineeKind
from commendations.rules import (
    ONLY_CAMPAIGN_MANAGERS,
    ONLY_CAMPAIGN_ORGANISERS,
    can_create_campaigns,
    can_manage_campaign,
)
from commendations.workflow import CAMPAIGN_WORKFLOW
from eligibility.models import RuleSet, RuleSetStatus
from eligibility.selectors.criteria import unknown_clause_codes
from notifications.services import notify_on_commit

AUDIT_ACTIONS = {
    "campaign_create": gettext_lazy("Commendation campaign opened"),
    "campaign_update": gettext_lazy("Commendation campaign changed"),
}

# The fields an update may change, audited as field changes.
EDITABLE_FIELDS = (
    "award",
    "year",
    "nominee_kind",
    "opens_on",
    "closes_on",
    "publicity_working_days",
    "criteria_rule_set",
    "criteria_clauses",
)

# The award level each organising level runs (a city does not run a national award).
AWARD_LEVEL_OF_REGION: dict[str, str] = {
    RegionLevel.NATIONAL: AwardLevel.NATIONAL,
    RegionLevel.PROVINCE: AwardLevel.PROVINCIAL,
    RegionLevel.CITY: AwardLevel.CITY,
}

# A nomination is undecided from its submission until it is conferred, rejected or withdrawn; drafts and
# returned ones were never (or are no longer) before a reviewer, and cannot be submitted once closed.
UNDECIDED_STATUSES = (
    NominationStatus.SUBMITTED,
    NominationStatus.CITY_RECOMMENDED,
    NominationStatus.PROVINCE_RECOMMENDED,
    NominationStatus.IN_EXPERT_REVIEW,
    NominationStatus.IN_PUBLICITY,
)

MAX_PUBLICITY_WORKING_DAYS = 30


def organising_region(actor) -> Region:
    """The region whose campaigns the official opens: the ministry's national region, or their own."""
    if actor.role == Role.NATIONAL_OFFICIAL:
        region = Region.objects.filter(level=RegionLevel.NATIONAL).order_by("code").first()
    else:
        region = actor.region
    if region is None:
        raise PermissionDeniedError(ONLY_CAMPAIGN_ORGANISERS)
    return region


def _as_int(value, *, field: str, message: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise ApplicationError(message, field=field) from error


def _validated(
    *,
    region: Region,
    award,
    year,
    nominee_kind,
    opens_on,
    closes_on,
    publicity_working_days,
    criteria_rule_set,
    criteria_clauses,
) -> dict:
    """The checked values of a campaign; the first problem is a 400 naming its field."""
    if not isinstance(award, Award) or not award.is_active:
        raise ApplicationError(_("Pick an award of the catalogue."), field="award")
    if award.level != AWARD_LEVEL_OF_REGION.get(region.level):
        raise ApplicationError(
            _("“%(award)s” is a %(award_level)s award: a %(region_level)s region cannot organise it.")
            % {
                "award": award,
                "award_level": award.get_level_display(),
                "region_level": region.get_level_display(),
            },
            code="award_level_mismatch",
            field="award",
        )
    year = _as_int(year, field="year", message=_("The year is a whole number such as 2026."))
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("The year is a whole number such as 2026."), field="year")
    if nominee_kind not in NomineeKind.values:
        raise ApplicationError(
            _("Say who may be nominated: individual talents or organisations."), field="nominee_kind"
        )
    if not isinstance(opens_on, datetime.date) or not isinstance(closes_on, datetime.date):
        raise ApplicationError(_("Give the nomination window's first and last day."), field="opens_on")
    if closes_on < opens_on:
        raise ApplicationError(
            _("The nomination window cannot close before it opens."), code="window_not_ordered", field="closes_on"
        )
    days = _as_int(
        publicity_working_days,
        field="publicity_working_days",
        message=_("The public notice lasts a whole number of working days."),
    )
    if not 1 <= days <= MAX_PUBLICITY_WORKING_DAYS:
        raise ApplicationError(
            _("The public notice lasts from 1 to %(max)d working days.") % {"max": MAX_PUBLICITY_WORKING_DAYS},
            field="publicity_working_days",
        )
    if isinstance(criteria_clauses, str) or not all(isinstance(code, str) for code in criteria_clauses or ()):
        raise ApplicationError(_("The criteria are a list of clause codes."), field="criteria_clauses")
    clauses = list(dict.fromkeys(code.strip() for code in criteria_clauses or () if code.strip()))
    if criteria_rule_set is not None:
        if not isinstance(criteria_rule_set, RuleSet) or criteria_rule_set.status != RuleSetStatus.PUBLISHED:
            raise ApplicationError(_("Pick a published rule set for the criteria."), field="criteria_rule_set")
    if clauses:
        if criteria_rule_set is None:
            raise ApplicationError(
                _("Criteria are clauses of a rule set: pick the rule set first."), field="criteria_rule_set"
            )
        unknown = unknown_clause_codes(clauses, criteria_rule_set)
        if unknown:
            raise ApplicationError(
                _("The rule set %(rule_set)s has no clause %(codes)s.")
                % {"rule_set": f"{criteria_rule_set.code} v{criteria_rule_set.version}", "codes": "、".join(unknown)},
                code="unknown_clause",
                field="criteria_clauses",
            )
    return {
        "award": award,
        "year": year,
        "nominee_kind": nominee_kind,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "publicity_working_days": days,
        "criteria_rule_set": criteria_rule_set,
        "criteria_clauses": clauses,
    }


def _refuse_duplicate(values: dict, region: Region, exclude_pk=None) -> None:
    duplicates = Campaign.objects.filter(award=values["award"], year=values["year"], region=region)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ApplicationError(
            _("%(region)s already has a %(year)d campaign for “%(award)s”.")
            % {"region": region, "year": values["year"], "award": values["award"]},
            code="duplicate_campaign",
            status=409,
            field="award",
        )


def _officials_below(region: Region):
    """Who is told that a campaign opened: the officials one level below the organising region."""
    users = User.objects.filter(is_active=True)
    if region.level == RegionLevel.NATIONAL:
        return users.filter(role=Role.PROVINCIAL_OFFICIAL)
    if region.level == RegionLevel.PROVINCE:
        return users.filter(role=Role.CITY_OFFICIAL, region__parent_id=region.pk)
    return users.none()


@transaction.atomic
def campaign_create(
    *,
    actor,
    award,
    year,
    nominee_kind,
    opens_on,
    closes_on,
    publicity_working_days=5,
    criteria_rule_set=None,
    criteria_clauses=(),
    request=None,
) -> Campaign:
    """Open a campaign of the official's region, taking nominations; the officials below are told."""
    if not can_create_campaigns(actor):
        raise PermissionDeniedError(ONLY_CAMPAIGN_ORGANISERS)
    region = organising_region(actor)
    values = _validated(
        region=region,
        award=award,
        year=year,
        nominee_kind=nominee_kind,
        opens_on=opens_on,
        closes_on=closes_on,
        publicity_working_days=publicity_working_days,
        criteria_rule_set=criteria_rule_set,
        criteria_clauses=criteria_clauses,
    )
    _refuse_duplicate(values, region)
    campaign = Campaign(region=region, status=CampaignStatus.OPEN, created_by=actor, **values)
    full_clean_or_raise(campaign, exclude=["award", "region", "criteria_rule_set", "created_by"])
    campaign.save()
    audit_record(
        actor=actor,
        obj=campaign,
        action="campaign_create",
        to_state=campaign.status,
        changes=audit_changes({}, audit_values(campaign, EDITABLE_FIELDS)),
        request=request,
    )
    notify_on_commit(
        recipients=_officials_below(region),
        kind="campaign_opened",
        params={
            "campaign": str(campaign),
            "region": str(region),
            "opens_on": campaign.opens_on.isoformat(),
            "closes_on": campaign.closes_on.isoformat(),
        },
        url=reverse("commendations:campaign-detail", kwargs={"pk": campaign.pk}),
        actor=actor,
    )
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, request=None, **changes) -> Campaign:
    """Change an open campaign (the caller fetched it through the scoped selector). Fields left out keep
    their value; once nominations exist the award and who may be nominated are fixed."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDeniedError(ONLY_CAMPAIGN_MANAGERS)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(_("This field cannot be changed."), field=sorted(unknown)[0])
    locked = Campaign.objects.select_for_update(of=("self",)).select_related("region", "award").get(pk=campaign.pk)
    if locked.status != CampaignStatus.OPEN:
        raise ApplicationError(
            _("Only a campaign taking nominations can be changed; this one is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="campaign_not_open",
            status=409,
        )
    current = {name: getattr(locked, name) for name in EDITABLE_FIELDS}
    values = _validated(region=locked.region, **{**current, **changes})
    if Nomination.objects.filter(campaign=locked).exists():
        for name, message in (
            ("award", _("Nominations exist: the award can no longer be changed.")),
            ("nominee_kind", _("Nominations exist: who may be nominated can no longer be changed.")),
        ):
            if values[name] != current[name]:
                raise ApplicationError(message, code="nominations_exist", status=409, field=name)
    if (values["award"], values["year"]) != (current["award"], current["year"]):
        _refuse_duplicate(values, locked.region, exclude_pk=locked.pk)
    before = audit_values(locked, EDITABLE_FIELDS)
    for name, value in values.items():
        setattr(locked, name, value)
    full_clean_or_raise(locked, exclude=["award", "region", "criteria_rule_set", "created_by"])
    changed = audit_changes(before, audit_values(locked, EDITABLE_FIELDS))
    if not changed:
        return locked
    locked.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
    audit_record(actor=actor, obj=locked, action="campaign_update", changes=changed, request=request)
    return locked


def campaign_close(*, actor, campaign: Campaign, comment: str = "", request=None) -> Campaign:
    """Stop taking nominations (the workflow's ``close``)."""
    return workflow.transition(
        workflow=CAMPAIGN_WORKFLOW, actor=actor, obj=campaign, action="close", comment=comment, request=request
    )


def _refuse_undecided(locked: Campaign, edge) -> None:
    undecided = Nomination.objects.filter(campaign_id=locked.pk, status__in=UNDECIDED_STATUSES).count()
    if undecided:
        raise ApplicationError(
            ngettext(
                "%(count)d nomination of this campaign is still undecided: decide it before concluding.",
                "%(count)d nominations of this campaign are still undecided: decide them before concluding.",
                undecided,
            )
            % {"count": undecided},
            code="nominations_undecided",
            status=409,
        )


def campaign_conclude(*, actor, campaign: Campaign, comment: str = "", request=None) -> Campaign:
    """Conclude a closed campaign once no nomination is undecided (checked under the campaign's lock)."""
    return workflow.transition(
        workflow=CAMPAIGN_WORKFLOW,
        actor=actor,
        obj=campaign,
        action="conclude",
        comment=comment,
        request=request,
        apply=_refuse_undecided,
    )
