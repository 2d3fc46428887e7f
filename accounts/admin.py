"""Django admin for regions, organisations, users and the audit log, and the mixins every app's admin uses.

Two rules hold in every admin of the project (docs/roles.md, docs/interfaces.md):
- the changelist and change pages of a non-superuser show what the app's scoped selector returns,
  so the admin cannot show more than the portal (``ScopedAdminMixin``);
- every write made in the admin leaves an entry in the audit log, like a write through a service
  (``AuditedAdminMixin``).
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditLog, Organisation, Region, RegionLevel, SelfEvaluationCriterion, User
from accounts.services import (
    api_token_revoke,
    audit_record,
    audit_record_many,
    organisation_set_self_evaluation,
    two_factor_reset,
)
from accounts.validators import normalise_credit_code

# The admin names the portal, not "Django".
admin.site.site_header = _("TalentPortal administration")
admin.site.site_title = _("TalentPortal administration")


class ScopedAdminMixin:
    """Rows come from the app's selector, which limits them to the actor's scope.

    ``scope_selector`` names the selector (dotted path, so the accounts app does not import the apps
    above it). Superusers get everything from the same selector (``User.sees_everything``).
    """

    scope_selector: str = ""

    def get_queryset(self, request):
        queryset = import_string(self.scope_selector)(actor=request.user)
        ordering = self.get_ordering(request)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return queryset


class SuperuserWritesMixin:
    """Catalogues and accounts are maintained by administrators; other staff may only look."""

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class ReadOnlyAdminMixin:
    """Nobody writes through the admin: the data is written by services that check roles and audit."""

    actions = None

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserReadOnlyAdminMixin(ReadOnlyAdminMixin):
    """Technical records (aggregates, task bookkeeping) that only administrators look at."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)


class AuditedAdminMixin:
    """Admin writes are audited like service writes: admin_create, admin_change, admin_delete."""

    def audited_changes(self, form) -> list[str]:
        """The changed fields named in the audit comment; an empty list on change writes no entry."""
        return list(form.changed_data)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = self.audited_changes(form)
            if change and not changed:
                return
            audit_record(
                actor=request.user,
                obj=obj,
                action="admin_change" if change else "admin_create",
                comment=gettext("Changed: %s") % ", ".join(changed) if change else "",
                request=request,
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(actor=request.user, obj=obj, action="admin_delete", to_state="deleted", request=request)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            audit_record_many(actor=request.user, objects=list(queryset), action="admin_delete", to_state="deleted")
            super().delete_queryset(request, queryset)


class AuditedCatalogueAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    """A catalogue: everyone on the staff may read it, superusers edit it, every edit is audited."""


@admin.register(Region)
class RegionAdmin(AuditedCatalogueAdmin):
    list_display = ("code", "name", "name_en", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "name_en")
    list_select_related = ("parent",)
    ordering = ("code",)
    fields = ("code", "name", "name_en", "level", "parent")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # A parent is the nation or a province: cities have no children here.
            kwargs["queryset"] = Region.objects.exclude(level=RegionLevel.CITY)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganisationAdminForm(forms.ModelForm):
    self_evaluation_confirmed = forms.MultipleChoiceField(
        label=_("Criteria confirmed"),
        choices=SelfEvaluationCriterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Granting self-evaluation needs all four criteria of the opinions confirmed."),
    )
    self_evaluation_reason = forms.CharField(
        label=_("Reason for the self-evaluation change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when “may organise its own skill evaluation” changes; kept in the audit log."),
    )

    class Meta:
        model = Organisation
        fields = ("credit_code", "name", "kind", "region", "above_designated_size", "may_self_evaluate")

    def clean_credit_code(self):
        return normalise_credit_code(self.cleaned_data.get("credit_code", ""))

    def clean(self):
        cleaned = super().clean()
        if "may_self_evaluate" in self.changed_data and not cleaned.get("self_evaluation_reason", "").strip():
            self.add_error("self_evaluation_reason", _("A reason is required."))
        confirmed = set(cleaned.get("self_evaluation_confirmed") or ())
        granting = "may_self_evaluate" in self.changed_data and cleaned.get("may_self_evaluate")
        if granting and confirmed != set(SelfEvaluationCriterion.values):
            self.add_error(
                "self_evaluation_confirmed",
                _("Self-evaluation is granted only when all four criteria of the opinions are confirmed."),
            )
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    scope_selector = "accounts.selectors.organisation_list"
    form = OrganisationAdminForm
    list_display = ("name", "credit_code", "kind", "region", "above_designated_size", "may_self_evaluate")
    list_filter = ("kind", "above_designated_size", "may_self_evaluate", "region__level")
    search_fields = ("name", "credit_code")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)
    ordering = ("name",)
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": ("credit_code", "name", "kind", "region", "above_designated_size")}),
        (
            _("Self-evaluation (R8)"),
            {
                "fields": ("may_self_evaluate", "self_evaluation_confirmed", "self_evaluation_reason"),
                "description": _(
                    "Only talent-intensive, technically strong enterprises above designated size with "
                    "standardised management may organise their own skill evaluation."
                ),
            },
        ),
        (None, {"fields": ("created_at",)}),
    )

    def audited_changes(self, form) -> list[str]:
        # The self-evaluation flag has its own audited service; the reason is not a field of the model.
        own = ("may_self_evaluate", "self_evaluation_confirmed", "self_evaluation_reason")
        return [name for name in form.changed_data if name not in own]

    def save_model(self, request, obj, form, change):
        allowed = obj.may_self_evaluate
        flag_changed = "may_self_evaluate" in form.changed_data
        if flag_changed:
            # Saved unchanged first; the service then sets it with its own checks and audit entry.
            obj.may_self_evaluate = form.initial.get("may_self_evaluate", False) if change else False
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if flag_changed:
                organisation_set_self_evaluation(
                    actor=request.user,
                    organisation=obj,
                    allowed=allowed,
                    reason=form.cleaned_data["self_evaluation_reason"],
                    criteria=form.cleaned_data.get("self_evaluation_confirmed") or (),
                    request=request,
                )
                obj.may_self_evaluate = allowed


