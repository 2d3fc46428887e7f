"""Reads of public notices. Notices and their entries are public; objections are for the officials of
the notice's province (and the ministry) only — out of scope is 404 (docs/conventions.md §3)."""

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.todo import TodoFigure, todo_figures
from notices.filters import NoticeFilter, ObjectionFilter, due_to_close
from notices.models import NoticeEntry, NoticeStatus, Objection, ObjectionStatus, PublicNotice
from notices.rules import handles_notices, notice_region_scope

if TYPE_CHECKING:
    from accounts.models import User

# How long a closed notice stays on the public list (its page stays reachable by link).
RECENTLY_CLOSED_DAYS = 30


def public_notice_list(*, today: datetime.date | None = None) -> QuerySet[PublicNotice]:
    """Open notices and those closed in the last weeks, newest first, with their entry counts."""
    today = today or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    return (
        PublicNotice.objects.filter(Q(status=NoticeStatus.OPEN) | Q(status=NoticeStatus.CLOSED, closed_at__gte=since))
        .select_related("region")
        .annotate(entry_count=Count("entries"))
        .order_by("-opens_on", "-pk")
    )


def public_notice_list_filtered(*, filters: Mapping) -> QuerySet[PublicNotice]:
    """The public list's page: cleaned values of ``notices.filters.NoticeFilter`` (``?due=true``: the open
    notices whose period is over, which the officials' to-do list links to)."""
    return NoticeFilter.apply(public_notice_list(), filters)


def notice_todo(*, actor: "User", today: datetime.date | None = None) -> dict[str, TodoFigure]:
    """The dashboard's notice to-dos of the officials who handle notices, two queries: objections still
    to resolve (waiting since filed) and open notices whose period is over (due since their last day)."""
    if not handles_notices(actor):
        return {}
    today = today or timezone.localdate()
    return {
        **todo_figures(
            objection_list(actor=actor), {"objections_to_resolve": (Q(status=ObjectionStatus.FILED), "filed_at")}
        ),
        **todo_figures(
            PublicNotice.objects.filter(notice_region_scope(actor)),
            {"notices_due": (due_to_close(today), "closes_on")},
        ),
    }


def public_notice_get(*, pk: int) -> PublicNotice:
    notice = (
        PublicNotice.objects.select_related("region")
        .annotate(entry_count=Count("entries"))  # the detail answer carries it like the list's rows
        .prefetch_related(Prefetch("entries", queryset=NoticeEntry.objects.order_by("position", "pk")))
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    return notice


def public_entry_get(*, pk: int) -> NoticeEntry:
    entry = NoticeEntry.objects.select_related("notice").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def objection_list(*, actor: "User") -> QuerySet[Objection]:
    return (
        Objection.objects.filter(notice_region_scope(actor, "entry__notice__region"))
        .select_related("entry__notice__region", "resolved_by__organisation", "resolved_by__region")
        .order_by("-filed_at", "-pk")
    )


def objection_list_filtered(*, actor: "User", filters: Mapping) -> QuerySet[Objection]:
    """The objection list page's and its export's rows: cleaned values of ``notices.filters.ObjectionFilter``."""
    return ObjectionFilter.apply(objection_list(actor=actor), filters)


def objection_get(*, actor: "User", pk: int) -> Objection:
    objection = objection_list(actor=actor).filter(pk=pk).first()
    if objection is None:
        raise Http404
    return objection


def official_notice_get(*, actor: "User", pk: int) -> PublicNotice:
    notice = PublicNotice.objects.filter(notice_region_scope(actor)).select_related("region").filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def unresolved_objection_counts(*, notice: PublicNotice) -> dict[int, int]:
    """entry id → number of objections still waiting (for the officials' view of a notice)."""
    rows = (
        Objection.objects.filter(entry__notice=notice, status=ObjectionStatus.FILED)
        .values("entry_id")
        .annotate(n=Count("pk"))
    )
    return {row["entry_id"]: row["n"] for row in rows}


# The admin's scoped querysets (accounts.admin.ScopedAdminMixin): what the officials' pages show.


def admin_notice_list(*, actor: "User") -> QuerySet[PublicNotice]:
    return PublicNotice.objects.filter(notice_region_scope(actor)).select_related("region", "published_by")


def admin_entry_list(*, actor: "User") -> QuerySet[NoticeEntry]:
    return NoticeEntry.objects.filter(notice_region_scope(actor, "notice__region")).select_related(
        "notice", "subject_type"
    )


def admin_objection_list(*, actor: "User") -> QuerySet[Objection]:
    return objection_list(actor=actor)
