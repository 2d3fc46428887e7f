"""API of public notice, conferral and the honours roll (docs/interfaces.md):

- ``POST commendation-notices/`` — a campaign's officials publish its notice (the public reads it and
  objects through the ``notices`` and ``objections`` endpoints, with a receipt number);
- ``POST conferrals/`` — confer one nomination in public notice (409 while the period runs or an
  objection waits);
- ``GET honours-roll/`` — every honour in the caller's scope, filtered like the page, without COUNT.
"""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.base import InputSerializer, RegistryViewSet
from accounts.api.permissions import require
from accounts.pagination import NoCountPagination
from commendations import rules
from commendations.filters import HonourRollFilter
from commendations.models import Nomination
from commendations.selectors import nomination_list
from commendations.selectors.honours import honour_roll
from commendations.selectors.publicity import campaign_get
from commendations.services.conferral import nomination_confer
from commendations.services.publicity import campaign_notice_publish
from talents.models import Honour

NO_SUCH = _("Not found.")


class CampaignNoticeInputSerializer(InputSerializer):
    campaign = serializers.IntegerField(min_value=1)
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text=_("The nominations to list; all that passed expert review when left out."),
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    body = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    issuing_authority = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact = serializers.CharField(max_length=200)


class CampaignNoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    working_days = serializers.IntegerField()
    issuing_authority = serializers.CharField()
    contact = serializers.CharField()
    entry_count = serializers.IntegerField(required=False)


class ConferralInputSerializer(InputSerializer):
    nomination = serializers.IntegerField(min_value=1)


class ConferralSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    honour = serializers.IntegerField(source="honour_id", allow_null=True)
    organisation_award = serializers.SerializerMethodField()

    def get_organisation_award(self, nomination) -> int | None:
        award = getattr(nomination, "organisation_award", None)
        return award.pk if award is not None else None


class CampaignNoticeView(APIView):
    @extend_schema(
        request=CampaignNoticeInputSerializer,
        responses={201: CampaignNoticeSerializer},
        tags=["commendations"],
        operation_id="commendation_notices_create",
        description=_("Publish the public notice of a campaign's nominations that passed expert review."),
    )
    def post(self, request):
        data = CampaignNoticeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        campaign = campaign_get(actor=request.user, pk=values.pop("campaign"))
        require(rules.can_publish_campaign_notice(request.user, campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
        notice = campaign_notice_publish(actor=request.user, campaign=campaign, request=request, **values)
        answer = CampaignNoticeSerializer(notice).data | {"entry_count": notice.entries.count()}
        return Response(answer, status=status.HTTP_201_CREATED)


class ConferralView(APIView):
    @extend_schema(
        request=ConferralInputSerializer,
        responses={200: ConferralSerializer},
        tags=["commendations"],
        operation_id="conferrals_create",
        description=_(
            "Confer a nomination in public notice: its honour (or the organisation's award) is recorded. "
            "Refused (409) while the notice period runs or an objection waits."
        ),
    )
    def post(self, request):
        data = ConferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nomination = nomination_list(actor=request.user).filter(pk=data.validated_data["nomination"]).first()
        if nomination is None:
            raise Http404
        require(rules.can_confer(request.user, nomination.campaign), rules.ONLY_CAMPAIGN_OFFICIALS)
        nomination = nomination_confer(actor=request.user, nomination=nomination, request=request)
        nomination = Nomination.objects.select_related("organisation_award").get(pk=nomination.pk)
        return Response(ConferralSerializer(nomination).data)


class HonourRollSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    masked_id_number = serializers.CharField(source="talent.masked_id_number", read_only=True)
    employer = serializers.CharField(source="talent.employer.name", read_only=True)
    region = serializers.CharField(source="talent.employer.region.code", read_only=True)
    award = serializers.CharField(source="award.code", read_only=True)
    level = serializers.CharField(source="award.level", read_only=True)
    # A plain code, so the schema has one "source" enum (the registry's honours own it).
    source = serializers.CharField(read_only=True)
    campaign = serializers.SerializerMethodField()

    class Meta:
        model = Honour
        fields = [
            "id",
            "talent",
            "talent_name",
            "masked_id_number",
            "employer",
            "region",
            "award",
            "level",
            "conferred_on",
            "conferring_body",
            "source",
            "campaign",
            "revoked_at",
        ]
        read_only_fields = fields

    def get_campaign(self, honour) -> int | None:
        nomination = getattr(honour, "nomination", None)
        return nomination.campaign_id if nomination is not None else None


@extend_schema(tags=["commendations"])
class HonourRollViewSet(mixins.ListModelMixin, RegistryViewSet):
    """The honours roll: every honour of the talents in the caller's scope, newest first; ``next`` and
    ``previous`` without ``count`` unless ``?count=1``."""

    pagination_class = NoCountPagination
    serializer_class = HonourRollSerializer
    filterset_class = HonourRollFilter

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require(rules.can_see_honours_roll(request.user), rules.NO_HONOURS_ROLL)

    def get_queryset(self):
        return honour_roll(actor=self.request.user, filters={})


urlpatterns = [
    path("commendation-notices/", CampaignNoticeView.as_view(), name="commendation-notice-create"),
    path("conferrals/", ConferralView.as_view(), name="conferral-create"),
]


def register(router) -> None:
    router.register("honours-roll", HonourRollViewSet, basename="honours-roll")
