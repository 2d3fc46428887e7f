"""API: nominations (list, retrieve, create, partial update while a draft or returned; actions ``submit``,
``withdraw``, ``recommend``, ``return``, ``reject``, each answering the nomination with the ``actions``
the caller may take next) and their attachments (multipart upload, ``download``, delete = removal).

Out-of-scope nominations and attachments are 404; an illegal step 409 with the workflow's message; a
nominee failing the campaign's criteria 400 with every ``reasons`` entry (docs/commendations.md).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

import workflow
from accounts.api.base import InputSerializer, PrivateFileDownloadMixin, RegistryViewSet
from accounts.api.permissions import require
from accounts.models import Organisation
from accounts.pagination import NoCountPagination
from accounts.scoping import organisation_scope
from commendations.filters import NominationFilter
from commendations.models import Nomination, NominationAttachment
from commendations.rules import ONLY_NOMINATORS, can_nominate
from commendations.selectors import campaign_list
from commendations.selectors.nominations import (
    nomination_attachment_get,
    nomination_attachments,
    nomination_get,
    nomination_list,
)
from commendations.services.nominations import (
    CriteriaFailedError,
    nomination_attachment_add,
    nomination_attachment_remove,
    nomination_create,
    nomination_criteria,
    nomination_recommend,
    nomination_reject,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from commendations.services.review import nomination_review_start
from commendations.workflow import NOMINATION_WORKFLOW
from talents.api.serializers import ScopedTalentField

NO_SUCH_CAMPAIGN = _("No such campaign.")
NO_SUCH_ORGANISATION = _("No such organisation.")
NO_SUCH_NOMINATION = _("No such nomination.")


# Output


class NominationAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = NominationAttachment
        fields = ["id", "nomination", "name", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        from django.urls import reverse

        url = reverse("api:nomination-attachment-download", kwargs={"pk": attachment.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class NominationSerializer(serializers.ModelSerializer):
    campaign_title = serializers.CharField(source="campaign.__str__", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True, allow_null=True)
    nominee_organisation_name = serializers.CharField(
        source="nominee_organisation.name", read_only=True, allow_null=True
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    nominated_by = serializers.CharField(source="nominated_by.username", read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "campaign",
            "campaign_title",
            "talent",
            "talent_name",
            "nominee_organisation",
            "nominee_organisation_name",
            "organisation",
            "organisation_name",
            "nominated_by",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields


class NominationDetailSerializer(NominationSerializer):
    talent_id_number_masked = serializers.CharField(source="talent.masked_id_number", read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta(NominationSerializer.Meta):
        fields = [
            *NominationSerializer.Meta.fields,
            "talent_id_number_masked",
            "achievements",
            "recommendation",
            "criteria",
            "attachments",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, nomination) -> list[str]:
        """The workflow actions the caller may take now."""
        return workflow.allowed_actions(NOMINATION_WORKFLOW, self.context["request"].user, nomination)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_criteria(self, nomination):
        """The nominee against the campaign's criteria: ``outcome`` and every ``reasons`` entry (rule,
        clause, passed — null when not considered —, explanation, source); null for an organisation."""
        result = nomination_criteria(nomination)
        if result is None:
            return None
        return {"outcome": result.outcome, "reasons": result.reasons}

    @extend_schema_field(NominationAttachmentSerializer(many=True))
    def get_attachments(self, nomination):
        rows = nomination_attachments(nomination=nomination)
        return NominationAttachmentSerializer(rows, many=True, context=self.context).data


# Input


@extend_schema_field(OpenApiTypes.INT)
class ScopedCampaignField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_CAMPAIGN, "incorrect_type": NO_SUCH_CAMPAIGN}

    def get_queryset(self):
        return campaign_list(actor=self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class ScopedOrganisationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_ORGANISATION, "incorrect_type": NO_SUCH_ORGANISATION}

    def get_queryset(self):
        return Organisation.objects.filter(organisation_scope(self.context["request"].user))


class NominationCreateSerializer(InputSerializer):
    campaign = ScopedCampaignField()
    talent = ScopedTalentField(required=False, allow_null=True, help_text=_("For a campaign of individual talents."))
    nominee_organisation = ScopedOrganisationField(
        required=False, allow_null=True, help_text=_("For a campaign of organisations.")
    )
    achievements = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    recommendation = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class NominationUpdateSerializer(InputSerializer):
    unchangeable_fields = ("campaign", "talent", "nominee_organisation", "organisation", "status")

    achievements = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    recommendation = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class NominationCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class NominationAttachmentUploadSerializer(serializers.Serializer):
    nomination = serializers.IntegerField()
    file = serializers.FileField(help_text=_("PDF, JPEG or PNG (checked by content), at most 10 MB."))


CONFLICT = OpenApiResponse(description=_("Illegal in the nomination's current state (the workflow's message)."))
CRITERIA_FAILED = OpenApiResponse(description=_("The nominee fails the campaign's criteria: every reason."))


def _action_schema(description):
    return extend_schema(
        request=NominationCommentSerializer,
        responses={200: NominationDetailSerializer, 400: CRITERIA_FAILED, 409: CONFLICT},
        description=description,
    )


@extend_schema_view(
    create=extend_schema(request=NominationCreateSerializer, responses={201: NominationDetailSerializer}),
    partial_update=extend_schema(
        request=NominationUpdateSerializer, responses={200: NominationDetailSerializer, 409: CONFLICT}
    ),
)
class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Nominations in the caller's scope (a clerk: their organisation's; a city: its own; a province: its
    province's; the ministry: national campaigns'). Clerks and city officials draft, edit, submit and
    withdraw; officials recommend, return and reject. The list has ``next``/``previous`` and no ``count``
    unless ``?count=1`` (docs/scale.md)."""

    pagination_class = NoCountPagination
    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    ordering_fields = ["id", "created_at", "submitted_at"]
    selector_get = staticmethod(nomination_get)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return nomination_list(actor=self.request.user)

    def get_serializer_class(self):
        return NominationSerializer if self.action == "list" else NominationDetailSerializer

    def create(self, request, *args, **kwargs):
        require(can_nominate(request.user), ONLY_NOMINATORS)
        data = self.validated(NominationCreateSerializer)
        nomination = nomination_create(
            actor=request.user,
            campaign=data["campaign"],
            talent=data.get("talent"),
            nominee_organisation=data.get("nominee_organisation"),
            achievements=data.get("achievements", ""),
            recommendation=data.get("recommendation", ""),
            request=request,
        )
        return self.respond(nomination, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        require(can_nominate(request.user), ONLY_NOMINATORS)
        nomination = self.get_object()
        data = self.validated(NominationUpdateSerializer, partial=True)
        nomination = nomination_update(
            actor=request.user,
            nomination=nomination,
            achievements=data.get("achievements"),
            recommendation=data.get("recommendation"),
            request=request,
        )
        return self.respond(nomination)

    def _step(self, service, *, with_comment: bool = True):
        nomination = self.get_object()
        kwargs = {}
        if with_comment:
            kwargs["comment"] = self.validated(NominationCommentSerializer).get("comment", "")
        nomination = service(actor=self.request.user, nomination=nomination, request=self.request, **kwargs)
        return self.respond(nomination)

    @_action_schema(
        _(
            "Submit (or resubmit after a return) inside the campaign's window; a nominee failing the "
            "campaign's criteria is refused with every reason."
        )
    )
    @action(detail=True, methods=["post"], url_path="submit", url_name="submit")
    def submit(self, request, *args, **kwargs):
        try:
            return self._step(nomination_submit, with_comment=False)
        except CriteriaFailedError as error:
            body = {"code": error.code, "detail": str(error.message), "reasons": error.reasons}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)

    @_action_schema(_("The nominator takes the nomination back before the province decides."))
    @action(detail=True, methods=["post"], url_path="withdraw", url_name="withdraw")
    def withdraw(self, request, *args, **kwargs):
        return self._step(nomination_withdraw)

    @_action_schema(_("Recommend one level up; the province's recommendation takes one of its quota's places."))
    @action(detail=True, methods=["post"], url_path="recommend", url_name="recommend")
    def recommend(self, request, *args, **kwargs):
        return self._step(nomination_recommend)

    @_action_schema(_("Return to the nominator for revision (comment required)."))
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, *args, **kwargs):
        return self._step(nomination_return)

    @_action_schema(_("Send a nomination the province recommended to the campaign's expert committee (named first)."))
    @action(detail=True, methods=["post"], url_path="start-review", url_name="start-review")
    def start_review(self, request, *args, **kwargs):
        return self._step(nomination_review_start, with_comment=False)

    @_action_schema(_("Reject the nomination (comment required)."))
    @action(detail=True, methods=["post"], url_path="reject", url_name="reject")
    def reject(self, request, *args, **kwargs):
        return self._step(nomination_reject)


