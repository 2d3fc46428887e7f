"""Forms of the rounds, committees and dossier-drafting pages: they check the shape of the input; the
services decide the rules (window, R8, eligibility, editability)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin, DateInput
from catalogues.models import SkillLevel, TitleLevel, TitleSeries
from catalogues.selectors import active_entries, active_occupations
from committees.selectors import committee_choices
from eligibility.models import Track
from evaluations.models import EvidenceKind, Method, RoundKind
from evaluations.selectors.rounds import expert_candidates, round_open_list
from talents.selectors import talent_list


def _level_choices():
    skills = [(level.code, level.display_name) for level in active_entries(SkillLevel).order_by("rank")]
    titles = [(level.code, level.display_name) for level in active_entries(TitleLevel).order_by("rank")]
    return [("", "—"), (_("Skill levels"), skills), (_("Title levels"), titles)]


def _expert_label(user) -> str:
    name = user.display_name
    return f"{name} ({user.organisation.name})" if user.organisation_id else name


# Committees


class CommitteeForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Experts of your province."),
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False, empty_label=_("— none —"))
    quorum_numerator = forms.IntegerField(label=_("Quorum: numerator"), min_value=1, initial=2)
    quorum_denominator = forms.IntegerField(label=_("Quorum: denominator"), min_value=1, initial=3)
    pass_numerator = forms.IntegerField(label=_("Pass threshold: numerator"), min_value=1, initial=2)
    pass_denominator = forms.IntegerField(label=_("Pass threshold: denominator"), min_value=1, initial=3)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        experts = expert_candidates(actor=actor)
        self.fields["members"].queryset = experts
        self.fields["members"].label_from_instance = _expert_label
        self.fields["members"].widget.attrs["class"] = "form-check-input"
        self.fields["chair"].queryset = experts
        self.fields["chair"].label_from_instance = _expert_label

    @staticmethod
    def initial_for(committee) -> dict:
        rows = getattr(committee, "member_rows", None) or list(committee.committeemember_set.all())
        return {
            "name": committee.name,
            "members": [row.expert_id for row in rows],
            "chair": next((row.expert_id for row in rows if row.is_chair), None),
            "quorum_numerator": committee.quorum_numerator,
            "quorum_denominator": committee.quorum_denominator,
            "pass_numerator": committee.pass_numerator,
            "pass_denominator": committee.pass_denominator,
        }


# Rounds


class RoundForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=RoundKind.choices)
    title_series = forms.ModelChoiceField(
        label=_("Title series"), queryset=None, required=False, help_text=_("For a title review.")
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=None, required=False, help_text=_("For a skill evaluation.")
    )
    target_level = forms.ChoiceField(
        label=_("Target level"),
        help_text=_("A skill level for a skill evaluation, a title level for a title review."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput(), help_text=_("The last day to submit."))
    methods = forms.MultipleChoiceField(
        label=_("Assessment methods (R7)"), choices=Method.choices, widget=forms.CheckboxSelectMultiple
    )
    separate_group_for_high_skilled = forms.BooleanField(
        label=_("Separate group for high-skilled talents"), required=False
    )
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None)  # votes need its quorum

    def __init__(self, *args, actor, default_pass_mark: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_series"].queryset = active_entries(TitleSeries).order_by("code")
        self.fields["occupation"].queryset = active_occupations()
        self.fields["target_level"].choices = _level_choices()
        self.fields["committee"].queryset = committee_choices(actor=actor)
        self.fields["methods"].widget.attrs["class"] = "form-check-input"
        self.pass_mark_fields = []
        for code, label in Method.choices:
            name = f"pass_mark_{code}"
            self.fields[name] = forms.IntegerField(
                label=_("Pass mark: %(method)s") % {"method": label},
                min_value=0,
                max_value=100,
                required=False,
                widget=forms.NumberInput(attrs={"class": "form-control", "placeholder": str(default_pass_mark)}),
                help_text=_("Empty: the rule set's %(mark)s.") % {"mark": default_pass_mark},
            )
            self.pass_mark_fields.append(name)

    @property
    def pass_mark_bound(self) -> list:
        return [self[name] for name in self.pass_mark_fields]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The window cannot close before it opens."))
        return data

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("pass_mark_")}
        data["methods"] = [(method, self.cleaned_data.get(f"pass_mark_{method}")) for method in data["methods"]]
        return data


# Dossiers


class DossierCreateForm(BootstrapFormMixin, forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=None, empty_label=_("— choose an open round —"))
    talent = forms.ModelChoiceField(label=_("Talent"), queryset=None)
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, initial=Track.PROMOTION)
    target_level = forms.ChoiceField(
        label=_("Target level"), required=False, help_text=_("Empty: the round's target level.")
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = round_open_list(actor=actor)
        self.fields["talent"].queryset = talent_list(actor=actor).order_by("name")
        self.fields["talent"].label_from_instance = lambda talent: f"{talent.name} ({talent.masked_id_number})"
        self.fields["target_level"].choices = _level_choices()


class DossierFieldsForm(BootstrapFormMixin, forms.Form):
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    target_level = forms.ChoiceField(label=_("Target level"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_level"].choices = _level_choices()


class EvidenceForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    description = forms.CharField(label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label=_("Date"), widget=DateInput())


class AttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB; the type is checked by the file's content."),
    )
    evidence_item = forms.ModelChoiceField(
        label=_("For evidence item"), queryset=None, required=False, empty_label=_("— the dossier as a whole —")
    )

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_item"].queryset = evidence
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"
