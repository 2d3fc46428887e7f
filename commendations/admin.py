"""Admin: campaigns, quotas and nominations. Superusers correct them (audited); other staff see
the rows of their scope read-only. Opening campaigns, splitting quotas and moving nominations
through their workflow are the portal's job."""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from commendations.models import (
    Campaign,
    CampaignQuota,
    Nomination,
    NominationAttachment,
    NominationScore,
    NominationVote,
    OrganisationAward,
)
from commendations.selectors.nominations import nominations_visible_to


@admin.register(Campaign)
class CampaignAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.campaign_list"
    list_display = ("award", "year", "region", "nominee_kind", "opens_on", "closes_on", "status")
    list_filter = ("status", "nominee_kind", "year")
    search_fields = ("award__name",)
    list_select_related = ("award", "region")
    raw_id_fields = ("created_by", "criteria_rule_set", "committee")


@admin.register(CampaignQuota)
class CampaignQuotaAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.quota_list"
    list_display = ("campaign", "region", "quota")
    list_select_related = ("campaign__award", "region")
    raw_id_fields = ("campaign", "set_by")


@admin.register(Nomination)
class NominationAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.nomination_list"
    list_display = ("campaign", "talent", "nominee_organisation", "organisation", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("campaign__award", "talent", "nominee_organisation", "organisation")
    raw_id_fields = ("campaign", "talent", "nominee_organisation", "organisation", "nominated_by")


@admin.register(NominationScore)
class NominationScoreAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.review.review_scores_scoped"
    list_display = ("nomination", "expert", "value", "entered_at")
    list_select_related = (
        "nomination__campaign__award",
        "nomination__talent",
        "nomination__nominee_organisation",
        "expert",
    )
    raw_id_fields = ("nomination", "expert")


@admin.register(NominationVote)
class NominationVoteAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.review.review_votes_scoped"
    list_display = ("nomination", "expert", "choice", "cast_at")
    list_filter = ("choice",)
    list_select_related = (
        "nomination__campaign__award",
        "nomination__talent",
        "nomination__nominee_organisation",
        "expert",
    )
    raw_id_fields = ("nomination", "expert")


def nomination_attachments_scoped(*, actor):
    return NominationAttachment.objects.filter(
        nomination__in=nominations_visible_to(actor).values("pk")
    ).select_related(
        "nomination__campaign__award", "nomination__talent", "nomination__nominee_organisation", "uploaded_by"
    )


@admin.register(NominationAttachment)
class NominationAttachmentAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.admin.nomination_attachments_scoped"
    list_display = ("original_name", "nomination", "content_type", "size", "uploaded_at", "removed_at")
    list_filter = ("content_type",)
    search_fields = ("original_name", "sha256")
    exclude = ("file", "storage_key")  # the file is served only by the scoped download view
    raw_id_fields = ("nomination", "uploaded_by")


@admin.register(OrganisationAward)
class OrganisationAwardAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    """Organisations' awards are recorded by conferral (commendations.services.conferral)."""

    scope_selector = "commendations.selectors.honours.organisation_award_list"
    list_display = ("organisation", "award", "campaign", "conferred_on", "conferring_body")
    list_select_related = ("organisation", "award", "campaign__award")
    raw_id_fields = ("organisation", "campaign", "nomination")
