"""Notification e-mails leave the web request (issue 19): a Celery task sends them after the commit,
retrying while the mail server fails; the page never waits for it, nor fails with it."""

from smtplib import SMTPServerDisconnected

import pytest
from celery.app.task import Task
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse

from evaluations.models import DossierStatus
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import notifications_email_task
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db

DEAD = "tests.notifications.test_email_task.DeadMailServer"
FLAKY = "tests.notifications.test_email_task.FlakyMailServer"


class DeadMailServer(BaseEmailBackend):
    """Every attempt to send fails as a dead SMTP server does (whatever fail_silently says)."""

    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyMailServer(LocmemBackend):
    """Fails on the first message after ``fail_after`` sent ones, once; then delivers."""

    fail_after = 1
    failed = False

    def send_messages(self, messages):
        if not type(self).failed and len(mail.outbox) >= type(self).fail_after:
            type(self).failed = True
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _reset_servers():
    DeadMailServer.attempts = 0
    FlakyMailServer.failed = False


@pytest.fixture
def eager_retries(eager_celery):
    """In-process tasks whose retries run in-process too (a propagated Retry would stop at the first)."""
    from celery import current_app

    previous = current_app.conf.task_eager_propagates
    current_app.conf.task_eager_propagates = False
    yield
    current_app.conf.task_eager_propagates = previous


def _with_address(user, address, language=""):
    user.email, user.language = address, language
    user.save(update_fields=["email", "language"])


def _return_on_the_page(world, client_for, capture):
    """The city official returns a dossier on the review page: the clerk is told (and e-mailed)."""
    dossier = submitted_dossier(world.org)
    with capture(execute=True):
        response = client_for(world.city_official).post(
            reverse("evaluations:dossier-review", args=[dossier.pk]),
            {"decision": "return", "comment": "请补充专利证书"},
        )
    dossier.refresh_from_db()
    return response, dossier


def test_the_page_does_not_talk_to_the_mail_server_it_enqueues_a_task(
    world, client_for, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DEAD
    _with_address(world.clerk, "clerk@example.com")
    enqueued = []
    monkeypatch.setattr(
        Task, "apply_async", lambda task, args=None, kwargs=None, **options: enqueued.append((task.name, args, kwargs))
    )

    response, dossier = _return_on_the_page(world, client_for, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and dossier.status == DossierStatus.RETURNED
    assert DeadMailServer.attempts == 0
    notification = Notification.objects.get(recipient=world.clerk, kind="dossier_returned")
    assert enqueued == [(notifications_email_task.name, ([notification.pk],), {})]


def test_a_dead_mail_server_is_retried_by_the_task_and_the_page_still_succeeds(
    world, client_for, settings, eager_retries, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DEAD
    _with_address(world.clerk, "clerk@example.com")

    response, dossier = _return_on_the_page(world, client_for, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and dossier.status == DossierStatus.RETURNED
    assert DeadMailServer.attempts == notifications_email_task.max_retries + 1
    assert Notification.objects.get(recipient=world.clerk).emailed_at is None


def test_the_task_sends_the_mail_in_each_recipients_language_and_marks_it(
    world, client_for, eager_celery, django_capture_on_commit_callbacks
):
    _with_address(world.clerk, "clerk@example.com", "en")

    response, dossier = _return_on_the_page(world, client_for, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["clerk@example.com"]]
    assert mail.outbox[0].subject == f"Dossier returned for revision: {dossier.talent.name}"
    assert "请补充专利证书" in mail.outbox[0].body
    assert Notification.objects.get(recipient=world.clerk).emailed_at is not None


def test_a_retry_sends_only_what_was_not_sent(world, settings, eager_retries, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FLAKY
    _with_address(world.clerk, "clerk@example.com")
    _with_address(world.clerk_other_org, "other@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.clerk, world.clerk_other_org], kind="dossier_passed", params={"talent": "张三"})
    assert FlakyMailServer.failed
    assert sorted(m.to[0] for m in mail.outbox) == ["clerk@example.com", "other@example.com"]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_nothing_is_enqueued_for_recipients_without_an_address(world, monkeypatch, django_capture_on_commit_callbacks):
    enqueued = []
    monkeypatch.setattr(Task, "apply_async", lambda task, *args, **kwargs: enqueued.append(task.name))
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.clerk], kind="dossier_passed", params={})
    assert Notification.objects.filter(recipient=world.clerk).exists()
    assert enqueued == []


def test_the_task_retries_on_mail_server_errors_with_backoff():
    assert OSError in notifications_email_task.autoretry_for
    assert notifications_email_task.retry_backoff and notifications_email_task.max_retries >= 3
