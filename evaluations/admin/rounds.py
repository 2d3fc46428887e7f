"""Admin: committees, their members, rounds and their methods (docs/evaluations.md).

Superusers edit them (audited); other staff see the rows of their scope read-only. Creating a round
with its rules (R7 pass marks, R8, the window) is the portal's job: the admin is for corrections.
"""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from evaluations.models import Committee, CommitteeMember, Round, RoundMethod
from evaluations.selectors.rounds import committee_list, round_list


def committee_members_scoped(*, actor):
    return CommitteeMember.objects.filter(committee__in=committee_list(actor=actor).values("pk")).select_related(
        "committee", "expert"
    )


def round_methods_scoped(*, actor):
    return RoundMethod.objects.filter(round__in=round_list(actor=actor).values("pk")).select_related("round")


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


class RoundMethodInline(CommitteeMemberInline):
    model = RoundMethod
    raw_id_fields = ()


@admin.register(Committee)
class CommitteeAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "evaluations.selectors.rounds.committee_list"
    list_display = ("name", "region", "quorum_numerator", "quorum_denominator", "pass_numerator", "pass_denominator")
    list_filter = ("region",)
    search_fields = ("name",)
    list_select_related = ("region",)
    raw_id_fields = ("created_by",)
    inlines = [CommitteeMemberInline]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "evaluations.admin.rounds.committee_members_scoped"
    list_display = ("committee", "expert", "is_chair")
    list_filter = ("is_chair",)
    search_fields = ("committee__name", "expert__username", "expert__last_name")
    raw_id_fields = ("committee", "expert")


@admin.register(Round)
class RoundAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "evaluations.selectors.rounds.round_list"
    list_display = ("title", "kind", "target_level", "region", "organiser_kind", "opens_on", "closes_on", "committee")
    list_filter = ("kind", "organiser_kind", "separate_group_for_high_skilled")
    search_fields = ("title",)
    date_hierarchy = "opens_on"
    raw_id_fields = ("title_series", "occupation", "region", "organiser", "committee", "rule_set", "created_by")
    inlines = [RoundMethodInline]


@admin.register(RoundMethod)
class RoundMethodAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "evaluations.admin.rounds.round_methods_scoped"
    list_display = ("round", "method", "pass_mark")
    list_filter = ("method",)
    search_fields = ("round__title",)
    raw_id_fields = ("round",)
