"""Forms of the commendations pages: they check the shape of the input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin, DateInput
from accounts.models import Region, RegionLevel
from catalogues.models import Award
from commendations.models import Campaign, NomineeKind
from commendations.services.campaigns import AWARD_LEVEL_OF_REGION, EDITABLE_FIELDS, MAX_PUBLICITY_WORKING_DAYS
from eligibility.clauses import CLAUSES
from eligibility.models import RuleSet, RuleSetStatus

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
            (clause.code, f"{clause.code} ({clause.rule})") for clause in CLAUSES
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
