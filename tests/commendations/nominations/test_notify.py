"""Each nomination step tells the people who must act next, or the nominator (commendations.notify)."""

import pytest
from django.core import mail
from django.urls import reverse

from catalogues.models import Award
from commendations.models import NominationStatus as S
from commendations.notify import RULES, campaign_officials
from commendations.rules import is_campaign_official
from commendations.services import (
    nomination_recommend,
    nomination_reject,
    nomination_return,
    nomination_submit,
    nomination_withdraw,
)
from commendations.services.review import nomination_review_start
from commendations.workflow import EDGES
from notifications.models import Notification
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.commendations.factories import CampaignQuotaFactory, NominationFactory, open_campaign, technician
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members
from tests.talents.factories import catalogue

pytestmark = pytest.mark.django_db
TEXTS = {"achievements": "事迹。", "recommendation": "推荐。"}


@pytest.fixture(autouse=True)
def _mail_task_in_process(eager_celery):
    """The e-mail task (enqueued after the commit) runs in the test's process."""


def recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def nomination_of(world, status, organisation=None, **kwargs):
    organisation = organisation or world.org
    return NominationFactory(
        campaign=kwargs.pop("campaign", None) or open_campaign(),
        talent=technician(organisation),
        organisation=organisation,
        nominated_by=kwargs.pop("nominated_by", world.clerk),
        status=status,
        **TEXTS,
    )


def test_every_rule_names_a_workflow_action():
    assert set(RULES) <= {edge.action for edge in EDGES}


def test_submit_tells_the_city_in_its_language(world, django_capture_on_commit_callbacks):
    world.city_official.language, world.city_official.email = "en", "city@example.cn"
    world.city_official.save(update_fields=["language", "email"])
    nomination = nomination_of(world, S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_submit(actor=world.clerk, nomination=nomination)
    assert recipients("nomination_submitted") == {"city"}
    (message,) = (m for m in mail.outbox if m.to == ["city@example.cn"])
    assert message.subject.startswith("New nomination to recommend")


def test_submit_skipping_the_city_tells_the_province(world, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(region=region("440000"))
    clerk = UserFactory(username="clerk_gd", role="enterprise_clerk", organisation=organisation)
    nomination = nomination_of(world, S.DRAFT, organisation=organisation, nominated_by=clerk)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_submit(actor=clerk, nomination=nomination)
    assert recipients("nomination_submitted") == {"province"}


def test_recommendations_tell_the_next_level(world, django_capture_on_commit_callbacks):
    campaign = open_campaign()
    CampaignQuotaFactory(campaign=campaign, region=region("440000"), quota=1)
    nomination = nomination_of(world, S.SUBMITTED, campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nomination_recommend(actor=world.city_official, nomination=nomination)
    assert recipients("nomination_city_recommended") == {"province"}
    with django_capture_on_commit_callbacks(execute=True):
        nomination_recommend(actor=world.provincial_official, nomination=nomination)
    # a Guangdong campaign: its organising officials are the province's own (the actor is not told)
    assert recipients("nomination_province_recommended") == set()
    national = open_campaign(region=region("000000"))
    CampaignQuotaFactory(campaign=national, region=region("440000"), quota=1)
    other = nomination_of(world, S.CITY_RECOMMENDED, campaign=national)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_recommend(actor=world.provincial_official, nomination=other)
    assert recipients("nomination_province_recommended") == {"ministry"}


@pytest.mark.parametrize(
    ("service", "kind"), [(nomination_return, "nomination_returned"), (nomination_reject, "nomination_rejected")]
)
def test_return_and_reject_tell_the_nominator_with_the_comment(
    world, django_capture_on_commit_callbacks, service, kind
):
    nomination = nomination_of(world, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        service(actor=world.city_official, nomination=nomination, comment="请补充获奖证书。")
    assert recipients(kind) == {"clerk"}
    assert Notification.objects.get(kind=kind).params["comment"] == "请补充获奖证书。"


def test_withdraw_tells_nobody(world, django_capture_on_commit_callbacks):
    nomination = nomination_of(world, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        nomination_withdraw(actor=world.clerk, nomination=nomination)
    assert not Notification.objects.exists()


def test_starting_the_review_tells_the_committees_experts_but_not_the_conflicted_one(
    world, django_capture_on_commit_callbacks
):
    board = CommitteeFactory()
    judging = [ExpertFactory(username=f"expert{i}") for i in range(2)]
    conflicted = ExpertFactory(username="expert_of_the_employer", organisation=world.org)
    add_members(board, [*judging, conflicted], chair=judging[0])
    nomination = nomination_of(world, S.PROVINCE_RECOMMENDED, campaign=open_campaign(committee=board))
    with django_capture_on_commit_callbacks(execute=True):
        nomination_review_start(actor=world.provincial_official, nomination=nomination)
    assert recipients("nomination_review_due") == {"expert0", "expert1"}
    url = Notification.objects.filter(kind="nomination_review_due").values_list("url", flat=True).first()
    assert url == reverse("commendations:review-detail", args=[nomination.pk])


def test_a_city_campaigns_officials_are_the_citys(world, django_capture_on_commit_callbacks):
    campaign = open_campaign(region=region("440100"), award=catalogue(Award, "city_technical_expert"))
    nomination = nomination_of(world, S.CITY_RECOMMENDED, campaign=campaign)
    assert is_campaign_official(world.city_official, nomination)
    assert not is_campaign_official(world.provincial_official, nomination)
    assert set(campaign_officials(nomination).values_list("username", flat=True)) == {"city"}
