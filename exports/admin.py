from django.contrib import admin

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from exports.models import Export


@admin.register(Export)
class ExportAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The ledger of exports (who took which list, with which filters, how many rows): staff see their
    own, superusers all. Read-only; the files hold masked numbers only and are not offered here."""

    scope_selector = "exports.selectors.exports_visible_to"
    list_display = ("pk", "list_name", "requested_by", "status", "direct", "rows", "created_at", "finished_at")
    list_filter = ("status", "direct", "list_name")
    search_fields = ("requested_by__username", "list_name")
    exclude = ("file",)
    ordering = ("-created_at", "-pk")
    show_full_result_count = False
    list_per_page = 50
