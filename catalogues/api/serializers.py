"""Catalogue entries as the API shows them: by their stable code (docs/codes.md)."""

from rest_framework import serializers

from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries

CATALOGUE_FIELDS = ["code", "name", "name_en", "is_active"]


class SkillLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = SkillLevel
        fields = [*CATALOGUE_FIELDS, "rank"]
        read_only_fields = fields


class TitleLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = TitleLevel
        fields = [*CATALOGUE_FIELDS, "rank"]
        read_only_fields = fields


class TitleSeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = TitleSeries
        fields = [*CATALOGUE_FIELDS, "is_digital"]
        read_only_fields = fields


class OccupationSerializer(serializers.ModelSerializer):
    title_series = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Occupation
        fields = [*CATALOGUE_FIELDS, "is_digital", "title_series"]
        read_only_fields = fields


class AwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = [*CATALOGUE_FIELDS, "level"]
        read_only_fields = fields
