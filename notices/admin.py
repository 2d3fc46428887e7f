"""Admin for public notices: notices, entries and objections are read-only (written by the services,
which check roles and audit) and scoped to the officials' region; calendar exceptions are edited by
superusers, every edit audited."""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ReadOnlyAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from notices.models import CalendarDay, NoticeEntry, Objection, PublicNotice


class NoticeEntryInline(admin.TabularInline):
    model = NoticeEntry
    fields = ("position", "masked_name", "organisation_name", "description", "outcome")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublicNotice)
class PublicNoticeAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "notices.selectors.admin_notice_list"
    list_display = ("title", "region", "source", "opens_on", "closes_on", "status")
    list_filter = ("status", "source")
    search_fields = ("title", "region__name", "region__code")
    date_hierarchy = "opens_on"
    inlines = [NoticeEntryInline]


@admin.register(NoticeEntry)
class NoticeEntryAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "notices.selectors.admin_entry_list"
    list_display = ("masked_name", "organisation_name", "description", "notice", "outcome")
    list_filter = ("outcome", "notice__source")
    search_fields = ("masked_name", "organisation_name", "notice__title")


@admin.register(Objection)
class ObjectionAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "notices.selectors.admin_objection_list"
    list_display = ("entry", "name", "filed_at", "status", "resolved_by")
    list_filter = ("status",)
    search_fields = ("name", "entry__masked_name", "entry__notice__title")
    # The stored file is served only by the scoped download (notices:objection-attachment), never as a media URL.
    exclude = ("attachment",)


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
    list_filter = ("is_working_day",)
    search_fields = ("note",)
    date_hierarchy = "date"
