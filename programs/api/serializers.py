"""Programs serializers: output ones show, input ones only check the shape; the services decide.

Plans and regions are named by their codes, key tasks by their number within the plan; talents,
activities and organisations by id, looked up only among those the caller may see.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.base import InputSerializer
from accounts.api.serializers import OrganisationBriefSerializer
from accounts.models import Region
from accounts.selectors import organisation_list
from programs.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Enrolment,
    KeyIndustry,
    KeyTask,
    Metric,
    Plan,
    Platform,
    PlatformKind,
    PlatformLevel,
    Question,
    RegionalTarget,
)
from programs.selectors.activities import activity_list
from talents.api.serializers import ScopedTalentField

NO_SUCH_ACTIVITY = _("No such activity.")
NO_SUCH_ORGANISATION = _("No such organisation.")
NO_SUCH_KEY_TASK = _("The plan has no key task with this number.")


@extend_schema_field(OpenApiTypes.INT)
class ScopedActivityField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_ACTIVITY, "incorrect_type": NO_SUCH_ACTIVITY}

    def get_queryset(self):
        return activity_list(actor=self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class ScopedOrganisationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_ORGANISATION, "incorrect_type": NO_SUCH_ORGANISATION}

    def get_queryset(self):
        return organisation_list(actor=self.context["request"].user)


def plan_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Plan.objects.all(), **kwargs)


def region_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), **kwargs)


# Plans


class KeyTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyTask
        fields = ["number", "title", "title_en", "description", "description_en"]
        read_only_fields = fields


class KeyIndustrySerializer(serializers.ModelSerializer):
    occupations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = KeyIndustry
        fields = ["name", "name_en", "occupations"]
        read_only_fields = fields


class NationalTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionalTarget
        fields = ["id", "metric", "target", "note"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    key_tasks = KeyTaskSerializer(many=True, read_only=True)
    key_industries = KeyIndustrySerializer(many=True, read_only=True)
    national_targets = NationalTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "code",
            "title",
            "title_en",
            "policy_title",
            "policy_title_en",
            "issuing_departments",
            "issuing_departments_en",
            "issued_on",
            "period_start",
            "period_end",
            "summary",
            "summary_en",
            "key_tasks",
            "key_industries",
            "national_targets",
        ]
        read_only_fields = fields


# Targets


class TargetSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.display_name", read_only=True)
    # The national target's region (000000) has no parent.
    parent_region = serializers.SlugRelatedField(
        source="region.parent", slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = RegionalTarget
        fields = ["id", "plan", "metric", "region", "region_name", "parent_region", "target", "note", "updated_at"]
        read_only_fields = fields


class TargetUpdateSerializer(InputSerializer):
    unchangeable_fields = ("plan", "metric", "region")

    target = serializers.IntegerField(min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class TargetCreateSerializer(TargetUpdateSerializer):
    unchangeable_fields = ()

    plan = plan_field()
    metric = serializers.ChoiceField(choices=Metric.choices)
    region = region_field()


# Activities


class ActivitySerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    key_task = serializers.IntegerField(source="key_task.number", read_only=True)
    key_task_title = serializers.CharField(source="key_task.title", read_only=True)
    organiser = OrganisationBriefSerializer(read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "plan",
            "key_task",
            "key_task_title",
            "kind",
            "title",
            "title_en",
            "description",
            "organiser",
            "region",
            "starts_on",
            "ends_on",
            "capacity",
            "enrolled_count",
            "places_left",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ActivityUpdateSerializer(InputSerializer):
    plan = plan_field()
    key_task = serializers.IntegerField(min_value=1, help_text=_("The key task's number within the plan."))
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    organiser = ScopedOrganisationField(
        required=False, help_text=_("Defaults to the clerk's own organisation for training institutions.")
    )
    region = region_field(required=False, help_text=_("Defaults to the organiser's region for clerks."))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        current = self.context.get("activity")
        if "key_task" in attrs or "plan" in attrs:
            plan = attrs.get("plan") or (current.plan if current else None)
            number = attrs.get("key_task", current.key_task.number if current else None)
            task = KeyTask.objects.filter(plan=plan, number=number).first()
            if task is None:
                raise serializers.ValidationError({"key_task": [NO_SUCH_KEY_TASK]})
            attrs["key_task"] = task
        return attrs


class ActivityCreateSerializer(ActivityUpdateSerializer):
    pass


class ActivityStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


# Enrolments


class EnrolmentSerializer(serializers.ModelSerializer):
    activity_title = serializers.CharField(source="activity.title", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    talent_id_number_masked = serializers.CharField(source="talent.masked_id_number", read_only=True)
    employer = OrganisationBriefSerializer(source="talent.employer", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "activity",
            "activity_title",
            "talent",
            "talent_name",
            "talent_id_number_masked",
            "employer",
            "enrolled_at",
            "completed",
            "completed_on",
        ]
        read_only_fields = fields


class EnrolmentCreateSerializer(serializers.Serializer):
    activity = ScopedActivityField()
    talent = ScopedTalentField()


class EnrolmentCompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(required=False, help_text=_("Defaults to today."))


class EnrolmentUploadSerializer(serializers.Serializer):
    activity = ScopedActivityField()
    file = serializers.FileField(help_text=_("The xlsx enrolment template filled in: ID number, optional name."))


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class EnrolmentUploadErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    row_errors = RowErrorSerializer(many=True)


# A failed upload answers one of two shapes (docs/interfaces.md, "Errors"): the rows' errors with a code
# (EnrolmentUploadErrorSerializer), or the input serializer's messages per field (no activity, no file).
# A raw schema, so that the field-errors shape can say "every value is a list of messages" and the two
# never both match.
ENROLMENT_UPLOAD_FAILURE = {
    "oneOf": [
        {
            "type": "object",
            "required": ["code", "detail", "row_errors"],
            "properties": {
                "code": {"type": "string"},
                "detail": {"type": "string"},
                "row_errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["row", "column", "message"],
                        "properties": {
                            "row": {"type": "integer"},
                            "column": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        },
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    ]
}


class EnrolmentUploadResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    enrolments = EnrolmentSerializer(many=True)


# Questions


class QuestionSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    group = serializers.CharField(source="group.label", read_only=True, default="")
    answered = serializers.BooleanField(source="is_answered", read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "activity",
            "organisation",
            "talent",
            "text",
            "asked_at",
            "phase",
            "answered",
            "answer",
            "answered_at",
            "group",
            "published",
        ]
        read_only_fields = fields


class QuestionCreateSerializer(serializers.Serializer):
    activity = ScopedActivityField()
    text = serializers.CharField(max_length=4000)
    talent = ScopedTalentField(required=False, allow_null=True)


class QuestionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=8000)
    publish = serializers.BooleanField(required=False, default=False)


class QuestionPublishSerializer(serializers.Serializer):
    published = serializers.BooleanField()


class QuestionGroupSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200, allow_blank=True, help_text=_("Empty to ungroup."))


# Platforms


class PlatformSerializer(serializers.ModelSerializer):
    host = OrganisationBriefSerializer(read_only=True)
    leader_name = serializers.CharField(source="leader.name", read_only=True, default="")
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    leader_role = serializers.CharField(source="leader_role_code", read_only=True, allow_null=True)

    class Meta:
        model = Platform
        fields = [
            "id",
            "kind",
            "level",
            "name",
            "host",
            "leader",
            "leader_name",
            "leader_role",
            "region",
            "established_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlatformUpdateSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=PlatformKind.choices)
    level = serializers.ChoiceField(choices=PlatformLevel.choices)
    name = serializers.CharField(max_length=200)
    host = ScopedOrganisationField()
    leader = ScopedTalentField(required=False, allow_null=True)
    established_on = serializers.DateField(required=False, allow_null=True)


class PlatformCreateSerializer(PlatformUpdateSerializer):
    pass
