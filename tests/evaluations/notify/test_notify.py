"""Each dossier transition tells the people who must act or who are affected (evaluations.notify)."""

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse

from accounts.errors import PermissionDeniedError
from accounts.models import Role
from eligibility.models import Track
from evaluations.models import DossierStatus
from evaluations.notify import RULES
from evaluations.workflow import EDGES, transition
from notifications.models import Notification
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.factories import DossierFactory, ExpertFactory, add_members
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
S = DossierStatus


@pytest.fixture(autouse=True)
def _mail_task_in_process(eager_celery):
    """The e-mail task (enqueued after the commit) runs in the test's process."""


def recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def do(capture, **kwargs):
    with capture(execute=True):
        return transition(**kwargs)


def dossier_of(world, status, **kwargs):
    return DossierFactory(talent=TalentFactory(employer=kwargs.pop("org", world.org)), status=status, **kwargs)


def expected_url(dossier):
    try:
        return reverse("evaluations:dossier-detail", args=[dossier.pk])
    except NoReverseMatch:
        return ""


def test_every_rule_names_a_workflow_action():
    assert set(RULES) <= {edge.action for edge in EDGES}


def test_submit_tells_the_city_officials_of_the_organisation(world, django_capture_on_commit_callbacks):
    world.city_official.email = "city@example.com"
    world.city_official.save(update_fields=["email"])
    dossier = dossier_of(world, S.DRAFT)
    do(django_capture_on_commit_callbacks, actor=world.clerk, dossier=dossier, action="submit")

    assert recipients("dossier_submitted") == {"city"}
    notification = Notification.objects.get(kind="dossier_submitted")
    assert notification.url == expected_url(dossier)
    assert notification.actor == world.clerk
    assert notification.params["talent"] == dossier.talent.name
    assert [m.to for m in mail.outbox] == [["city@example.com"]]
    assert dossier.talent.name in mail.outbox[0].subject


@pytest.mark.parametrize("case", ["under_province", "green_channel"])
def test_submit_skipping_the_city_tells_the_province(world, django_capture_on_commit_callbacks, case):
    if case == "under_province":
        org = OrganisationFactory(region=region("440000"))
        clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=org)
        dossier = dossier_of(world, S.DRAFT, org=org)
    else:
        clerk = world.clerk
        dossier = dossier_of(world, S.DRAFT, track=Track.GREEN_CHANNEL)
    do(django_capture_on_commit_callbacks, actor=clerk, dossier=dossier, action="submit")

    told = recipients("dossier_submitted")
    assert "province" in told
    assert not told & {"city", "province_js", "city_sz"}


def test_city_approval_tells_the_province(world, django_capture_on_commit_callbacks):
    dossier = dossier_of(world, S.SUBMITTED)
    do(django_capture_on_commit_callbacks, actor=world.city_official, dossier=dossier, action="approve")
    told = recipients("dossier_city_approved")
    assert "province" in told and "province_js" not in told
    assert not recipients("dossier_in_assessment")


def test_provincial_approval_tells_the_committee(world, django_capture_on_commit_callbacks):
    dossier = dossier_of(world, S.CITY_APPROVED)
    members = [ExpertFactory(username="expert_a"), ExpertFactory(username="expert_b")]
    add_members(dossier.round.committee, members, chair=members[0])
    do(django_capture_on_commit_callbacks, actor=world.provincial_official, dossier=dossier, action="approve")
    assert recipients("dossier_in_assessment") == {"expert_a", "expert_b"}
    assert not recipients("dossier_city_approved")


@pytest.mark.parametrize(("action", "kind"), [("return", "dossier_returned"), ("reject", "dossier_rejected")])
def test_return_and_reject_tell_the_clerks_with_the_comment(world, django_capture_on_commit_callbacks, action, kind):
    world.clerk.email = "clerk@example.com"
    world.clerk.save(update_fields=["email"])
    dossier = dossier_of(world, S.SUBMITTED)
    do(
        django_capture_on_commit_callbacks,
        actor=world.city_official,
        dossier=dossier,
        action=action,
        comment="请补充近三年的专利证书",
    )
    told = recipients(kind)
    assert "clerk" in told and "clerk2" not in told  # the other organisation's clerk
    assert Notification.objects.filter(kind=kind).first().params["comment"] == "请补充近三年的专利证书"
    assert "请补充近三年的专利证书" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("status", "action", "actor", "kind"),
    [
        (S.IN_COMMITTEE, "decide_pass", "provincial_official", "dossier_passed"),
        (S.IN_COMMITTEE, "decide_fail", "provincial_official", "dossier_failed"),
        (S.PASSED, "publish", "provincial_official", "dossier_in_publicity"),
        (S.IN_PUBLICITY, "certify", None, "dossier_certified"),
        (S.IN_PUBLICITY, "fail_after_objection", None, "dossier_failed_after_objection"),
    ],
)
def test_decisions_tell_the_clerks(world, django_capture_on_commit_callbacks, status, action, actor, kind):
    dossier = dossier_of(world, status)
    do(
        django_capture_on_commit_callbacks,
        actor=getattr(world, actor) if actor else None,
        dossier=dossier,
        action=action,
        comment="异议属实",
    )
    assert "clerk" in recipients(kind)
    assert Notification.objects.filter(kind=kind).exclude(recipient__role=Role.ENTERPRISE_CLERK).count() == 0


def test_closing_the_scoring_tells_the_members_to_vote(world, django_capture_on_commit_callbacks):
    dossier = dossier_of(world, S.IN_ASSESSMENT)
    members = [ExpertFactory(username="expert_a"), ExpertFactory(username="expert_b")]
    add_members(dossier.round.committee, members, chair=members[0])
    do(django_capture_on_commit_callbacks, actor=world.provincial_official, dossier=dossier, action="complete_scoring")
    assert recipients("dossier_in_committee") == {"expert_a", "expert_b"}


def test_withdraw_tells_nobody(world, django_capture_on_commit_callbacks):
    dossier = dossier_of(world, S.SUBMITTED)
    do(django_capture_on_commit_callbacks, actor=world.clerk, dossier=dossier, action="withdraw")
    assert not Notification.objects.exists()


def test_a_refused_transition_tells_nobody(world, django_capture_on_commit_callbacks):
    dossier = dossier_of(world, S.SUBMITTED)
    # Another city's official may not approve: the workflow's refusal (403), not any other error.
    with pytest.raises(PermissionDeniedError) as refused:
        do(django_capture_on_commit_callbacks, actor=world.city_official_other_city, dossier=dossier, action="approve")
    assert (refused.value.code, refused.value.status) == ("forbidden", 403)
    assert not Notification.objects.exists()
