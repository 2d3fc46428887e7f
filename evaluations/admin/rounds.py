"""Admin: rounds and their methods (docs/evaluations.md); committees are in ``committees.admin``.

Superusers edit them (audited); other staff see the rows of their scope read-only. Creating a round
with its rules (R7 pass marks, R8, the window) is the portal's job: the admin is for corrections.
"""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from evaluations.models import Round, RoundMethod
from evaluations.selectors.rounds import round_list


def round_methods_scoped(*, actor):
    return RoundMethod.objects.filter(round__in=round_list(actor=actor).values("pk")).select_related("round")


class RoundMethodInline(admin.TabularInline):
    model = RoundMethod
    extra = 0

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


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
