"""Rule sets in the admin: drafts are edited, published, and copied into new versions through
``eligibility.services.rule_sets``; published versions are read-only. Checks, overrides and batch
runs are records of decisions: read-only and scoped (docs/roles.md, docs/rules.md,
docs/rules.md#batch-checks); runs are started and
cancelled on the portal's pages and API. Chunks and per-talent results are task bookkeeping, for
administrators only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin, SuperuserReadOnlyAdminMixin
from accounts.errors import ApplicationError
from eligibility.models import (
    EligibilityCheck,
    EligibilityOverride,
    EligibilityRun,
    EligibilityRunChunk,
    RuleSet,
    RuleSetStatus,
)
from eligibility.services.rule_sets import (
    EDITABLE_FIELDS,
    rule_set_new_version,
    rule_set_publish,
    rule_set_update_draft,
)

RULE_SET_FIELDS = (
    "code",
    "version",
    "title",
    "status",
    "notes",
    "r1_frontline_min_years",
    "r2_min_years_at_level",
    "r4_min_working_years_assistant",
    "r4_min_working_years_intermediate",
    "r4_min_working_years_deputy_senior",
    "r5_min_years_at_level",
    "r7_pass_mark",
    "r10_min_competition_level",
    "batch_chunk_size",
    "derived_from",
    "created_at",
    "created_by",
    "published_at",
    "published_by",
)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "title", "status", "published_at")
    list_filter = ("status", "code")
    search_fields = ("code", "title")
    fields = RULE_SET_FIELDS
    actions = ("publish_drafts", "new_versions")

    def has_add_permission(self, request):
        return False  # a new version is a copy: the "new version" action

    def has_delete_permission(self, request, obj=None):
        return False  # checks and runs refer to every version

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.status != RuleSetStatus.DRAFT or not request.user.is_superuser:
            return RULE_SET_FIELDS
        return tuple(field for field in RULE_SET_FIELDS if field not in EDITABLE_FIELDS)

    def save_model(self, request, obj, form, change):
        changes = {field: form.cleaned_data[field] for field in form.changed_data if field in EDITABLE_FIELDS}
        try:
            rule_set_update_draft(actor=request.user, rule_set=obj, changes=changes, request=request)
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)

    @admin.action(description=_("Publish the selected drafts"))
    def publish_drafts(self, request, queryset):
        published = 0
        for rule_set in queryset.order_by("code", "version"):
            try:
                rule_set_publish(actor=request.user, rule_set=rule_set, request=request)
                published += 1
            except ApplicationError as error:
                self.message_user(request, f"{rule_set}: {error.message}", messages.ERROR)
        if published:
            self.message_user(
                request,
                ngettext("%(count)d rule set published.", "%(count)d rule sets published.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Create a new draft version of the selected rule sets"))
    def new_versions(self, request, queryset):
        for code in sorted(set(queryset.values_list("code", flat=True))):
            try:
                draft = rule_set_new_version(actor=request.user, code=code, request=request)
            except ApplicationError as error:
                self.message_user(request, f"{code}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("Draft %(rule_set)s created.") % {"rule_set": draft}, messages.SUCCESS)


@admin.register(EligibilityCheck)
class EligibilityCheckAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "eligibility.selectors.checks.check_list"
    list_display = ("talent", "track", "target_level", "outcome", "rule_set", "as_of", "checked_at", "checked_by")
    list_filter = ("outcome", "track")
    list_select_related = ("talent", "rule_set", "checked_by")
    raw_id_fields = ("talent",)
    show_full_result_count = False
    fields = ("talent", "rule_set", "track", "target_level", "as_of", "outcome", "reasons", "checked_at", "checked_by")
    readonly_fields = fields


@admin.register(EligibilityOverride)
class EligibilityOverrideAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "eligibility.selectors.checks.override_list"
    list_display = ("talent", "track", "target_level", "outcome", "decided_at", "decided_by")
    list_filter = ("outcome", "track")
    list_select_related = ("talent", "decided_by")
    show_full_result_count = False
    fields = ("talent", "track", "target_level", "check_overridden", "outcome", "reason", "decided_at", "decided_by")
    readonly_fields = fields


@admin.register(EligibilityRun)
class EligibilityRunAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    scope_selector = "eligibility.selectors.runs.run_list"
    list_display = ("pk", "scope_key", "status", "rule_set", "as_of", "done", "total", "started_by", "created_at")
    list_filter = ("status", "scope", "nightly")
    search_fields = ("scope_key",)
    fields = (
        "scope",
        "region",
        "scope_key",
        "rule_set",
        "as_of",
        "status",
        "total",
        "done",
        "chunk_count",
        "chunks_done",
        "previous",
        "nightly",
        "started_by",
        "created_at",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields


@admin.register(EligibilityRunChunk)
class EligibilityRunChunkAdmin(SuperuserReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("run", "seq", "first_talent_id", "last_talent_id", "size", "status", "attempts", "heartbeat_at")
    list_filter = ("status",)
    list_select_related = ("run",)
    show_full_result_count = False


# EligibilityRunResult is not in the admin: Django's admin cannot register a model with a composite
# primary key, and (run, talent) is that table's key for insert speed (a million rows a national run).
# Results are read on the run pages (summary by track, outcome and region; changes; xlsx export).
