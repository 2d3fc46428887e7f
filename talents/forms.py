"""Forms of the registry pages: they check the shape of the input; the services decide the rules."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin, DateInput
from accounts.http import XLSX
from accounts.models import RegionLevel
from accounts.scoping import region_scope
from accounts.selectors import region_list
from accounts.spreadsheets import MAX_UPLOAD_BYTES
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from catalogues.selectors import active_entries, active_occupations
from talents.models import CredentialKind, Education
from talents.validators import validate_id_number

# Talents


class TalentFieldsForm(BootstrapFormMixin, forms.Form):
    """The fields a clerk may change after registration (talents.services.TALENT_EDITABLE_FIELDS)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    occupation = forms.ModelChoiceField(label=_("Occupation"), queryset=Occupation.objects.none())
    frontline = forms.BooleanField(
        label=_("Frontline post"), required=False, help_text=_("Works in a frontline production or service post.")
    )
    years_of_work = forms.IntegerField(label=_("Years of work"), min_value=0, max_value=70, initial=0)
    education = forms.ChoiceField(label=_("Education"), required=False, choices=[("", "—"), *Education.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = active_occupations()


class TalentEditForm(TalentFieldsForm):
    """The national ID number identifies the record: a mistake there is a new registration."""

    @classmethod
    def initial_for(cls, talent) -> dict:
        return {field: getattr(talent, field) for field in cls.base_fields}


class TalentCreateForm(TalentFieldsForm):
    id_number = forms.CharField(
        label=_("National ID number"),
        max_length=18,
        help_text=_("18 characters; the last may be X. Birth date and gender are taken from it."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                # POST: a full ID number never goes into a URL (access logs, browser history).
                "hx-post": reverse_lazy("talents:validate-id"),
                "hx-trigger": "blur changed",
                "hx-target": "#id-number-feedback",
                "hx-swap": "innerHTML",
            }
        ),
    )

    field_order = ["name", "id_number", "occupation", "frontline", "years_of_work", "education"]

    def clean_id_number(self):
        return validate_id_number(self.cleaned_data["id_number"])


class IdNumberRevealForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("Why you need the full number; it is kept in the audit trail."),
    )
    # A fresh confirmation (docs/security.md): asked unless the user gave one in the last few minutes.
    confirmation = forms.CharField(
        label=_("Your password or a one-time code"),
        required=False,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Confirm it is you: needed unless you signed in or confirmed in the last few minutes."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for revealing the full number."), code="required")
        return reason


# Credentials

# Which of the kind-dependent fields each credential kind uses; the others are cleared.
CREDENTIAL_KIND_FIELDS = {
    CredentialKind.SKILL_LEVEL: {"skill_level", "occupation"},
    CredentialKind.TITLE: {"title_level", "title_series"},
    CredentialKind.VOCATIONAL_QUALIFICATION: {"occupation"},
    CredentialKind.GRADUATION: {"speciality"},
}
KIND_DEPENDENT_FIELDS = frozenset().union(*CREDENTIAL_KIND_FIELDS.values())


class CredentialForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CredentialKind.choices)
    skill_level = forms.ModelChoiceField(label=_("Skill level"), queryset=SkillLevel.objects.none(), required=False)
    title_level = forms.ModelChoiceField(label=_("Title level"), queryset=TitleLevel.objects.none(), required=False)
    title_series = forms.ModelChoiceField(label=_("Title series"), queryset=TitleSeries.objects.none(), required=False)
    occupation = forms.ModelChoiceField(label=_("Occupation"), queryset=Occupation.objects.none(), required=False)
    speciality = forms.CharField(label=_("Speciality"), max_length=200, required=False)
    obtained_on = forms.DateField(label=_("Obtained on"), widget=DateInput())
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64)
    issuer = forms.CharField(label=_("Issuer"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill_level"].queryset = active_entries(SkillLevel)
        self.fields["title_level"].queryset = active_entries(TitleLevel)
        self.fields["title_series"].queryset = active_entries(TitleSeries)
        self.fields["occupation"].queryset = active_occupations()
        for name in KIND_DEPENDENT_FIELDS:
            kinds = [kind for kind, used in CREDENTIAL_KIND_FIELDS.items() if name in used]
            self.fields[name].widget.attrs["data-credential-kinds"] = " ".join(kinds)

    @classmethod
    def initial_for(cls, credential) -> dict:
        return {field: getattr(credential, field) for field in cls.base_fields}

    def clean(self):
        cleaned = super().clean()
        used = CREDENTIAL_KIND_FIELDS.get(cleaned.get("kind"), set())
        for name in KIND_DEPENDENT_FIELDS - used:
            if name in cleaned:  # a value left in a field hidden for this kind is not the user's intent
                cleaned[name] = "" if name == "speciality" else None
        return cleaned


class CredentialDeleteForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=200, help_text=_("Why the credential is removed; kept in the audit trail.")
    )


# Honours


class HonourForm(BootstrapFormMixin, forms.Form):
    award = forms.ModelChoiceField(label=_("Award"), queryset=Award.objects.none())
    conferred_on = forms.DateField(label=_("Conferred on"), widget=DateInput())
    conferring_body = forms.CharField(label=_("Conferring body"), max_length=200)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The document that confers the honour, e.g. its number and date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = active_entries(Award)


# Bulk upload


class TalentUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Workbook (xlsx)"),
        help_text=_("Fill in the template; at most 5 MB and 5000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="too_large")
        return upload


# List filters


def style_talent_filter_form(form, *, actor) -> None:
    """The list's filter form (talents.filters.TalentFilter): readable empty choices, regions in scope only."""
    any_label = _("Any")
    yes_no = [("", any_label), ("true", _("Yes")), ("false", _("No"))]
    for name in ("digital", "frontline"):
        form.fields[name].widget = forms.Select(choices=yes_no)
    for name in ("gender", "education", "occupation", "region", "skill_level", "award"):
        form.fields[name].empty_label = any_label
    form.fields["occupation"].queryset = active_occupations()
    form.fields["region"].queryset = (
        region_list(actor=actor).filter(region_scope(actor)).exclude(level=RegionLevel.NATIONAL).order_by("code")
    )
    for field in form.fields.values():
        css = "form-select form-select-sm" if isinstance(field.widget, forms.Select) else "form-control form-control-sm"
        field.widget.attrs["class"] = css


# Registration claims (the bureau's decision)


class RegistrationClaimResolveForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("transfer", _("Transfer the record to the claiming organisation")),
            ("reject", _("Reject the claim")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject; the clerk who registered reads it."),
    )