@admin.register(User)
class UserAdmin(ScopedAdminMixin, AuditedAdminMixin, SuperuserWritesMixin, DjangoUserAdmin):
    scope_selector = "accounts.selectors.user_list"
    list_display = ("username", "last_name", "first_name", "role", "organisation", "region", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    list_select_related = ("organisation", "region")
    autocomplete_fields = ("organisation", "region")
    ordering = ("username",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (
            _("Role and scope"),
            {
                "fields": ("role", "organisation", "region"),
                "description": _(
                    "A clerk belongs to an organisation; a city, provincial or national official is bound "
                    "to a region of that level."
                ),
            },
        ),
        *DjangoUserAdmin.fieldsets[2:],
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("first_name", "last_name", "role", "organisation", "region")}),
    )

    actions = ["revoke_api_tokens", "reset_two_factor"]

    def audited_changes(self, form) -> list[str]:
        return [name for name in form.changed_data if not name.startswith("password")]

    @admin.action(description=_("Revoke API tokens"), permissions=["change"])
    def revoke_api_tokens(self, request, queryset):
        """An administrator withdraws the API tokens of the chosen users (a lost device, a leaver)."""
        with transaction.atomic():
            revoked = sum(api_token_revoke(actor=request.user, owner=user, request=request) for user in queryset)
        self.message_user(request, gettext("API tokens revoked: %(count)d.") % {"count": revoked})

    @admin.action(description=_("Reset two-factor sign-in"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """A lost phone: the chosen users' authenticators and recovery codes go; they enrol at the next sign-in."""
        with transaction.atomic():
            for user in queryset:
                two_factor_reset(actor=request.user, owner=user, request=request)
        self.message_user(request, gettext("Two-factor sign-in reset: %(count)d.") % {"count": len(queryset)})

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            # A successful change redirects; a form with errors answers 200 and changed nothing.
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, id)
                if user is not None:
                    audit_record(
                        actor=request.user,
                        obj=user,
                        action="admin_change",
                        comment=gettext("Changed: %s") % "password",
                        request=request,
                    )
        return response


@admin.register(AuditLog)
class AuditLogAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only: nobody adds, changes or deletes entries, not even a superuser."""

    scope_selector = "accounts.selectors.audit_log_list"
    list_display = ("at", "actor_username", "action", "content_type", "object_repr", "from_state", "to_state")
    list_filter = ("action", "content_type")
    search_fields = ("actor_username", "object_repr", "=object_id", "comment")
    list_select_related = ("content_type",)
    ordering = ("-at", "-id")
    show_full_result_count = False
    fields = (
        "at",
        "actor",
        "actor_username",
        "ip_address",
        "content_type",
        "object_id",
        "object_repr",
        "action",
        "from_state",
        "to_state",
        "comment",
        "changes",
    )
    readonly_fields = fields


# django-otp's device admins would show authenticator secrets and recovery codes to staff (and list their
# users one query per row); an administrator resets a user's two-factor sign-in from the user list instead
# ("Reset two-factor sign-in", audited). docs/security.md.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
