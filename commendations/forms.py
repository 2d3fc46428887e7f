"""Forms of the commendations pages; each area appends its own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from talents.validators import mask_name


class CampaignNoticeForm(forms.Form):
    """The campaign's public notice: the nominations that passed expert review, the authority and a contact."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    issuing_authority = forms.CharField(label=_("Issuing authority"), max_length=200)
    contact = forms.CharField(
        label=_("Contact"), max_length=200, help_text=_("A telephone number or address for questions and objections.")
    )
    nominations = forms.ModelMultipleChoiceField(
        label=_("Nominations that passed expert review"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = candidates
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{mask_name(n.talent.name)} · {n.organisation.name}" if n.talent_id else n.nominee_organisation.name
        )
        for name in ("title", "body", "issuing_authority", "contact"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")
