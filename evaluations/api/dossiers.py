"""API: dossiers (list, retrieve, create, partial update while editable, ``submit``, ``withdraw``) and
attachments (list by dossier, multipart upload, retrieve, ``download``, delete = soft removal).

Evidence items are nested in the dossier: shown as ``evidence`` and written by sending the whole list
in a partial update (items with an ``id`` are changed, new ones added, the others removed).
An illegal transition answers 409 with the workflow's message; an ``ineligible`` submission 400 with
the failed ``reasons``. Out-of-scope dossiers and attachments are 404.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

import workflow
from accounts.api.base import CachedListMixin, InputSerializer, PrivateFileDownloadMixin, RegistryViewSet
from accounts.api.permissions import require
from accounts.cache import DOSSIERS, TALENTS
from accounts.pagination import NoCountPagination
from eligibility.models import Outcome, Track
from evaluations.filters import AttachmentFilter, DossierFilter
from evaluations.models import Attachment, Dossier, EvidenceItem, EvidenceKind
from evaluations.rules import ONLY_CLERKS_DRAFT, can_draft_dossiers
from evaluations.selectors.dossiers import attachment_get, attachment_list, dossier_api_list, dossier_get
from evaluations.selectors.rounds import round_list
from evaluations.services.attachments import attachment_add, attachment_remove
from evaluations.services.dossiers import (
    IneligibleError,
    dossier_create,
    dossier_submit,
    dossier_update,
    dossier_withdraw,
    evidence_set,
)
from evaluations.workflow import DOSSIER_WORKFLOW
from talents.api.serializers import ScopedTalentField

NO_SUCH_ROUND = _("No such open round.")
NO_SUCH_DOSSIER = _("No such dossier.")


# Output


class EvidenceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceItem
        fields = ["id", "kind", "description", "date", "position"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "dossier",
            "evidence_item",
            "name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "removed_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        request = self.context.get("request")
        url = reverse("api:attachment-download", kwargs={"pk": attachment.pk})
        return request.build_absolute_uri(url) if request is not None else url


class DossierSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    talent_id_number_masked = serializers.CharField(source="talent.masked_id_number", read_only=True)
    round_title = serializers.CharField(source="round.title", read_only=True)
    evidence = EvidenceItemSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()
    current_revision = serializers.IntegerField(source="current_revision.number", read_only=True, allow_null=True)
    # "" until the dossier's eligibility is checked (the model's blank choice): declared, so the schema allows it.
    eligibility_outcome = serializers.ChoiceField(
        choices=Outcome.choices, allow_blank=True, read_only=True, label=_("eligibility")
    )

    class Meta:
        model = Dossier
        fields = [
            "id",
            "round",
            "round_title",
            "talent",
            "talent_name",
            "talent_id_number_masked",
            "organisation",
            "track",
            "target_level",
            "status",
            "high_skilled_group",
            "eligibility_outcome",
            "eligibility_check",
            "current_revision",
            "evidence",
            "attachments",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, dossier):
        rows = getattr(dossier, "current_attachments", None)
        if rows is None:
            rows = dossier.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "pk")
        return [self._attachment_dict(attachment) for attachment in rows]

    def _attachment_dict(self, attachment) -> dict:
        """AttachmentSerializer's output as a plain dict (no serializer built per row; the download URL
        reversed once per response, docs/scale.md)."""
        if not hasattr(self, "_download_url"):
            request = self.context.get("request")
            url = reverse("api:attachment-download", kwargs={"pk": 987654321})
            self._download_url = request.build_absolute_uri(url) if request is not None else url
            self._datetime = serializers.DateTimeField()
        return {
            "id": attachment.pk,
            "dossier": attachment.dossier_id,
            "evidence_item": attachment.evidence_item_id,
            "name": attachment.original_name,
            "content_type": attachment.content_type,
            "size": attachment.size,
            "sha256": attachment.sha256,
            "uploaded_at": self._datetime.to_representation(attachment.uploaded_at),
            "removed_at": self._datetime.to_representation(attachment.removed_at) if attachment.removed_at else None,
            "download_url": self._download_url.replace("987654321", str(attachment.pk)),
        }


class DossierDetailSerializer(DossierSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = [*DossierSerializer.Meta.fields, "actions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, dossier) -> list[str]:
        """The workflow actions the caller may take now (for a clerk: submit, withdraw)."""
        return workflow.allowed_actions(DOSSIER_WORKFLOW, self.context["request"].user, dossier)


# Input


@extend_schema_field(OpenApiTypes.INT)
class OpenRoundField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_ROUND, "incorrect_type": NO_SUCH_ROUND}

    def get_queryset(self):
        # Every round the caller may see; the service answers a closed window with its own message.
        return round_list(actor=self.context["request"].user)


class EvidenceInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text=_("An existing item of this dossier; omit for a new one."))
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    description = serializers.CharField(max_length=5000)
    date = serializers.DateField()


class DossierCreateSerializer(InputSerializer):
    round = OpenRoundField()
    talent = ScopedTalentField()
    track = serializers.ChoiceField(choices=Track.choices)
    target_level = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text=_("Omitted: the round's target level.")
    )


class DossierUpdateSerializer(InputSerializer):
    unchangeable_fields = ("round", "talent", "organisation", "status")

    track = serializers.ChoiceField(choices=Track.choices, required=False)
    target_level = serializers.CharField(max_length=40, required=False)
    evidence = EvidenceInputSerializer(
        many=True, required=False, help_text=_("The whole list of evidence items: items not named are removed.")
    )


class WithdrawSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AttachmentUploadSerializer(serializers.Serializer):
    dossier = serializers.IntegerField()
    file = serializers.FileField(help_text=_("PDF, JPEG or PNG (checked by content), at most 10 MB."))
    evidence_item = serializers.IntegerField(required=False, allow_null=True)


IneligibleAnswer = inline_serializer(
    "DossierIneligibleAnswer",
    fields={
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "reasons": inline_serializer(
            "DossierIneligibleReason",
            fields={
                "rule": serializers.CharField(),
                "passed": serializers.BooleanField(),
                "explanation": serializers.CharField(),
                "source": serializers.CharField(),
            },
            many=True,
        ),
    },
)
CONFLICT = OpenApiResponse(description=_("Illegal in the dossier's current state (the workflow's message)."))


@extend_schema_view(
    create=extend_schema(request=DossierCreateSerializer, responses={201: DossierDetailSerializer}),
    partial_update=extend_schema(
        request=DossierUpdateSerializer, responses={200: DossierDetailSerializer, 409: CONFLICT}
    ),
)
class DossierViewSet(CachedListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Dossiers in the caller's scope (a clerk: their organisation's; officials: their regions'; experts:
    their committees' from assessment on). Clerks create, edit, submit and withdraw. The list has
    ``next``/``previous`` and no ``count`` unless ``?count=1`` (docs/scale.md)."""

    pagination_class = NoCountPagination
    cache_name = "api-dossiers"
    cache_areas = (DOSSIERS, TALENTS)

    serializer_class = DossierSerializer
    filterset_class = DossierFilter
    ordering_fields = ["id", "updated_at", "submitted_at", "created_at"]
    selector_get = staticmethod(dossier_get)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return dossier_api_list(actor=self.request.user).order_by("-updated_at", "-pk")

    def get_serializer_class(self):
        return DossierSerializer if self.action == "list" else DossierDetailSerializer

    def create(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        data = self.validated(DossierCreateSerializer)
        dossier = dossier_create(
            actor=request.user,
            round=data["round"],
            talent=data["talent"],
            track=data["track"],
            target_level=data.get("target_level") or None,
            request=request,
        )
        return self.respond(dossier, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        dossier = self.get_object()
        data = self.validated(DossierUpdateSerializer, partial=True)
        if "track" in data or "target_level" in data:
            dossier = dossier_update(
                actor=request.user,
                dossier=dossier,
                track=data.get("track", dossier.track),
                target_level=data.get("target_level", dossier.target_level),
                request=request,
            )
        if "evidence" in data:
            evidence_set(actor=request.user, dossier=dossier, items=data["evidence"], request=request)
        return self.respond(dossier)

    @extend_schema(
        request=None,
        responses={200: DossierDetailSerializer, 400: IneligibleAnswer, 409: CONFLICT},
        description=_(
            "Submit (or resubmit after a return or withdrawal) within the round's window: the eligibility check "
            "is stored, a revision frozen. An ineligible outcome refuses it with the failed reasons."
        ),
    )
    @action(detail=True, methods=["post"], url_path="submit", url_name="submit")
    def submit(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        dossier = self.get_object()
        try:
            dossier = dossier_submit(actor=request.user, dossier=dossier, request=request)
        except IneligibleError as error:
            body = {"code": error.code, "detail": str(error.message), "reasons": error.reasons}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return self.respond(dossier)

    @extend_schema(request=WithdrawSerializer, responses={200: DossierDetailSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="withdraw", url_name="withdraw")
    def withdraw(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        dossier = self.get_object()
        data = self.validated(WithdrawSerializer)
        dossier = dossier_withdraw(
            actor=request.user, dossier=dossier, comment=data.get("comment", ""), request=request
        )
        return self.respond(dossier)


@extend_schema_view(
    create=extend_schema(request=AttachmentUploadSerializer, responses={201: AttachmentSerializer}),
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
)
class AttachmentViewSet(PrivateFileDownloadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Attachments of dossiers in the caller's scope. The list shows current files unless ``removed`` is
    given; ``download`` serves the file as an attachment with its detected type."""

    serializer_class = AttachmentSerializer
    filterset_class = AttachmentFilter
    ordering_fields = ["id", "uploaded_at", "size"]
    selector_get = staticmethod(attachment_get)
    parser_classes = [MultiPartParser, FormParser]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        queryset = attachment_list(actor=self.request.user).order_by("uploaded_at", "pk")
        if "removed" not in self.request.query_params:
            queryset = queryset.filter(removed_at__isnull=True)
        return queryset

    def create(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        data = self.validated(AttachmentUploadSerializer)
        dossier = dossier_get(actor=request.user, pk=data["dossier"])
        evidence_item = None
        if data.get("evidence_item") is not None:
            evidence_item = EvidenceItem.objects.filter(dossier=dossier, pk=data["evidence_item"]).first()
            if evidence_item is None:
                raise serializers.ValidationError(
                    {"evidence_item": [_("This evidence item belongs to another dossier.")]}
                )
        attachment = attachment_add(
            actor=request.user, dossier=dossier, upload=data["file"], evidence_item=evidence_item, request=request
        )
        return self.respond(attachment, status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        require(can_draft_dossiers(request.user), ONLY_CLERKS_DRAFT)
        attachment = self.get_object()
        attachment_remove(actor=request.user, attachment=attachment, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns: list = []


def register(router) -> None:
    router.register("dossiers", DossierViewSet, basename="dossier")
    router.register("attachments", AttachmentViewSet, basename="attachment")
