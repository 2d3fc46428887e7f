"""Notices serializers: the public sees masked entries; officials see objections with the objector's
contact. Input serializers check the shape only; the services decide."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from notices.models import NoticeEntry, Objection, ObjectionStatus, PublicNotice

NO_SUCH_ENTRY = _("No such notice entry.")


class NoticeEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = NoticeEntry
        fields = [
            "id",
            "position",
            "masked_name",
            "masked_id_number",
            "organisation_name",
            "description",
            "details",
            "outcome",
        ]


class PublicNoticeSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    entry_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "title",
            "region",
            "source",
            "opens_on",
            "closes_on",
            "working_days",
            "status",
            "closed_at",
            "entry_count",
        ]


class PublicNoticeDetailSerializer(PublicNoticeSerializer):
    entries = NoticeEntrySerializer(many=True, read_only=True)

    class Meta(PublicNoticeSerializer.Meta):
        fields = [*PublicNoticeSerializer.Meta.fields, "body", "issuing_authority", "contact", "entries"]


class ObjectionCreateSerializer(serializers.Serializer):
    entry = serializers.PrimaryKeyRelatedField(
        queryset=NoticeEntry.objects.all(),
        error_messages={"does_not_exist": NO_SUCH_ENTRY, "incorrect_type": NO_SUCH_ENTRY},
    )
    name = serializers.CharField(max_length=100, help_text=_("The objector's real name."))
    contact = serializers.CharField(max_length=100, help_text=_("Telephone or e-mail; seen only by the officials."))
    reason = serializers.CharField(max_length=5000)


class ObjectionReceiptSerializer(serializers.ModelSerializer):
    """What the public objector gets back: a receipt, not the record."""

    class Meta:
        model = Objection
        fields = ["id", "receipt_number", "entry", "status", "filed_at"]


class ObjectionSerializer(serializers.ModelSerializer):
    notice = serializers.IntegerField(source="entry.notice_id", read_only=True)
    entry_name = serializers.CharField(source="entry.masked_name", read_only=True)
    resolved_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)  # until resolved

    class Meta:
        model = Objection
        fields = [
            "id",
            "receipt_number",
            "notice",
            "entry",
            "entry_name",
            "name",
            "contact",
            "reason",
            "filed_at",
            "status",
            "resolution",
            "resolved_by",
            "resolved_at",
        ]


class ObjectionResolveSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED])
    resolution = serializers.CharField(max_length=5000)
