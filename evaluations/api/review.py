"""API of the officials' review (docs/interfaces.md): ``POST dossiers/{id}/review/`` with a decision and a
comment, and ``GET/POST dossiers/{id}/comments/``. Plain views, routed before the router's dossiers.

Role first (403 before anything is looked up), then the scoped dossier (404 outside scope), then the
input (400 with field messages), then the same services as the pages (403 not this official's step,
409 not possible in the dossier's state, with the message).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.permissions import require
from evaluations.models import CommentVisibility, DossierStatus, ReviewDecision, ReviewLevel
from evaluations.rules import ONLY_PARTIES_COMMENT, ONLY_REVIEWERS, can_comment, can_decide_reviews
from evaluations.selectors.review import dossier_comments, dossier_for_reading
from evaluations.services.comments import BODY_MAX_LENGTH, dossier_comment_add
from evaluations.services.review import COMMENT_MAX_LENGTH, dossier_review

ERROR = inline_serializer(
    "EvaluationsErrorAnswer",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
    },
)


class ReviewRequestSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=ReviewDecision.choices, error_messages={"invalid_choice": _("Choose approve, return or reject.")}
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Required to return or reject; the enterprise reads it with the decision."),
    )


class ReviewRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    level = serializers.ChoiceField(choices=ReviewLevel.choices)
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    comment = serializers.CharField()
    revision = serializers.IntegerField(source="revision.number")
    reviewer = serializers.CharField(source="reviewer.username")
    decided_at = serializers.DateTimeField()


class ReviewAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DossierStatus.choices)
    status_label = serializers.CharField()
    review = ReviewRecordSerializer()


class DossierReviewView(APIView):
    """An official's decision on a dossier: approve, return (comment required) or reject (comment required)."""

    @extend_schema(
        operation_id="dossiers_review",
        request=ReviewRequestSerializer,
        responses={
            200: ReviewAnswerSerializer,
            400: OpenApiResponse(
                description=_("Bad input: field messages (a comment is required to return or reject).")
            ),
            403: OpenApiResponse(ERROR, description=_("Not an official whose step this is.")),
            404: OpenApiResponse(description=_("No such dossier in your scope.")),
            409: OpenApiResponse(
                ERROR, description=_("Not possible in the dossier's state (decided by someone else).")
            ),
        },
        tags=["dossiers"],
    )
    def post(self, request, pk):
        require(can_decide_reviews(request.user), ONLY_REVIEWERS)
        dossier = dossier_for_reading(actor=request.user, pk=pk)
        serializer = ReviewRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        updated = dossier_review(
            actor=request.user,
            dossier=dossier,
            decision=data["decision"],
            comment=data.get("comment", ""),
            request=request,
        )
        answer = {
            "id": updated.pk,
            "status": updated.status,
            "status_label": str(updated.get_status_display()),
            "review": ReviewRecordSerializer(updated.recorded_review).data,
        }
        return Response(answer, status=status.HTTP_200_OK)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    body = serializers.CharField(max_length=BODY_MAX_LENGTH)
    visibility = serializers.ChoiceField(
        choices=CommentVisibility.choices,
        required=False,
        allow_blank=True,
        help_text=_(
            "Officials choose; a clerk's comment is always visible to the enterprise, an expert's always internal."
        ),
    )
    revision = serializers.IntegerField(source="revision.number", read_only=True, allow_null=True)
    author = serializers.CharField(source="author.username", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class DossierCommentsView(APIView):
    """The dossier's comments the caller may read (clerks: those visible to the enterprise), and adding one."""

    @extend_schema(
        operation_id="dossiers_comments_list", responses={200: CommentSerializer(many=True)}, tags=["dossiers"]
    )
    def get(self, request, pk):
        dossier = dossier_for_reading(actor=request.user, pk=pk)
        comments = dossier_comments(actor=request.user, dossier=dossier)
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(
        operation_id="dossiers_comments_create",
        request=CommentSerializer,
        responses={
            201: CommentSerializer,
            400: OpenApiResponse(description=_("Bad input: field messages.")),
            403: OpenApiResponse(ERROR, description=_("This role may not comment on the dossier.")),
            404: OpenApiResponse(description=_("No such dossier in your scope.")),
        },
        tags=["dossiers"],
    )
    def post(self, request, pk):
        require(can_comment(request.user), ONLY_PARTIES_COMMENT)
        dossier = dossier_for_reading(actor=request.user, pk=pk)
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = dossier_comment_add(
            actor=request.user,
            dossier=dossier,
            body=serializer.validated_data["body"],
            visibility=serializer.validated_data.get("visibility", ""),
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("dossiers/<int:pk>/review/", DossierReviewView.as_view(), name="dossier-review"),
    path("dossiers/<int:pk>/comments/", DossierCommentsView.as_view(), name="dossier-comments"),
]


def register(router) -> None:
    return None
