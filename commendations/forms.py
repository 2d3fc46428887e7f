"""Forms of the commendations pages; each area appends its own (docs/conventions.md §7: forms check the
shape, services decide)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from accounts.models import Organisation
from accounts.scoping import organisation_scope
from commendations.models import CampaignStatus
from talents.selectors import talent_list

TEXT_WIDGET = forms.Textarea(attrs={"rows": 5})


class NominationCreateForm(BootstrapFormMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None, empty_label=_("— choose an open campaign —"))
    talent = forms.ModelChoiceField(
        label=_("Talent"), queryset=None, required=False, help_text=_("For a campaign of individual talents.")
    )
    nominee_organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, help_text=_("For a campaign of organisations.")
    )
    achievements = forms.CharField(label=_("Achievements"), max_length=10000, required=False, widget=TEXT_WIDGET)
    recommendation = forms.CharField(label=_("Recommendation"), max_length=10000, required=False, widget=TEXT_WIDGET)

    def __init__(self, *args, actor, **kwargs):
        from commendations.selectors import campaign_list

        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["campaign"].queryset = campaign_list(actor=actor).filter(
            status=CampaignStatus.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        self.fields["talent"].queryset = talent_list(actor=actor).order_by("name")
        self.fields["talent"].label_from_instance = lambda talent: f"{talent.name} ({talent.masked_id_number})"
        self.fields["nominee_organisation"].queryset = Organisation.objects.filter(organisation_scope(actor)).order_by(
            "name"
        )

    def clean(self):
        data = super().clean()
        if data.get("talent") and data.get("nominee_organisation"):
            raise forms.ValidationError(_("Name a talent or an organisation, not both."))
        return data


class NominationTextsForm(BootstrapFormMixin, forms.Form):
    achievements = forms.CharField(label=_("Achievements"), max_length=10000, required=False, widget=TEXT_WIDGET)
    recommendation = forms.CharField(label=_("Recommendation"), max_length=10000, required=False, widget=TEXT_WIDGET)


class NominationStepForm(BootstrapFormMixin, forms.Form):
    """One workflow step with its optional comment (required for return and reject: the workflow says)."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in ("submit", "withdraw", "recommend", "return", "reject")], widget=forms.HiddenInput
    )
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NominationAttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB; the type is checked by the file's content."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"
