"""API of the expert review (docs/commendations.md#expert-review): the review queue and one
nomination's review, a member's score and vote, the campaign official's decision (one or all), and
the campaign's committee. Role first (403), then the scoped object (404), then the same services as
the pages (400 bad input, 403 not a member or conflicted, 409 wrong state, second vote, no quorum)."""

from typing import cast

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from accounts.models import Role
from accounts.pagination import NoCountPagination
from commendations.filters import ExpertReviewFilter
from commendations.models import NominationStatus
from commendations.rules import (
    ONLY_CAMPAIGN_OFFICIALS as ONLY_OFFICIALS,
)
from commendations.rules import ONLY_REVIEW_MEMBERS as ONLY_MEMBERS
from commendations.rules import ONLY_REVIEWERS, is_campaign_official_role, is_official_of_campaign, is_reviewer_role
from commendations.selectors import campaign_list
from commendations.selectors.review import review_get, review_panel, review_queue
from commendations.services.review import (
    campaign_committee_set,
    nomination_review_decide,
    nomination_review_decide_all,
    nomination_score_enter,
    nomination_vote_cast,
)
from committees.models import Committee, VoteChoice
from committees.selectors import committee_list
from committees.serializers import TallySerializer


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    campaign = serializers.IntegerField(source="campaign_id")
    campaign_title = serializers.CharField(source="campaign.__str__")
    nominee = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name")
    status = serializers.ChoiceField(choices=NominationStatus.choices)
    review_passed = serializers.BooleanField(allow_null=True)
    my_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    my_vote = serializers.ChoiceField(choices=VoteChoice.choices, allow_null=True)
    votes_cast = serializers.IntegerField()

    def get_nominee(self, nomination) -> str:
        return nomination.talent.name if nomination.talent_id else nomination.nominee_organisation.name


class ReviewDetailSerializer(ReviewSerializer):
    achievements = serializers.CharField()
    recommendation = serializers.CharField()
    review_summary = serializers.CharField()
    mean_score = serializers.SerializerMethodField()
    tally = serializers.SerializerMethodField()

    def _panel(self, nomination):
        return review_panel(actor=self.context["request"].user, nomination=nomination)

    def to_representation(self, instance):
        self._current = self._panel(instance)
        return super().to_representation(instance)

    def get_mean_score(self, nomination) -> str | None:
        return None if self._current.mean is None else str(self._current.mean)

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_tally(self, nomination) -> dict | None:
        tally = self._current.tally
        if tally is None:
            return None
        names = ("yes", "no", "abstain", "cast", "members", "quorum_reached", "votes_needed_for_quorum")
        data = {name: getattr(tally, name) for name in (*names, "majority_reached")}
        return TallySerializer(data).data


class ScoreInput(serializers.Serializer):
    value = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class VoteInput(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


EntryAnswer = inline_serializer(
    "NominationReviewEntry",
    fields={"id": serializers.IntegerField(), "nomination": serializers.IntegerField()},
)


class NominationReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Nominations in expert review the caller may see: a member those of their committees' campaigns,
    the campaign's officials theirs. The list has ``next``/``previous`` and no ``count`` unless
    ``?count=1`` (docs/scale.md)."""

    pagination_class = NoCountPagination
    serializer_class = ReviewSerializer
    filterset_class = ExpertReviewFilter
    selector_get = staticmethod(review_get)
    http_method_names = ["get", "post", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require(is_reviewer_role(request.user), ONLY_REVIEWERS)

    def get_queryset(self):
        return review_queue(actor=self.request.user)

    def get_serializer_class(self):
        return ReviewSerializer if self.action == "list" else ReviewDetailSerializer

    def _entry(self, request, service, input_serializer):
        require(request.user.role == Role.EXPERT, ONLY_MEMBERS)
        nomination = self.get_object()
        data = self.validated(input_serializer)
        entry = service(actor=request.user, nomination=nomination, request=request, **data)
        return Response({"id": entry.pk, "nomination": nomination.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ScoreInput, responses={201: EntryAnswer})
    @action(detail=True, methods=["post"], url_path="score", url_name="score")
    def score(self, request, *args, **kwargs):
        return self._entry(request, nomination_score_enter, ScoreInput)

    @extend_schema(request=VoteInput, responses={201: EntryAnswer})
    @action(detail=True, methods=["post"], url_path="vote", url_name="vote")
    def vote(self, request, *args, **kwargs):
        return self._entry(request, nomination_vote_cast, VoteInput)

    @extend_schema(request=None, responses={200: ReviewDetailSerializer})
    @action(detail=True, methods=["post"], url_path="decide", url_name="decide")
    def decide(self, request, *args, **kwargs):
        require(is_campaign_official_role(request.user), ONLY_OFFICIALS)
        nomination = self.get_object()
        nomination = nomination_review_decide(actor=request.user, nomination=nomination, request=request)
        fresh = review_queue(actor=request.user).filter(pk=nomination.pk).first()
        if fresh is None:  # rejected: no longer in expert review
            return Response({"id": nomination.pk, "status": nomination.status, "review_passed": False})
        return Response(ReviewDetailSerializer(fresh, context=self.get_serializer_context()).data)


class CommitteeInput(serializers.Serializer):
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            cast(serializers.PrimaryKeyRelatedField, self.fields["committee"]).queryset = committee_list(
                actor=request.user
            )


def _campaign(request, pk):
    require(is_campaign_official_role(request.user), ONLY_OFFICIALS)
    campaign = get_object_or_404(campaign_list(actor=request.user).select_related("committee"), pk=pk)
    require(is_official_of_campaign(request.user, campaign), ONLY_OFFICIALS)
    return campaign


class CampaignCommitteeView(APIView):
    """The campaign's expert committee: set (or clear, ``null``) by the campaign's officials."""

    @extend_schema(
        request=CommitteeInput,
        responses={200: inline_serializer("CampaignCommittee", fields={"committee": serializers.IntegerField()})},
        tags=["campaigns"],
    )
    def post(self, request, pk):
        campaign = _campaign(request, pk)
        serializer = CommitteeInput(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        campaign = campaign_committee_set(
            actor=request.user, campaign=campaign, committee=serializer.validated_data["committee"], request=request
        )
        return Response({"committee": campaign.committee_id})


class CampaignReviewDecisionsView(APIView):
    """Record the committee's decision on every undecided nomination of the campaign in expert review;
    those without a quorum are left for later."""

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "CampaignReviewDecisions",
                fields={"decided": serializers.IntegerField(), "without_quorum": serializers.IntegerField()},
            )
        },
        tags=["campaigns"],
    )
    def post(self, request, pk):
        campaign = _campaign(request, pk)
        decided, left = nomination_review_decide_all(actor=request.user, campaign=campaign, request=request)
        return Response({"decided": decided, "without_quorum": left})


urlpatterns = [
    path("campaigns/<int:pk>/committee/", CampaignCommitteeView.as_view(), name="campaign-committee"),
    path(
        "campaigns/<int:pk>/review-decisions/", CampaignReviewDecisionsView.as_view(), name="campaign-review-decisions"
    ),
]


def register(router) -> None:
    router.register("nomination-reviews", NominationReviewViewSet, basename="nomination-review")
