"""Admin: dossiers, evidence, attachments and frozen revisions — read-only for everyone.

They are workflow records: only ``evaluations.services`` (through the dossier workflow) write them
(editability, the window, eligibility, revisions, the audit log). Staff who are not superusers see
the rows of their scope (``evaluations.selectors.scope``).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from evaluations.models import Attachment, Dossier, DossierRevision, EvidenceItem
from evaluations.selectors.scope import dossiers_visible_to

READ_ONLY_NOTICE = _(
    "Read-only in the admin: dossiers are written through the portal pages and the API, which enforce the "
    "window, eligibility and the workflow and write the audit log."
)


def dossiers_scoped(*, actor):
    return dossiers_visible_to(actor).select_related("round", "talent", "organisation")


def evidence_scoped(*, actor):
    return EvidenceItem.objects.filter(dossier__in=dossiers_visible_to(actor).values("pk")).select_related(
        "dossier__talent", "dossier__round"
    )


def attachments_scoped(*, actor):
    return Attachment.objects.filter(dossier__in=dossiers_visible_to(actor).values("pk")).select_related(
        "dossier__talent", "dossier__round", "uploaded_by"
    )


def revisions_scoped(*, actor):
    return DossierRevision.objects.filter(dossier__in=dossiers_visible_to(actor).values("pk")).select_related(
        "dossier__talent", "dossier__round", "submitted_by"
    )


class WorkflowRecordAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    show_full_result_count = False
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": READ_ONLY_NOTICE, **(extra_context or {})})


@admin.register(Dossier)
class DossierAdmin(WorkflowRecordAdmin):
    scope_selector = "evaluations.admin.dossiers.dossiers_scoped"
    list_display = ("talent", "round", "organisation", "track", "target_level", "status", "eligibility_outcome")
    list_filter = ("status", "track", "eligibility_outcome", "high_skilled_group")
    search_fields = ("talent__name", "round__title", "organisation__name")
    list_select_related = ("talent", "round", "organisation")
    exclude = ("talent",)  # the talent's full ID number is never shown here
    readonly_fields = (
        "talent_name",
        "round",
        "organisation",
        "track",
        "target_level",
        "status",
        "high_skilled_group",
        "eligibility_check",
        "eligibility_outcome",
        "current_revision",
        "exempt_methods",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_at",
    )

    @admin.display(description=_("talent"))
    def talent_name(self, dossier):
        return f"{dossier.talent.name} ({dossier.talent.masked_id_number})"


@admin.register(EvidenceItem)
class EvidenceItemAdmin(WorkflowRecordAdmin):
    scope_selector = "evaluations.admin.dossiers.evidence_scoped"
    list_display = ("dossier", "kind", "date", "position")
    list_filter = ("kind",)
    search_fields = ("description", "dossier__talent__name")


@admin.register(Attachment)
class AttachmentAdmin(WorkflowRecordAdmin):
    scope_selector = "evaluations.admin.dossiers.attachments_scoped"
    list_display = ("original_name", "dossier", "content_type", "size", "uploaded_at", "removed_at")
    list_filter = ("content_type",)
    search_fields = ("original_name", "sha256", "dossier__talent__name")
    exclude = ("file", "storage_key")  # the file is served only by the scoped download view


@admin.register(DossierRevision)
class DossierRevisionAdmin(WorkflowRecordAdmin):
    scope_selector = "evaluations.admin.dossiers.revisions_scoped"
    list_display = ("dossier", "number", "submitted_by", "submitted_at")
    search_fields = ("dossier__talent__name",)
