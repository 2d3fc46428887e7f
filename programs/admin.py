"""Programs in the Django admin: scoped like the portal for staff who are not superusers.

Plans, key tasks, key industries and platforms are reference data: superusers edit them, every
edit is audited. Targets, activities, enrolments and questions carry rules (the target split,
capacity, completion, publication) that only ``programs.services`` enforce, so the admin shows them
read-only; they are written through the portal pages and the API.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.admin import (
    AuditedAdminMixin,
    AuditedCatalogueAdmin,
    ReadOnlyAdminMixin,
    ScopedAdminMixin,
    SuperuserReadOnlyAdminMixin,
    SuperuserWritesMixin,
)
from programs.models import (
    Activity,
    Enrolment,
    KeyIndustry,
    KeyTask,
    Plan,
    Platform,
    ProgressFigure,
    ProgressRefresh,
    Question,
    QuestionGroup,
    RegionalTarget,
)

WORKFLOW_READ_ONLY_NOTICE = _(
    "Read-only in the admin: targets, activities, enrolments and questions are written through the portal "
    "pages and the API, which enforce the target split, capacity and publication rules and write the audit log."
)


class ProgramRecordAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    show_full_result_count = False
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": WORKFLOW_READ_ONLY_NOTICE, **(extra_context or {})})


@admin.register(Plan)
class PlanAdmin(AuditedCatalogueAdmin):
    list_display = ("code", "title", "issuing_departments", "issued_on", "period_start", "period_end")
    search_fields = ("code", "title", "title_en", "policy_title")
    ordering = ("code",)
    fieldsets = (
        (None, {"fields": ("code", "title", "title_en")}),
        (
            _("Policy"),
            {
                "fields": (
                    "policy_title",
                    "policy_title_en",
                    "issuing_departments",
                    "issuing_departments_en",
                    "issued_on",
                    "source_file",
                )
            },
        ),
        (_("Period"), {"fields": ("period_start", "period_end")}),
        (None, {"fields": ("summary", "summary_en")}),
    )


@admin.register(KeyTask)
class KeyTaskAdmin(AuditedCatalogueAdmin):
    list_display = ("plan", "number", "title", "title_en")
    list_display_links = ("title",)
    list_filter = ("plan",)
    search_fields = ("title", "title_en")
    list_select_related = ("plan",)
    ordering = ("plan__code", "number")
    fields = ("plan", "number", "title", "title_en", "description", "description_en")


@admin.register(KeyIndustry)
class KeyIndustryAdmin(AuditedCatalogueAdmin):
    list_display = ("name", "name_en", "plan", "occupation_count")
    list_filter = ("plan",)
    search_fields = ("name", "name_en")
    list_select_related = ("plan",)
    filter_horizontal = ("occupations",)
    ordering = ("plan__code", "id")
    fields = ("plan", "name", "name_en", "occupations")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(occupations_counted=Count("occupations"))

    @admin.display(description=_("occupations"), ordering="occupations_counted")
    def occupation_count(self, industry: KeyIndustry) -> int:
        return industry.occupations_counted


@admin.register(RegionalTarget)
class RegionalTargetAdmin(ProgramRecordAdmin):
    scope_selector = "programs.selectors.targets.target_list"
    list_display = ("plan", "metric", "region", "target", "note", "set_by", "updated_at")
    list_filter = ("plan", "metric", "region__level")
    search_fields = ("region__name", "region__code")
    list_select_related = ("plan", "region", "set_by")
    ordering = ("plan__code", "metric", "region__code")
    fields = ("plan", "metric", "region", "target", "note", "set_by", "created_at", "updated_at")
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(ProgramRecordAdmin):
    scope_selector = "programs.selectors.activities.activity_list"
    list_display = (
        "title",
        "plan",
        "kind",
        "organiser",
        "region",
        "starts_on",
        "ends_on",
        "enrolled_count",
        "capacity",
        "status",
    )
    list_filter = ("plan", "kind", "status", "region__level")
    search_fields = ("title", "title_en", "organiser__name")
    list_select_related = ("plan", "organiser", "region")
    date_hierarchy = "starts_on"
    ordering = ("-starts_on", "-id")
    fields = (
        "plan",
        "key_task",
        "kind",
        "title",
        "title_en",
        "description",
        "organiser",
        "region",
        "starts_on",
        "ends_on",
        "capacity",
        "enrolled_count",
        "status",
        "created_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields


@admin.register(Enrolment)
class EnrolmentAdmin(ProgramRecordAdmin):
    scope_selector = "programs.selectors.enrolments.enrolment_list"
    list_display = ("talent", "activity", "enrolled_at", "completed", "completed_on")
    list_filter = ("completed", "activity__plan")
    search_fields = ("talent__name", "activity__title")
    list_select_related = ("talent", "activity")
    ordering = ("-id",)
    fields = ("activity", "talent", "enrolled_at", "enrolled_by", "completed", "completed_on")
    readonly_fields = fields


@admin.register(QuestionGroup)
class QuestionGroupAdmin(ProgramRecordAdmin):
    scope_selector = "programs.selectors.questions.question_group_list_for"
    list_display = ("label", "activity", "created_at")
    search_fields = ("label",)
    list_select_related = ("activity",)
    ordering = ("activity", "label")
    fields = ("activity", "label", "created_by", "created_at")
    readonly_fields = fields


@admin.register(Question)
class QuestionAdmin(ProgramRecordAdmin):
    scope_selector = "programs.selectors.questions.question_list"
    list_display = ("short_text", "activity", "organisation", "phase", "answered", "group", "published", "asked_at")
    list_filter = ("phase", "published")
    search_fields = ("text", "answer")
    list_select_related = ("activity", "organisation", "group")
    ordering = ("-asked_at", "-id")
    fields = (
        "activity",
        "organisation",
        "asked_by",
        "talent",
        "phase",
        "text",
        "asked_at",
        "answer",
        "answered_by",
        "answered_at",
        "group",
        "published",
    )
    readonly_fields = fields

    @admin.display(description=_("question"))
    def short_text(self, question: Question) -> str:
        return question.text[:60]

    @admin.display(description=_("answered"), boolean=True)
    def answered(self, question: Question) -> bool:
        return question.is_answered


@admin.register(Platform)
class PlatformAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "programs.selectors.platforms.platform_list"
    list_display = ("name", "kind", "level", "host", "leader", "region", "established_on")
    list_filter = ("kind", "level", "region__level")
    search_fields = ("name", "host__name", "leader__name")
    list_select_related = ("host", "leader", "region")
    raw_id_fields = ("host", "leader")
    ordering = ("kind", "name")
    fields = ("kind", "level", "name", "host", "leader", "region", "established_on")


# The dashboard's maintained aggregates: recomputed by programs.services.progress, never edited.
@admin.register(ProgressFigure)
class ProgressFigureAdmin(SuperuserReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "region", "measure", "skill_level", "value")
    list_filter = ("plan", "measure")
    search_fields = ("region__code", "region__name")
    list_select_related = ("plan", "region", "skill_level")
    ordering = ("plan", "region__code", "measure")


@admin.register(ProgressRefresh)
class ProgressRefreshAdmin(SuperuserReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "refreshed_at", "duration_ms")
    list_select_related = ("plan",)
