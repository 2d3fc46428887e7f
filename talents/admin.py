"""The registry in the Django admin: read-only for everyone, scoped, national ID numbers masked.

Talents, credentials and honours are written through the portal pages and the API, which call
``talents.services`` (role checks, validation, audit log); the admin only shows them (docs/roles.md, docs/registry.md).
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from accounts.models import Region, RegionLevel
from accounts.scoping import region_scope
from talents.filters import search_by_name_or_visible_id
from talents.models import Credential, Honour, Talent

REGISTRY_READ_ONLY_NOTICE = _(
    "The registry is read-only in the admin: talents, credentials and honours are written through the "
    "portal pages and the API, which check roles and write the audit log. National ID numbers are shown masked."
)


class EmployerRegionFilter(admin.SimpleListFilter):
    """Employers in a region or, for a province, in its cities; only regions in the actor's scope are offered."""

    title = _("Region")
    parameter_name = "region"
    employer_path = "employer"

    def lookups(self, request, model_admin):
        regions = Region.objects.filter(region_scope(request.user)).exclude(level=RegionLevel.NATIONAL)
        return [(str(region.pk), str(region)) for region in regions.order_by("code")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            region_id = int(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        path = self.employer_path
        return queryset.filter(Q(**{f"{path}__region_id": region_id}) | Q(**{f"{path}__region__parent_id": region_id}))


class TalentEmployerRegionFilter(EmployerRegionFilter):
    employer_path = "talent__employer"


class RegistryAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, scoped, and sized for millions of rows (no full count, raw id widgets)."""

    show_full_result_count = False
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return flatten_fieldsets(self.get_fieldsets(request, obj))

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": REGISTRY_READ_ONLY_NOTICE, **(extra_context or {})})


class CredentialInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Credential
    fields = ("kind", "skill_level", "title_level", "occupation", "title_series", "speciality", "obtained_on")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skill_level", "title_level", "occupation", "title_series")


class HonourInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Honour
    fields = ("award", "conferred_on", "conferring_body", "source")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award")


@admin.register(Talent)
class TalentAdmin(RegistryAdmin):
    scope_selector = "talents.selectors.talent_list"
    list_display = (
        "name",
        "masked_id_number",
        "gender",
        "employer",
        "employer_region",
        "occupation",
        "frontline",
        "years_of_work",
        "education",
    )
    list_filter = (EmployerRegionFilter, "frontline", "gender", "education", "occupation__is_digital", "employer__kind")
    search_fields = ("name",)
    search_help_text = _("Search name or ID (first 6 / last 4)")
    list_select_related = ("employer__region", "occupation")
    raw_id_fields = ("employer", "occupation")
    ordering = ("-id",)
    inlines = (CredentialInline, HonourInline)
    # The full number is never a field here: the change page shows the masked value only.
    fieldsets = (
        (
            None,
            {
                "fields": ("name", "masked_id_number", "birth_date", "gender"),
                "description": REGISTRY_READ_ONLY_NOTICE,
            },
        ),
        (None, {"fields": ("employer", "occupation", "frontline", "years_of_work", "education")}),
        (None, {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("national ID number"))
    def masked_id_number(self, talent: Talent) -> str:
        return talent.masked_id_number

    @admin.display(description=_("Region"), ordering="employer__region__code")
    def employer_region(self, talent: Talent):
        return talent.employer.region

    def get_search_results(self, request, queryset, search_term):
        # As in the portal: name, or only the visible parts of an ID number (first six, last four).
        return search_by_name_or_visible_id(queryset, "q", search_term), False


@admin.register(Credential)
class CredentialAdmin(RegistryAdmin):
    scope_selector = "talents.selectors.credential_list"
    list_display = (
        "talent",
        "kind",
        "level",
        "occupation",
        "title_series",
        "speciality",
        "obtained_on",
        "certificate_number",
        "issuer",
    )
    list_filter = (TalentEmployerRegionFilter, "kind", "skill_level", "title_level", "title_series")
    search_fields = ("=certificate_number", "talent__name", "issuer")
    list_select_related = ("talent", "skill_level", "title_level", "occupation", "title_series")
    raw_id_fields = ("talent", "occupation")
    ordering = ("-id",)
    fieldsets = (
        (None, {"fields": ("talent", "kind", "skill_level", "title_level"), "description": REGISTRY_READ_ONLY_NOTICE}),
        (None, {"fields": ("occupation", "title_series", "speciality")}),
        (None, {"fields": ("obtained_on", "certificate_number", "issuer", "created_at")}),
    )

    @admin.display(description=_("level"))
    def level(self, credential: Credential) -> str:
        return credential.level_display


@admin.register(Honour)
class HonourAdmin(RegistryAdmin):
    scope_selector = "talents.selectors.honour_list"
    list_display = ("talent", "award", "conferred_on", "conferring_body", "source")
    list_filter = (TalentEmployerRegionFilter, "award__level", "award", "source")
    search_fields = ("talent__name", "conferring_body")
    list_select_related = ("talent", "award")
    raw_id_fields = ("talent", "entered_by")
    ordering = ("-id",)
    fieldsets = (
        (
            None,
            {
                "fields": ("talent", "award", "conferred_on", "conferring_body"),
                "description": REGISTRY_READ_ONLY_NOTICE,
            },
        ),
        (None, {"fields": ("evidence", "source", "entered_by", "created_at")}),
    )
