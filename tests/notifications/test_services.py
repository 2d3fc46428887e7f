"""notify(): one row per recipient, e-mail to those with an address, the actor left out."""

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import Role
from notifications.messages import render
from notifications.models import Notification
from notifications.services import notify, notify_on_commit
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_one_row_per_recipient_and_mail_to_those_with_an_address(
    world, eager_celery, django_capture_on_commit_callbacks
):
    world.clerk.email = "clerk@example.com"
    world.clerk.save(update_fields=["email"])
    world.clerk_other_org.email = ""
    world.clerk_other_org.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail task runs after the commit
        rows = notify(
            recipients=[world.clerk, world.clerk_other_org, world.clerk],
            kind="dossier_returned",
            params={"talent": "张三", "round": "2026年车工技师评价", "comment": "请补充专利证书"},
            url="/evaluations/dossiers/1/",
            actor=world.city_official,
        )

    assert sorted(r.recipient_id for r in rows) == sorted([world.clerk.pk, world.clerk_other_org.pk])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["clerk@example.com"]
    assert "张三" in message.subject and "请补充专利证书" in message.body
    assert "/evaluations/dossiers/1/" in message.body
    emailed = dict(Notification.objects.values_list("recipient_id", "emailed_at"))
    assert emailed[world.clerk.pk] is not None and emailed[world.clerk_other_org.pk] is None


def test_each_mail_is_in_the_language_its_recipient_chose_whatever_the_active_one(
    world, eager_celery, django_capture_on_commit_callbacks
):
    world.clerk.email, world.clerk.language = "clerk@example.com", ""  # never switched: the default
    world.clerk.save(update_fields=["email", "language"])
    world.clerk_other_org.email, world.clerk_other_org.language = "other@example.com", "en"
    world.clerk_other_org.save(update_fields=["email", "language"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[world.clerk, world.clerk_other_org],
            kind="dossier_rejected",
            params={"talent": "张三", "round": "R", "comment": "c"},
        )
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    with translation.override("zh-hans"):
        chinese, _ = render("dossier_rejected", {"talent": "张三"})
    with translation.override("en"):
        english, _ = render("dossier_rejected", {"talent": "张三"})
    assert chinese != english
    assert subjects == {"clerk@example.com": chinese, "other@example.com": english}


def test_the_actor_and_inactive_users_are_not_told(world):
    inactive = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=world.org, is_active=False)
    rows = notify(recipients=[world.clerk, inactive], kind="dossier_passed", params={}, actor=world.clerk)
    assert rows == []
    assert not Notification.objects.exists()


def test_notify_on_commit_sends_nothing_for_a_rolled_back_write(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_on_commit(recipients=[world.clerk], kind="dossier_passed", params={})
    assert not Notification.objects.exists()
    callbacks[0]()
    assert Notification.objects.filter(recipient=world.clerk).count() == 1


def test_messages_render_in_the_readers_language_with_missing_params_blank():
    with translation.override("en"):
        title, body = render("dossier_returned", {"talent": "张三"})
    assert title == "Dossier returned for revision: 张三"
    assert "Comment: " in body
    assert render("no_such_kind", {})[0]
