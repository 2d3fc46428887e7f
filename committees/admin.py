"""Admin: committees and their members (docs/committees.md). Superusers edit them (audited); other
staff see the rows of their scope read-only."""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from committees.models import Committee, CommitteeMember


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ()
    raw_id_fields = ("expert",)

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Committee)
class CommitteeAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "committees.selectors.committee_list"
    list_display = ("name", "region", "quorum_numerator", "quorum_denominator", "pass_numerator", "pass_denominator")
    list_filter = ("region",)
    search_fields = ("name",)
    list_select_related = ("region",)
    raw_id_fields = ("created_by",)
    inlines = [CommitteeMemberInline]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "committees.selectors.committee_members_scoped"
    list_display = ("committee", "expert", "is_chair")
    list_filter = ("is_chair",)
    search_fields = ("committee__name", "expert__username", "expert__last_name")
    raw_id_fields = ("committee", "expert")
