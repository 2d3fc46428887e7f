"""Forms of the programs pages: they check the shape of the input; the services decide the rules."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapFormMixin, DateInput
from accounts.models import Organisation, OrganisationKind, Region
from accounts.scoping import organisation_scope
from accounts.spreadsheets import MAX_UPLOAD_BYTES
from programs.models import Activity, ActivityKind, ActivityStatus, KeyTask, Plan, PlatformKind, PlatformLevel
from programs.rules import managed_regions
from talents.selectors import talent_list
from talents.validators import mask_id_number, validate_id_number


class TalentByIdNumberField(forms.CharField):
    """A talent named by national ID number; the form resolves it within the actor's scope."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("label", _("National ID number"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        value = super().to_python(value)
        return validate_id_number(value) if value else value


def _talent_in_scope(actor, id_number: str):
    talent = talent_list(actor=actor).filter(id_number=id_number).first()
    if talent is None:
        raise forms.ValidationError(_("No talent with this ID number in your scope."), code="not_found")
    return talent


# Targets


class TargetSplitForm(BootstrapFormMixin, forms.Form):
    """One metric of a plan: the parent region's target and one field per child region."""

    def __init__(self, *args, parent: Region, children: list, values: dict, parent_editable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent, self.children = parent, children
        if parent_editable:
            self.fields["parent"] = forms.IntegerField(
                label=parent.display_name, min_value=0, required=False, initial=values.get(parent.pk)
            )
        for region in children:
            self.fields[self.field_name(region)] = forms.IntegerField(
                label=region.display_name, min_value=0, required=False, initial=values.get(region.pk)
            )

    @staticmethod
    def field_name(region: Region) -> str:
        return f"region_{region.code}"

    def changes(self, values: dict) -> list[tuple[str, Region, int]]:
        """(field, region, new target) for every filled-in field whose value differs from the stored one."""
        pairs = [("parent", self.parent)] if "parent" in self.fields else []
        pairs += [(self.field_name(region), region) for region in self.children]
        return [
            (name, region, self.cleaned_data[name])
            for name, region in pairs
            if self.cleaned_data.get(name) is not None and self.cleaned_data[name] != values.get(region.pk)
        ]


# Activities


ORGANISER_KINDS = (
    OrganisationKind.TRAINING_INSTITUTION,
    OrganisationKind.TECHNICAL_COLLEGE,
    OrganisationKind.HR_BUREAU,
    OrganisationKind.EVALUATION_ORGANISATION,
)


class ActivityForm(BootstrapFormMixin, forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    key_task = forms.ModelChoiceField(label=_("Key task"), queryset=KeyTask.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.none())
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=1_000_000)

    def __init__(self, *args, actor, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("code")
        self.fields["key_task"].queryset = KeyTask.objects.select_related("plan").order_by("plan__code", "number")
        self.fields["key_task"].label_from_instance = lambda task: f"{task.plan.display_title} · {task}"
        # Organisers are the bodies that run courses and events, not the registry's many enterprises
        # (a national list of every employer would not fit a select).
        organising = Q(kind__in=ORGANISER_KINDS)
        if activity is not None:
            organising |= Q(pk=activity.organiser_id)  # an existing organiser of another kind stays
        organisers = Organisation.objects.filter(organising).order_by("name")
        if actor.is_official and not actor.is_superuser:
            self.fields["organiser"].queryset = organisers.filter(organisation_scope(actor))
            self.fields["region"].queryset = Region.objects.filter(managed_regions(actor)).order_by("code")
        elif actor.is_superuser or actor.sees_everything:
            self.fields["organiser"].queryset = organisers
            self.fields["region"].queryset = Region.objects.order_by("code")
        else:
            # A training institution's clerk organises for their own organisation, in its region.
            del self.fields["organiser"], self.fields["region"]

    @classmethod
    def initial_for(cls, activity: Activity) -> dict:
        return {name: getattr(activity, name) for name in cls.base_fields}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The activity cannot end before it starts."))
        return data


class ActivityStatusForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ActivityStatus.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


# Enrolments


class EnrolmentForm(BootstrapFormMixin, forms.Form):
    id_number = TalentByIdNumberField(help_text=_("A talent registered in your scope."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_id_number(self):
        self.talent = _talent_in_scope(self.actor, self.cleaned_data["id_number"])
        return self.cleaned_data["id_number"]


class EnrolmentUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Enrolment file (xlsx)"),
        validators=[FileExtensionValidator(["xlsx"], message=_("Upload an .xlsx file."))],
        help_text=_("The template's first sheet: national ID number and, optionally, the name."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="too_large")
        return upload


class CompletionForm(BootstrapFormMixin, forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput(), required=False)


def completion_default(activity: Activity):
    """The date a completion form offers: the activity's last day, or today while it still runs (a
    completion in the future is refused)."""
    return min(activity.ends_on, timezone.localdate())


class BulkCompletionForm(BootstrapFormMixin, forms.Form):
    """Completion for the checked enrolments of one activity (``enrolments``: those the page lists)."""

    enrolments = forms.ModelMultipleChoiceField(
        label=_("Enrolments"),
        queryset=None,
        error_messages={"required": _("Tick the enrolments whose completion you record.")},
    )
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = enrolments


# Questions


class QuestionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    talent = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=_("— my organisation —")
    )

    def __init__(self, *args, talents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = talents


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    publish = forms.BooleanField(label=_("Publish on the activity page"), required=False)


class QuestionGroupForm(BootstrapFormMixin, forms.Form):
    label = forms.CharField(
        label=_("Group"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to take the question out of its group."),
    )


class PublishForm(forms.Form):
    published = forms.BooleanField(required=False)


# Platforms


class PlatformForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlatformKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=PlatformLevel.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    host = forms.ModelChoiceField(label=_("Host organisation"), queryset=Organisation.objects.none())
    leader_id_number = TalentByIdNumberField(
        label=_("Leader's national ID number"), required=False, help_text=_("Optional: a talent in your scope.")
    )
    established_on = forms.DateField(label=_("Established on"), widget=DateInput(), required=False)

    remove_leader = forms.BooleanField(label=_("Remove the leader"), required=False)

    def __init__(self, *args, actor, platform=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["host"].queryset = Organisation.objects.filter(organisation_scope(actor)).order_by("name")
        # The leader's number is never pre-filled: the page shows it masked and keeps it unless a new one is
        # typed; the full number only through the audited reveal (docs/registry.md, "Personal data").
        self.current_leader = platform.leader if platform is not None and platform.leader_id else None
        if self.current_leader is None:
            del self.fields["remove_leader"]
        else:
            self.fields["leader_id_number"].help_text = _(
                "Current leader: %(name)s (%(number)s). Leave empty to keep; type a number to change."
            ) % {"name": self.current_leader.name, "number": mask_id_number(self.current_leader.id_number)}

    @classmethod
    def initial_for(cls, platform) -> dict:
        return {
            "kind": platform.kind,
            "level": platform.level,
            "name": platform.name,
            "host": platform.host_id,
            "established_on": platform.established_on,
        }

    def clean_leader_id_number(self):
        number = self.cleaned_data["leader_id_number"]
        self.leader = _talent_in_scope(self.actor, number) if number else self.current_leader
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_leader") and not cleaned.get("leader_id_number"):
            self.leader = None
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("leader_id_number", None)
        data.pop("remove_leader", None)
        data["leader"] = self.leader
        return data
