"""Permission-matrix rows for notifications: each user opens only their own (another's is 404).

Subjects: a notification of the world's clerk ("own") and one of the other organisation's clerk
(every foreign key): only the clerk opens the own one; everyone else gets 404.
"""

from dataclasses import dataclass

from tests.permissions import LOGIN, SIGNED_IN_PAGE, Row, answers


@dataclass
class NotificationSubjects:
    notifications: dict


def notification_subjects(world) -> NotificationSubjects:
    from notifications.models import Notification

    own = Notification.objects.create(recipient=world.clerk, kind="dossier_returned", params={"talent": "张三"})
    other = Notification.objects.create(recipient=world.clerk_other_org, kind="dossier_returned", params={})
    return NotificationSubjects(
        notifications={"own": own, "other_org": other, "other_city": other, "other_province": other}
    )


def pk_of(subjects, which):
    return {"pk": subjects.notifications[which].pk}


NOT_YOURS = answers(LOGIN, 404, 404, 404, 404, 404, 404)

ROWS = {
    "notifications:list": Row("get", SIGNED_IN_PAGE),
    "notifications:open": Row(
        "get", answers(LOGIN, 302, 404, 404, 404, 404, 404), NOT_YOURS, pk_of, subjects=notification_subjects
    ),
    "notifications:mark-all-read": Row("post", answers(LOGIN, 302, 302, 302, 302, 302, 302)),
}


def _notification():
    from accounts.models import User
    from notifications.models import Notification

    return Notification.objects.create(recipient=User.objects.get(username="admin"), kind="dossier_passed")


def _admin_makers():
    from notifications.models import Notification

    return {Notification: _notification}


ADMIN_MAKERS = _admin_makers()
