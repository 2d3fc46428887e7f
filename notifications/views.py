"""The signed-in user's notifications: the list, opening one (marks it read, follows its link), and
marking all read."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.pagination import fast_page
from notifications.selectors import notification_get, notification_list, with_text
from notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 30


@require_GET
def notification_list_view(request):
    page = fast_page(notification_list(actor=request.user), request, PAGE_SIZE)
    return render(
        request, "notifications/notification_list.html", {"page": page, "notifications": with_text(page.object_list)}
    )


@require_GET
def notification_open_view(request, pk):
    notification = notification_get(actor=request.user, pk=pk)
    notification_mark_read(actor=request.user, notification=notification)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:list")


@require_POST
def notification_mark_all_read_view(request):
    count = notifications_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
        % {"count": count}
        if count
        else _("No unread notifications."),
    )
    return redirect("notifications:list")