@extend_schema_view(
    create=extend_schema(request=NominationAttachmentUploadSerializer, responses={201: NominationAttachmentSerializer}),
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
)
class NominationAttachmentViewSet(PrivateFileDownloadMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Attachments of nominations in the caller's scope (listed on the nomination); ``download`` serves the
    file as an attachment with its detected type."""

    serializer_class = NominationAttachmentSerializer
    selector_get = staticmethod(nomination_attachment_get)
    parser_classes = [MultiPartParser, FormParser]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return NominationAttachment.objects.none()

    def create(self, request, *args, **kwargs):
        require(can_nominate(request.user), ONLY_NOMINATORS)
        data = self.validated(NominationAttachmentUploadSerializer)
        nomination = nomination_get(actor=request.user, pk=data["nomination"])
        attachment = nomination_attachment_add(
            actor=request.user, nomination=nomination, upload=data["file"], request=request
        )
        return self.respond(attachment, status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        require(can_nominate(request.user), ONLY_NOMINATORS)
        attachment = self.get_object()
        nomination_attachment_remove(actor=request.user, attachment=attachment, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns: list = []


def register(router) -> None:
    router.register("nominations", NominationViewSet, basename="nomination")
    router.register("nomination-attachments", NominationAttachmentViewSet, basename="nomination-attachment")
