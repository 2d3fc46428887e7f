"""Read-only representations of regions and organisations; codes, not database ids, name regions."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Organisation, Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)  # the country has none

    class Meta:
        model = Region
        fields = ["code", "name", "name_en", "level", "parent"]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "credit_code", "name", "kind", "region", "above_designated_size", "may_self_evaluate"]
        read_only_fields = fields


class OrganisationBriefSerializer(serializers.ModelSerializer):
    """How other resources show an organisation they refer to."""

    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "region"]
        read_only_fields = fields


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(write_only=True)
    password = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        write_only=True,
        required=False,
        help_text=_(
            "A current code from the authenticator app (or a recovery code): required for officials, "
            "experts, administrators and clerks who set up two-factor sign-in."
        ),
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
