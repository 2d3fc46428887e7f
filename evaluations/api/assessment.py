"""API of the assessment area: a dossier's scores (list, enter), votes (tally, cast), closing of scoring
and the committee's decision. Role first (403), then the scoped dossier (404), then the same services
as the pages (400 bad input, 403 conflicted or not the chair, 409 wrong state, second vote, no quorum).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.permissions import require
from accounts.models import Role
from committees.serializers import TallySerializer
from evaluations.models import DossierStatus, Method, Score, VoteChoice
from evaluations.rules import can_see_all_scores
from evaluations.selectors.assessment import current_exemptions, dossier_for_assessment, dossier_tally, scores_for
from evaluations.services.assessment import (
    assessment_complete,
    committee_decide,
    method_results,
    score_enter,
    vote_cast,
)

ONLY_MEMBERS = _("Only committee members score and vote.")
ONLY_ASSESSORS = _("Only committee members and officials see a dossier's assessment.")
ONLY_CHAIR_OR_PROVINCE = _("Only the committee's chair or a provincial official may do this.")
ONLY_TALLY_READERS = _("Only the committee's chair and officials see the tally.")


def _is_member_role(user) -> bool:
    return user.role == Role.EXPERT


def _is_assessor_role(user) -> bool:
    return user.is_superuser or user.role == Role.EXPERT or user.is_official


def _is_decider_role(user) -> bool:
    return user.role in (Role.EXPERT, Role.PROVINCIAL_OFFICIAL)


def _member_entry(request, pk, input_serializer, service, output_serializer) -> Response:
    """A member's own score or vote on a dossier in scope: the input's fields are the service's arguments."""
    require(_is_member_role(request.user), ONLY_MEMBERS)
    dossier = dossier_for_assessment(actor=request.user, pk=pk)
    serializer = input_serializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    entry = service(actor=request.user, dossier=dossier, request=request, **serializer.validated_data)
    return Response(output_serializer(entry).data, status=status.HTTP_201_CREATED)


class ScoreSerializer(serializers.ModelSerializer):
    expert = serializers.CharField(source="expert.username", read_only=True)
    revision = serializers.IntegerField(source="revision_id", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "method", "value", "expert", "revision", "entered_at"]


class ScoreEnterSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Method.choices)
    value = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class MethodResultSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Method.choices)
    pass_mark = serializers.IntegerField()
    exempt = serializers.BooleanField()
    count = serializers.IntegerField(allow_null=True)
    mean = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)


ScoresAnswer = inline_serializer(
    "DossierScores",
    fields={
        "exempt_methods": serializers.ListField(child=serializers.ChoiceField(choices=Method.choices)),
        "methods": MethodResultSerializer(many=True),
        "scores": ScoreSerializer(many=True),
    },
)


class DossierScoresView(APIView):
    """GET: the scores the caller may see (a member their own; the chair and officials all, with the
    per-method means against the pass marks). POST: enter or correct the caller's score for a method."""

    @extend_schema(responses={200: ScoresAnswer}, tags=["dossiers"], operation_id="dossiers_scores_list")
    def get(self, request, pk):
        require(_is_assessor_role(request.user), ONLY_ASSESSORS)
        dossier = dossier_for_assessment(actor=request.user, pk=pk)
        scores = list(scores_for(actor=request.user, dossier=dossier))
        exempt = current_exemptions(dossier)
        sees_all = can_see_all_scores(request.user, dossier)
        results = method_results(dossier, scores if sees_all else [], exempt)
        methods = [
            {
                "method": r.method,
                "pass_mark": r.pass_mark,
                "exempt": r.exempt,
                "count": r.count if sees_all else None,
                "mean": r.mean if sees_all else None,
                "passed": r.passed if sees_all else None,
            }
            for r in results
        ]
        return Response(
            {
                "exempt_methods": exempt,
                "methods": MethodResultSerializer(methods, many=True).data,
                "scores": ScoreSerializer(scores, many=True).data,
            }
        )

    @extend_schema(
        request=ScoreEnterSerializer,
        responses={201: ScoreSerializer},
        tags=["dossiers"],
        operation_id="dossiers_scores_create",
    )
    def post(self, request, pk):
        return _member_entry(request, pk, ScoreEnterSerializer, score_enter, ScoreSerializer)


class VoteCastSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class VoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    revision = serializers.IntegerField(source="revision_id")
    cast_at = serializers.DateTimeField()


class DossierVotesView(APIView):
    """GET: the tally (the chair and officials). POST: cast the caller's one vote."""

    @extend_schema(responses={200: TallySerializer}, tags=["dossiers"], operation_id="dossiers_votes_tally")
    def get(self, request, pk):
        require(_is_assessor_role(request.user), ONLY_ASSESSORS)
        dossier = dossier_for_assessment(actor=request.user, pk=pk)
        require(can_see_all_scores(request.user, dossier), ONLY_TALLY_READERS)
        tally = dossier_tally(dossier)
        data = {
            "yes": tally.yes,
            "no": tally.no,
            "abstain": tally.abstain,
            "cast": tally.cast,
            "members": tally.members,
            "quorum_reached": tally.quorum_reached,
            "votes_needed_for_quorum": tally.votes_needed_for_quorum,
            "majority_reached": tally.majority_reached,
        }
        return Response(TallySerializer(data).data)

    @extend_schema(
        request=VoteCastSerializer,
        responses={201: VoteSerializer},
        tags=["dossiers"],
        operation_id="dossiers_votes_cast",
    )
    def post(self, request, pk):
        return _member_entry(request, pk, VoteCastSerializer, vote_cast, VoteSerializer)


DecisionAnswer = inline_serializer(
    "DossierStatusAnswer",
    fields={"id": serializers.IntegerField(), "status": serializers.ChoiceField(choices=DossierStatus.choices)},
)


class DossierScoringCompleteView(APIView):
    """The chair or a provincial official closes scoring: the dossier goes before the committee."""

    @extend_schema(request=None, responses={200: DecisionAnswer}, tags=["dossiers"])
    def post(self, request, pk):
        require(_is_decider_role(request.user), ONLY_CHAIR_OR_PROVINCE)
        dossier = dossier_for_assessment(actor=request.user, pk=pk)
        dossier = assessment_complete(actor=request.user, dossier=dossier, request=request)
        return Response({"id": dossier.pk, "status": dossier.status})


class DossierDecideView(APIView):
    """The chair or a provincial official records the committee's decision (passed or failed) from the
    votes and the scores; without a quorum: 409 and nothing changes."""

    @extend_schema(request=None, responses={200: DecisionAnswer}, tags=["dossiers"])
    def post(self, request, pk):
        require(_is_decider_role(request.user), ONLY_CHAIR_OR_PROVINCE)
        dossier = dossier_for_assessment(actor=request.user, pk=pk)
        dossier = committee_decide(actor=request.user, dossier=dossier, request=request)
        return Response({"id": dossier.pk, "status": dossier.status})


urlpatterns = [
    path("dossiers/<int:pk>/scores/", DossierScoresView.as_view(), name="dossier-scores"),
    path("dossiers/<int:pk>/scores/complete/", DossierScoringCompleteView.as_view(), name="dossier-scores-complete"),
    path("dossiers/<int:pk>/votes/", DossierVotesView.as_view(), name="dossier-votes"),
    path("dossiers/<int:pk>/decide/", DossierDecideView.as_view(), name="dossier-decide"),
]


def register(router) -> None:
    return None
