"""Conferral: refused while the notice period runs or an objection waits; creates the talent's Honour
(source conferral, linked from the nomination) or the organisation's award; the next single and batch
eligibility checks see it (R1); campaigns conclude (docs/commendations.md#conferral)."""

import datetime

import pytest
from django.db import connection

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from commendations.models import CampaignStatus, NominationStatus, OrganisationAward
from commendations.services.conferral import campaign_conclude_if_decided, nomination_confer
from commendations.services.publicity import campaign_notice_publish
from eligibility.batch import evaluate_range
from eligibility.clauses import BY_CODE
from eligibility.models import ChangeDirection, EligibilityRunResult, Outcome, Track
from eligibility.selectors.runs import run_changes
from eligibility.services.checks import eligibility_check_talent
from eligibility.services.runs import run_start_nightly
from notices.models import NoticeStatus
from notices.services import notice_close, notices_close_due, objection_resolve
from notifications.models import Notification
from talents.models import HonourSource
from tests.commendations.factories import green_channel_campaign, nomination_in_review
from tests.dates import frozen, shanghai
from tests.eligibility.factories import TalentSpec, make_run, make_talent
from tests.notices.factories import ObjectionFactory

pytestmark = pytest.mark.django_db

# Published Monday 2 November 2026 for 5 working days: objections until Monday 9 November.
PUBLISHED = shanghai(2026, 11, 2)
LAST_DAY = shanghai(2026, 11, 9)
AFTER = shanghai(2026, 11, 10)
TECHNICIAN = TalentSpec(skills=(("technician", datetime.date(2018, 1, 1)),), frontline=False)


def in_notice(world, campaign=None, **kwargs):
    campaign = campaign or green_channel_campaign()
    nomination = nomination_in_review(world, campaign, **kwargs)
    with frozen(PUBLISHED):
        notice = campaign_notice_publish(actor=world.provincial_official, campaign=campaign, contact="020-8")
    assert notice.closes_on == LAST_DAY.date()
    nomination.refresh_from_db()
    return nomination, notice


def test_conferral_waits_for_the_end_of_the_notice_period(world):
    nomination, _ = in_notice(world)
    with frozen(LAST_DAY), pytest.raises(ApplicationError) as refused:
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    assert refused.value.status == 409 and refused.value.code == "notice_period_running"
    assert "2026-11-09" in str(refused.value.message)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_PUBLICITY and nomination.honour is None


def test_conferral_waits_for_every_objection_to_be_resolved(world):
    nomination, notice = in_notice(world)
    objection = ObjectionFactory(entry=notice.entries.get())
    with frozen(AFTER), pytest.raises(ApplicationError) as refused:
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    assert refused.value.status == 409 and refused.value.code == "objections_unresolved"
    objection_resolve(actor=world.provincial_official, objection=objection, upheld=False, resolution="不属实")
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFERRED


def test_only_the_campaigns_officials_confer(world):
    nomination, _ = in_notice(world)
    for outsider in (world.clerk, world.city_official, world.provincial_official_other):
        with frozen(AFTER), pytest.raises(PermissionDeniedError):
            nomination_confer(actor=outsider, nomination=nomination)


def test_a_nomination_not_in_notice_cannot_be_conferred(world):
    nomination = nomination_in_review(world)
    with pytest.raises(ApplicationError) as refused:
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    assert refused.value.status == 409


def test_conferral_creates_the_honour_linked_to_the_nomination_and_audits_it(world, django_capture_on_commit_callbacks):
    nomination, notice = in_notice(world)
    with frozen(AFTER), django_capture_on_commit_callbacks(execute=True):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    nomination.refresh_from_db()
    honour = nomination.honour
    assert nomination.status == NominationStatus.CONFERRED and nomination.decided_at is not None
    assert honour.talent == nomination.talent and honour.award == nomination.campaign.award
    assert honour.source == HonourSource.CONFERRAL and honour.conferred_on == AFTER.date()
    assert honour.conferring_body == notice.issuing_authority and notice.title in honour.evidence
    assert honour.entered_by == world.provincial_official
    assert AuditLog.objects.filter(action="nomination_confer", object_id=str(nomination.pk)).exists()
    assert AuditLog.objects.filter(action="create", object_id=str(honour.pk), to_state=honour.award.code).exists()
    assert Notification.objects.filter(recipient=world.clerk, kind="nomination_conferred").exists()


def test_closing_the_notice_confers_as_the_portal(world):
    nomination, notice = in_notice(world)
    with frozen(AFTER):
        assert notices_close_due() == [notice.pk]
    nomination.refresh_from_db()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED
    assert nomination.status == NominationStatus.CONFERRED and nomination.honour is not None
    assert nomination.honour.entered_by is None


def test_an_official_closing_the_notice_confers_in_their_name(world):
    nomination, notice = in_notice(world)
    with frozen(AFTER):
        notice_close(notice=notice, actor=world.provincial_official)
    log = AuditLog.objects.get(action="nomination_confer")
    assert log.actor == world.provincial_official


