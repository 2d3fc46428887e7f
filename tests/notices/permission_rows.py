"""Permission-matrix rows for public notices (tests/test_permission_matrix.py discovers this file).

Subjects: a Guangdong notice with an entry and a filed objection ("own" for every role but the
ones looking at another province) and a Jiangsu one ("other_province"). Notices are public; the
objection pages are for the provincial officials of the notice's province and the ministry.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tests.accounts.factories import region
from tests.permissions import LOGIN, PUBLIC, Also, Row, answers, everyone


@dataclass
class NoticeSubjects:
    notices: dict
    objections: dict


def notice_subjects(world) -> NoticeSubjects:
    from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory

    guangdong = PublicNoticeFactory(region=region("440000"))
    jiangsu = PublicNoticeFactory(region=region("320000"))
    notices = {"own": guangdong, "other_org": guangdong, "other_city": guangdong, "other_province": jiangsu}
    objections = {
        "own": ObjectionFactory(entry=NoticeEntryFactory(notice=guangdong)),
        "other_province": ObjectionFactory(entry=NoticeEntryFactory(notice=jiangsu)),
    }
    objections |= {"other_org": objections["own"], "other_city": objections["own"]}
    return NoticeSubjects(notices=notices, objections=objections)


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


# Objection pages: provincial officials of the notice's province, the ministry and administrators.
OBJECTION_PAGE = answers(LOGIN, 403, 403, 200, 200, 403, 200)
OBJECTION_PAGE_FOREIGN = answers(LOGIN, 403, 403, 404, 200, 403, 200)
# Closing an open notice before its last day: refused with a message and a redirect to the notice.
CLOSE = answers(LOGIN, 403, 403, 302, 302, 403, 302)
CLOSE_FOREIGN = answers(LOGIN, 403, 403, 404, 302, 403, 302)
OBJECTION_API = answers(401, 403, 403, 200, 200, 403, 200)
OBJECTION_API_FOREIGN = answers(401, 403, 403, 404, 200, 403, 200)
# An empty resolution: refused (400) once the objection is found.
RESOLVE_API = answers(401, 403, 403, 400, 400, 403, 400)
RESOLVE_API_FOREIGN = answers(401, 403, 403, 404, 400, 403, 400)

ROWS = {
    "notices:notice-list": Row("get", PUBLIC),
    "notices:notice-detail": Row("get", PUBLIC, PUBLIC, pk_of("notices"), subjects=notice_subjects),
    "notices:notice-close": Row("post", CLOSE, CLOSE_FOREIGN, pk_of("notices"), subjects=notice_subjects),
    "notices:objection-list": Row("get", OBJECTION_PAGE),
    # Without a receipt in the session (nothing was just filed): back to the notice list.
    "notices:objection-receipt": Row("get", everyone(302)),
    # An empty form is shown again with its errors (200).
    "notices:objection-resolve": Row(
        "post", OBJECTION_PAGE, OBJECTION_PAGE_FOREIGN, pk_of("objections"), subjects=notice_subjects
    ),
    # The subjects' objections carry no attachment: 404 once found (the download: tests/notices/test_attachments.py).
    "notices:objection-attachment": Row(
        "get",
        answers(LOGIN, 403, 403, 404, 404, 403, 404),
        answers(LOGIN, 403, 403, 404, 404, 403, 404),
        pk_of("objections"),
        subjects=notice_subjects,
    ),
    "api:notice-list": Row("get", everyone(200)),
    "api:notice-detail": Row("get", everyone(200), everyone(200), pk_of("notices"), subjects=notice_subjects),
    "api:objection-list": Row("get", OBJECTION_API),
    "api:objection-detail": Row(
        "get", OBJECTION_API, OBJECTION_API_FOREIGN, pk_of("objections"), subjects=notice_subjects
    ),
    "api:objection-resolve": Row(
        "post", RESOLVE_API, RESOLVE_API_FOREIGN, pk_of("objections"), subjects=notice_subjects
    ),
}


# Anyone may object to a notice, signed in or not: an empty objection is refused (400).
MORE = {
    "api:objection-list": {"post": Also(everyone(400))},
    "notices:notice-detail": {"post": Also(everyone(400), everyone(400))},
    "notices:objection-resolve": {"get": Also(OBJECTION_PAGE, OBJECTION_PAGE_FOREIGN)},
}


def _objection():
    from tests.notices.factories import ObjectionFactory

    return ObjectionFactory()


def _calendar_day():
    from notices.models import CalendarDay

    return CalendarDay.objects.create(
        date=timezone.localdate() + datetime.timedelta(days=30), is_working_day=False, note="假日"
    )


def _admin_makers():
    from notices.models import CalendarDay, NoticeEntry, Objection, PublicNotice

    return {
        PublicNotice: lambda: _objection().entry.notice,
        NoticeEntry: lambda: _objection().entry,
        Objection: _objection,
        CalendarDay: _calendar_day,
    }


ADMIN_MAKERS = _admin_makers()
