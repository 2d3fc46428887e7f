"""Admin for notifications: read-only (written by notifications.services.notify)."""

from django.contrib import admin

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "notifications.selectors.admin_notification_list"
    list_display = ("recipient", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username", "kind")
    date_hierarchy = "created_at"
