from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import ObjectionStatus


class ObjectionForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Your real name"), max_length=100)
    contact = forms.CharField(
        label=_("Telephone or e-mail"),
        max_length=100,
        help_text=_("Only the officials handling the objection see it."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB. Only the officials handling the objection see it."),
    )


class ObjectionResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ObjectionStatus.UPHELD, _("Uphold: withdraw the entry")), (ObjectionStatus.DISMISSED, _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(
        label=_("Resolution"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was found and why; it is kept in the audit log."),
    )
