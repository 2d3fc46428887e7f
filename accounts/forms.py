"""What every app's forms share: Bootstrap styling, a service's refusal shown on the form, the date widget."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.errors import ApplicationError, PermissionDeniedError


def add_application_error(form, error: ApplicationError) -> None:
    """A refusal of a service shown next to the field it names, or above the form; a permission refusal
    is a 403, never a form error."""
    if isinstance(error, PermissionDeniedError):
        raise PermissionDenied(error.message) from error
    for field, messages in error.as_field_errors().items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class BootstrapFormMixin:
    """Bootstrap classes on every widget, and ``is-invalid`` on the fields that carry an error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def add_application_error(self, error: ApplicationError) -> None:
        add_application_error(self, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OneTimeCodeForm(BootstrapFormMixin, forms.Form):
    """A code from the authenticator app (or, where allowed, a recovery code)."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
