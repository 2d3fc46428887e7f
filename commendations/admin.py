"""Admin: campaigns, quotas and nominations. Superusers correct them (audited); other staff see
the rows of their scope read-only. Opening campaigns, splitting quotas and moving nominations
through their workflow are the portal's job."""

from django.contrib import admin

from accounts.admin import AuditedAdminMixin, ScopedAdminMixin, SuperuserWritesMixin
from commendations.models import Campaign, CampaignQuota, Nomination, OrganisationAward


@admin.register(Campaign)
class CampaignAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "commendations.selectors.campaign_list"
    list_display = ("award", "year", "region", "nominee_kind", "opens_on", "closes_on", "status")
    list_filter = ("status", "nominee_kind", "year")
    search_fields = ("award__name",)
    list_select_related = ("award", "region")
    raw_id_fields = ("created_by", "criteria_rule_set")


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


@admin.register(OrganisationAward)
class OrganisationAwardAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    """Organisations' awards are recorded by conferral (commendations.services.conferral)."""

    scope_selector = "commendations.selectors.honours.organisation_award_list"
    list_display = ("organisation", "award", "campaign", "conferred_on", "conferring_body")
    list_select_related = ("organisation", "award", "campaign__award")
    raw_id_fields = ("organisation", "campaign", "nomination")
