"""Forms of the commendations pages: they check the shape of the input; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin, DateInput
from accounts.models import Organisation, Region, RegionLevel
from accounts.scoping import organisation_scope
from catalogues.models import Award
from commendations.models import Campaign, CampaignStatus, NomineeKind
from commendations.selectors import campaign_list
from commendations.services.campaigns import AWARD_LEVEL_OF_REGION, EDITABLE_FIELDS, MAX_PUBLICITY_WORKING_DAYS
from eligibility.clauses import CLAUSES
from eligibility.models import RuleSet, RuleSetStatus
from talents.selectors import talent_list
from talents.validators import mask_name

# Campaigns


class CampaignForm(BootstrapFormMixin, forms.Form):
    award = forms.ModelChoiceField(label=_("Award"), queryset=Award.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    nominee_kind = forms.ChoiceField(label=_("Who may be nominated"), choices=NomineeKind.choices)
    opens_on = forms.DateField(label=_("Nominations open on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Nominations close on"), widget=DateInput())
    publicity_working_days = forms.IntegerField(
        label=_("Publicity working days"),
        min_value=1,
        max_value=MAX_PUBLICITY_WORKING_DAYS,
        initial=5,
        help_text=_("Working days of the public notice, by the holiday calendar."),
    )
    criteria_rule_set = forms.ModelChoiceField(
        label=_("Criteria rule set"),
        queryset=RuleSet.objects.none(),
        required=False,
        empty_label=_("— no criteria —"),
    )
    criteria_clauses = forms.MultipleChoiceField(
        label=_("Criteria clauses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Checked by the eligibility engine for each nominee, with its reasons."),
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        # The awards of the organising region's level only (the service refuses any other).
        self.fields["award"].queryset = Award.objects.filter(
            is_active=True, level=AWARD_LEVEL_OF_REGION.get(region.level)
        ).order_by("code")
        self.fields["criteria_rule_set"].queryset = RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).order_by(
            "code", "-version"
        )
        self.fields["criteria_clauses"].choices = [
            (clause.code, f"{clause.code} ({clause.rule})") for clause in CLAUSES if clause.criterion
        ]
        self.fields["criteria_clauses"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The nomination window cannot close before it opens."))
        return data

    @staticmethod
    def initial_for(campaign: Campaign) -> dict:
        return {name: getattr(campaign, name) for name in EDITABLE_FIELDS}


class QuotaForm(BootstrapFormMixin, forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    quota = forms.IntegerField(label=_("Quota"), min_value=0, max_value=100000)

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        # The organising region and the regions under it (a national campaign: provinces and cities).
        organising = campaign.region
        regions = Region.objects.filter(pk=organising.pk) | Region.objects.filter(parent_id=organising.pk)
        if organising.level == RegionLevel.NATIONAL:
            regions = regions | Region.objects.filter(level=RegionLevel.CITY)
        self.fields["region"].queryset = regions.order_by("code")


# Nominations

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
        choices=[(a, a) for a in ("submit", "withdraw", "recommend", "return", "reject", "start_review")],
        widget=forms.HiddenInput,
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


# Public notice and conferral


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
