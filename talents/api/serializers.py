"""Registry serializers: output ones show, input ones only check the shape; the services decide.

National ID numbers go in once (write-only, on registration) and come out masked; birth date is
personal data too, so only the birth year is shown.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.base import InputSerializer, code_field
from accounts.api.serializers import OrganisationBriefSerializer
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from catalogues.selectors import active_entries
from talents.models import Credential, CredentialKind, Education, Honour, RegistrationClaim, Talent
from talents.selectors import talent_list

NO_SUCH_TALENT = _("No such talent.")


@extend_schema_field(OpenApiTypes.INT)
class ScopedTalentField(serializers.PrimaryKeyRelatedField):
    """A talent id the caller may see; a missing and an out-of-scope id get the same answer."""

    default_error_messages = {
        "does_not_exist": NO_SUCH_TALENT,
        "incorrect_type": NO_SUCH_TALENT,
    }

    def get_queryset(self):
        return talent_list(actor=self.context["request"].user)


# Talents


class TalentSerializer(serializers.ModelSerializer):
    id_number_masked = serializers.CharField(source="masked_id_number", read_only=True)
    birth_year = serializers.IntegerField(source="birth_date.year", read_only=True)
    employer = OrganisationBriefSerializer(read_only=True)
    occupation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # Not recorded is "" (the model's blank choice): declared, so the schema allows it.
    education = serializers.ChoiceField(
        choices=Education.choices,
        allow_blank=True,
        read_only=True,
        label=Talent._meta.get_field("education").verbose_name,
    )

    class Meta:
        model = Talent
        fields = [
            "id",
            "name",
            "id_number_masked",
            "birth_year",
            "gender",
            "employer",
            "occupation",
            "frontline",
            "years_of_work",
            "education",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TalentUpdateSerializer(InputSerializer):
    # The number and the employer identify the record; a mistake there is a new registration.
    unchangeable_fields = ("id_number", "employer")

    name = serializers.CharField(max_length=100)
    occupation = code_field(active_entries(Occupation))
    frontline = serializers.BooleanField(required=False)
    years_of_work = serializers.IntegerField(required=False, min_value=0)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)


class TalentCreateSerializer(TalentUpdateSerializer):
    # A clerk registers talents of their own organisation only.
    unchangeable_fields = ("employer",)
    id_number = serializers.CharField(
        write_only=True,
        max_length=18,
        help_text=_("18 characters, GB 11643 check digit. Never shown again: responses carry it masked."),
    )


class IdNumberRevealRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
    # A fresh confirmation per reveal (docs/security.md): a token alone never shows a full number.
    confirmation = serializers.CharField(
        max_length=128,
        trim_whitespace=False,
        write_only=True,
        help_text=_("Your password or a current one-time code, asked again for every reveal."),
    )


class IdNumberRevealSerializer(serializers.Serializer):
    id_number = serializers.CharField(read_only=True)


# Credentials

# Which kind of credential may carry which level (the check constraint credential_level_matches_kind).
LEVEL_KIND = {"skill_level": CredentialKind.SKILL_LEVEL, "title_level": CredentialKind.TITLE}
LEVEL_KIND_MISMATCH = {
    "skill_level": _("Only a skill level certificate carries a skill level."),
    "title_level": _("Only a professional title carries a title level."),
}


class CredentialSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    # Each kind of credential carries some of these and not the others: null, declared nullable.
    skill_level = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    title_level = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    occupation = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    title_series = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    source_display = serializers.CharField(read_only=True)

    class Meta:
        model = Credential
        fields = [
            "id",
            "talent",
            "talent_name",
            "kind",
            "skill_level",
            "title_level",
            "occupation",
            "title_series",
            "speciality",
            "obtained_on",
            "certificate_number",
            "issuer",
            "source",
            "source_display",
            "revoked_at",
            "revoked_reason",
            "created_at",
        ]
        read_only_fields = fields


class CredentialUpdateSerializer(InputSerializer):
    unchangeable_fields = ("talent",)

    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    skill_level = code_field(active_entries(SkillLevel), required=False, allow_null=True)
    title_level = code_field(active_entries(TitleLevel), required=False, allow_null=True)
    occupation = code_field(active_entries(Occupation), required=False, allow_null=True)
    title_series = code_field(active_entries(TitleSeries), required=False, allow_null=True)
    speciality = serializers.CharField(required=False, allow_blank=True, max_length=200)
    obtained_on = serializers.DateField()
    certificate_number = serializers.CharField(max_length=64)
    issuer = serializers.CharField(max_length=200)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        kind = attrs.get("kind", self.context.get("current_kind"))
        errors = {
            field: [message]
            for field, message in LEVEL_KIND_MISMATCH.items()
            if attrs.get(field) is not None and LEVEL_KIND[field] != kind
        }
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CredentialCreateSerializer(CredentialUpdateSerializer):
    unchangeable_fields = ()
    talent = ScopedTalentField()


# Honours


class HonourSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    award = serializers.SlugRelatedField(slug_field="code", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = Honour
        fields = [
            "id",
            "talent",
            "talent_name",
            "award",
            "conferred_on",
            "conferring_body",
            "evidence",
            "source",
            "source_display",
            "revoked_at",
            "revoked_reason",
            "created_at",
        ]
        read_only_fields = fields


class HonourCreateSerializer(InputSerializer):
    talent = ScopedTalentField()
    award = code_field(active_entries(Award))
    conferred_on = serializers.DateField()
    conferring_body = serializers.CharField(max_length=200)
    evidence = serializers.CharField()


class RegistrationReceiptSerializer(serializers.Serializer):
    """The answer to a registration, the same whether the number was new or held elsewhere (docs/security.md)."""

    detail = serializers.CharField(source="message", read_only=True)
    name = serializers.CharField(read_only=True)
    id_number_masked = serializers.CharField(read_only=True)


# Registration claims (officials of the claiming organisation's bureau)


class RegistrationClaimSerializer(serializers.ModelSerializer):
    talent = serializers.IntegerField(source="talent_id", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    id_number_masked = serializers.CharField(source="talent.masked_id_number", read_only=True)
    organisation = OrganisationBriefSerializer(read_only=True)
    previous_employer = OrganisationBriefSerializer(read_only=True)
    occupation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requested_by = serializers.CharField(source="requested_by.get_username", read_only=True)
    resolved_by = serializers.CharField(source="resolved_by.get_username", read_only=True, allow_null=True)

    class Meta:
        model = RegistrationClaim
        fields = [
            "id",
            "talent",
            "talent_name",
            "id_number_masked",
            "name",
            "organisation",
            "previous_employer",
            "occupation",
            "frontline",
            "requested_by",
            "status",
            "reason",
            "resolved_by",
            "resolved_at",
            "created_at",
        ]
        read_only_fields = fields


class RegistrationClaimResolveSerializer(InputSerializer):
    decision = serializers.ChoiceField(choices=[("transfer", _("Transfer")), ("reject", _("Reject"))])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
