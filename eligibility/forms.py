"""Forms of the eligibility pages: they check the shape of the input; the services decide the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin
from catalogues.models import SkillLevel, TitleLevel
from eligibility.engine import SKILL_LEVELS, TITLE_LEVELS
from eligibility.models import Outcome, Track


def level_choices():
    """Skill levels then title levels, each in the catalogue's own (translated-by-data) names."""
    names = {}
    for model in (SkillLevel, TitleLevel):
        names |= {entry.code: entry.display_name for entry in model.objects.all()}
    return [
        (_("Skill levels"), [(code, names.get(code, code)) for code in SKILL_LEVELS]),
        (_("Professional titles"), [(code, names.get(code, code)) for code in TITLE_LEVELS]),
    ]


class EligibilityCheckForm(BootstrapFormMixin, forms.Form):
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    target_level = forms.ChoiceField(label=_("Target level"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_level"].choices = level_choices()


class EligibilityOverrideForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Outcome.ELIGIBLE, Outcome.ELIGIBLE.label), (Outcome.INELIGIBLE, Outcome.INELIGIBLE.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail with your name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"