def test_an_organisations_award_is_recorded_on_the_organisation(world):
    from tests.commendations.factories import NominationFactory

    campaign = green_channel_campaign(nominee_kind="organisation")
    nomination = NominationFactory(
        campaign=campaign,
        talent=None,
        nominee_organisation=world.org,
        organisation=world.org,
        nominated_by=world.clerk,
        status=NominationStatus.IN_EXPERT_REVIEW,
        review_passed=True,
    )
    with frozen(PUBLISHED):
        notice = campaign_notice_publish(actor=world.provincial_official, campaign=campaign, contact="020-8")
    assert notice.entries.get().masked_name == world.org.name
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    award = OrganisationAward.objects.get()
    assert (award.organisation, award.campaign, award.nomination) == (world.org, campaign, nomination)
    assert AuditLog.objects.filter(action="organisation_award_confer", object_id=str(award.pk)).exists()


def test_conferral_makes_the_talent_green_channel_eligible_at_the_next_single_check(world):
    talent = make_talent(TECHNICIAN, employer=world.org)
    before = eligibility_check_talent(
        actor=world.provincial_official, talent=talent, track=Track.GREEN_CHANNEL, target_level="deputy_senior"
    )
    assert before.outcome != Outcome.ELIGIBLE
    nomination, _ = in_notice(world, talent=talent)
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    after = eligibility_check_talent(
        actor=world.provincial_official, talent=talent, track=Track.GREEN_CHANNEL, target_level="deputy_senior"
    )
    assert after.outcome == Outcome.ELIGIBLE
    honour_reason = next(reason for reason in after.reasons if reason["clause"] == "R1.honour")
    assert honour_reason["passed"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the batch's SQL path runs on PostgreSQL")
def test_conferral_makes_the_talent_green_channel_eligible_at_the_next_batch_check(world):
    """The set-based SQL evaluator a run's chunk calls, over a range of talents: the honour the conferral
    created passes R1.honour in the next run; the run before it saw none."""
    talent = make_talent(TECHNICIAN, employer=world.org)
    neighbour = make_talent(TECHNICIAN, employer=world.org)  # in the range, never honoured
    first, last = sorted([talent.pk, neighbour.pk])
    next_day = AFTER.date() + datetime.timedelta(days=1)
    honour = BY_CODE["R1.honour"].mask

    def batch_result(talent_id):
        run = make_run(as_of=next_day)
        assert evaluate_range(run=run, first_talent_id=first, last_talent_id=last, evaluator="sql") == 2
        return EligibilityRunResult.objects.get(run=run, talent_id=talent_id)

    before = batch_result(talent.pk)
    assert before.green_channel != Outcome.ELIGIBLE
    assert before.clauses_evaluated & honour and not before.clauses_passed & honour
    nomination, _ = in_notice(world, talent=talent)
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    after, untouched = batch_result(talent.pk), batch_result(neighbour.pk)
    assert after.green_channel == Outcome.ELIGIBLE and after.green_channel_level
    assert after.clauses_passed & honour
    assert untouched.green_channel == before.green_channel and not untouched.clauses_passed & honour


def test_conferral_puts_the_talent_on_the_next_nightly_invitation_list(
    world, eager_celery, django_capture_on_commit_callbacks
):
    talent = make_talent(TECHNICIAN, employer=world.org)
    with django_capture_on_commit_callbacks(execute=True):
        run_start_nightly()
    nomination, _ = in_notice(world, talent=talent)
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start_nightly()
    run.refresh_from_db()
    invited = run_changes(run=run, track=Track.GREEN_CHANNEL, direction=ChangeDirection.NEWLY_ELIGIBLE)
    assert talent.pk in [result.talent_id for result in invited]


def test_the_campaign_concludes_when_every_nomination_is_decided(world, django_capture_on_commit_callbacks):
    campaign = green_channel_campaign()
    conferred, _ = in_notice(world, campaign)
    withdrawn = nomination_in_review(world, campaign, status=NominationStatus.WITHDRAWN)
    assert withdrawn.status == NominationStatus.WITHDRAWN
    with frozen(AFTER):
        nomination_confer(actor=world.provincial_official, nomination=conferred)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN  # the nomination window is still open (until 31 December)
    with frozen(shanghai(2027, 1, 4)):
        assert campaign_conclude_if_decided(campaign=campaign) is True
        assert campaign_conclude_if_decided(campaign=campaign) is False
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CONCLUDED
    assert AuditLog.objects.filter(action="campaign_conclude").count() == 1


def test_a_campaign_with_a_nomination_still_under_way_does_not_conclude(world):
    campaign = green_channel_campaign()
    nomination_in_review(world, campaign)
    with frozen(shanghai(2027, 1, 4)):
        assert campaign_conclude_if_decided(campaign=campaign) is False
