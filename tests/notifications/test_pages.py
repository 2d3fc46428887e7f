"""The notification list, opening one, marking all read, and the navbar's unread badge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def make(user, n=1, **kwargs):
    return [
        Notification.objects.create(
            recipient=user, kind="dossier_returned", params={"talent": f"张{i}", "comment": "补充材料"}, **kwargs
        )
        for i in range(n)
    ]


def test_list_shows_own_newest_first_with_the_badge(client, world):
    older, newer = make(world.clerk, 2)
    make(world.clerk_other_org)
    client.force_login(world.clerk)
    response = client.get(reverse("notifications:list"))
    assert [n.pk for n in response.context["notifications"]] == [newer.pk, older.pk]
    body = response.content.decode()
    assert "补充材料" in body
    assert 'id="unread-count">2<' in body


def test_list_query_count_is_constant(client, world, django_assert_num_queries):
    notifications = make(world.clerk)
    client.force_login(world.clerk)
    url = reverse("notifications:list")
    client.get(url)  # the session and caches warm
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    notifications += make(world.clerk, 10)
    with django_assert_num_queries(len(one)):
        body = client.get(url).content.decode()
    for notification in notifications:  # every notification is on the page
        assert f'href="{reverse("notifications:open", args=[notification.pk])}"' in body


def test_opening_marks_read_and_follows_the_link(client, world):
    (notification,) = make(world.clerk, url="/evaluations/dossiers/7/")
    client.force_login(world.clerk)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/evaluations/dossiers/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_external_link_is_not_followed(client, world):
    (notification,) = make(world.clerk, url="https://evil.example.com/")
    client.force_login(world.clerk)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("notifications:list")


def test_another_users_notification_is_404_and_stays_unread(client, world):
    (notification,) = make(world.clerk_other_org)
    client.force_login(world.clerk)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_own(client, world):
    make(world.clerk, 3)
    (other,) = make(world.clerk_other_org)
    client.force_login(world.clerk)
    response = client.post(reverse("notifications:mark-all-read"), follow=True)
    assert response.status_code == 200
    assert not Notification.objects.filter(recipient=world.clerk, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    assert 'id="unread-count"' not in response.content.decode()
