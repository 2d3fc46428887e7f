"""Catalogues are editable in the admin by superusers (docs/catalogues.md); every edit is audited."""

from django.contrib import admin

from accounts.admin import AuditedCatalogueAdmin
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries


class RankedEntryAdmin(AuditedCatalogueAdmin):
    list_display = ("rank", "code", "name", "name_en", "is_active")
    list_display_links = ("code",)
    list_filter = ("is_active",)
    search_fields = ("code", "name", "name_en")
    ordering = ("rank",)
    fields = ("code", "name", "name_en", "rank", "is_active")


@admin.register(SkillLevel)
class SkillLevelAdmin(RankedEntryAdmin):
    pass


@admin.register(TitleLevel)
class TitleLevelAdmin(RankedEntryAdmin):
    pass


@admin.register(TitleSeries)
class TitleSeriesAdmin(AuditedCatalogueAdmin):
    list_display = ("code", "name", "name_en", "is_digital", "is_active")
    list_filter = ("is_digital", "is_active")
    search_fields = ("code", "name", "name_en")
    ordering = ("code",)
    fields = ("code", "name", "name_en", "is_digital", "is_active")


@admin.register(Occupation)
class OccupationAdmin(AuditedCatalogueAdmin):
    list_display = ("code", "name", "name_en", "is_digital", "title_series", "is_active")
    list_filter = ("is_digital", "is_active", "title_series")
    search_fields = ("code", "name", "name_en")
    list_select_related = ("title_series",)
    ordering = ("code",)
    fields = ("code", "name", "name_en", "is_digital", "title_series", "is_active")


@admin.register(Award)
class AwardAdmin(AuditedCatalogueAdmin):
    list_display = ("code", "name", "name_en", "level", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("code", "name", "name_en")
    ordering = ("level", "code")
    fields = ("code", "name", "name_en", "level", "is_active")
