"""API: commendation campaigns (list, retrieve, create, update, ``close``, ``conclude``) and their
quotas (``campaigns/{id}/quotas/``: the table, and setting one region's quota).

The award catalogue is ``/api/v1/awards/`` (catalogues.api). Reads go through the scoped selectors
(out of scope → 404); writes call the same services as the pages (docs/conventions.md §7).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

import workflow
from accounts.api.base import InputSerializer, RegistryViewSet, code_field
from accounts.api.permissions import require
from accounts.models import Region
from accounts.pagination import NoCountPagination
from catalogues.models import Award
from commendations.filters import CampaignFilter
from commendations.models import Campaign, NomineeKind
from commendations.rules import (
    NO_CAMPAIGN_ACCESS,
    ONLY_CAMPAIGN_MANAGERS,
    ONLY_CAMPAIGN_ORGANISERS,
    ONLY_QUOTA_SETTERS,
    can_browse_campaigns,
    can_create_campaigns,
    can_manage_campaign,
    may_set_quotas,
)
from commendations.selectors.campaigns import campaign_get, campaign_list, campaign_quota_table
from commendations.services.campaigns import campaign_close, campaign_conclude, campaign_create, campaign_update
from commendations.services.quotas import quota_set
from commendations.workflow import CAMPAIGN_WORKFLOW
from eligibility.models import RuleSet, RuleSetStatus
from eligibility.selectors.criteria import clause_statements

NO_SUCH_RULE_SET = _("No such published rule set.")
CONFLICT = OpenApiResponse(description=_("Illegal in the campaign's current state (the message says why)."))


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField()
    rule = serializers.CharField()
    text = serializers.CharField()


class CampaignSerializer(serializers.ModelSerializer):
    award = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_name = serializers.CharField(source="award.display_name", read_only=True)
    award_level = serializers.CharField(source="award.level", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.display_name", read_only=True)
    criteria_rule_set = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "award",
            "award_name",
            "award_level",
            "year",
            "region",
            "region_name",
            "nominee_kind",
            "opens_on",
            "closes_on",
            "publicity_working_days",
            "status",
            "criteria_rule_set",
            "criteria_clauses",
            "criteria",
            "allowed_actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "code": {"type": "string"}, "version": {"type": "integer"}},
        }
    )
    def get_criteria_rule_set(self, campaign) -> dict | None:
        rule_set = campaign.criteria_rule_set
        return None if rule_set is None else {"id": rule_set.pk, "code": rule_set.code, "version": rule_set.version}

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, campaign) -> list[dict]:
        """The criteria as readable clause statements, in the request's language."""
        if campaign.criteria_rule_set is None:
            return []
        return clause_statements(campaign.criteria_clauses, campaign.criteria_rule_set, get_language() or "zh-hans")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, campaign) -> list[str]:
        return workflow.allowed_actions(CAMPAIGN_WORKFLOW, self.context["request"].user, campaign)


@extend_schema_field(OpenApiTypes.INT)
class PublishedRuleSetField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_RULE_SET, "incorrect_type": NO_SUCH_RULE_SET}

    def get_queryset(self):
        return RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED)


class CampaignInputSerializer(InputSerializer):
    award = code_field(Award.objects.all(), help_text=_("An award code of /api/v1/awards/, of the region's level."))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    publicity_working_days = serializers.IntegerField(min_value=1, max_value=30, required=False, default=5)
    criteria_rule_set = PublishedRuleSetField(
        required=False, allow_null=True, help_text=_("A published rule set's id.")
    )
    criteria_clauses = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        max_length=50,
        help_text=_("Clause codes of the rule set (docs/rules.md), e.g. R1.high_skilled."),
    )
    unchangeable_fields = ("region", "status")


class CampaignStepSerializer(InputSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class QuotaRowSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.display_name")
    quota = serializers.IntegerField(allow_null=True)
    used = serializers.IntegerField()
    left = serializers.IntegerField(allow_null=True)


class QuotaInputSerializer(InputSerializer):
    region = code_field(Region.objects.all(), help_text=_("GB/T 2260 code of the region."))
    quota = serializers.IntegerField(min_value=0, max_value=100000)


@extend_schema_view(
    create=extend_schema(request=CampaignInputSerializer, responses={201: CampaignSerializer}),
    partial_update=extend_schema(request=CampaignInputSerializer, responses={200: CampaignSerializer, 409: CONFLICT}),
)
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Commendation campaigns of the caller's region and above. Officials open their region's campaigns
    and change, close and conclude them; the list has ``next``/``previous`` and no ``count`` unless
    ``?count=1`` (docs/scale.md)."""

    pagination_class = NoCountPagination
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
    ordering_fields = ["id", "year", "opens_on", "closes_on"]
    selector_get = staticmethod(campaign_get)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return campaign_list(actor=self.request.user)

    def list(self, request, *args, **kwargs):
        require(can_browse_campaigns(request.user), NO_CAMPAIGN_ACCESS)
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        require(can_create_campaigns(request.user), ONLY_CAMPAIGN_ORGANISERS)
        campaign = campaign_create(actor=request.user, request=request, **self.validated(CampaignInputSerializer))
        return self.respond(campaign, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        campaign = self.get_object()
        data = self.validated(CampaignInputSerializer, partial=True)
        campaign = campaign_update(actor=request.user, campaign=campaign, request=request, **data)
        return self.respond(campaign)

    @extend_schema(request=CampaignStepSerializer, responses={200: CampaignSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="close", url_name="close")
    def close(self, request, *args, **kwargs):
        """Stop taking nominations."""
        campaign = self.get_object()
        require(can_manage_campaign(request.user, campaign), ONLY_CAMPAIGN_MANAGERS)
        comment = self.validated(CampaignStepSerializer).get("comment", "")
        return self.respond(campaign_close(actor=request.user, campaign=campaign, comment=comment, request=request))

    @extend_schema(request=CampaignStepSerializer, responses={200: CampaignSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="conclude", url_name="conclude")
    def conclude(self, request, *args, **kwargs):
        """Conclude a closed campaign once no nomination is undecided."""
        campaign = self.get_object()
        require(can_manage_campaign(request.user, campaign), ONLY_CAMPAIGN_MANAGERS)
        comment = self.validated(CampaignStepSerializer).get("comment", "")
        return self.respond(campaign_conclude(actor=request.user, campaign=campaign, comment=comment, request=request))

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={200: QuotaRowSerializer(many=True)},
        description=_("Each region's quota, places used (recommended by the province or further) and left."),
    )
    @extend_schema(
        methods=["POST"],
        request=QuotaInputSerializer,
        responses={200: QuotaRowSerializer(many=True), 409: CONFLICT},
        description=_("Set one region's quota; the regions under a region never hold more places than it."),
    )
    @action(detail=True, methods=["get", "post"], url_path="quotas", url_name="quotas", pagination_class=None)
    def quotas(self, request, *args, **kwargs):
        if request.method == "POST":
            require(may_set_quotas(request.user), ONLY_QUOTA_SETTERS)
        campaign = self.get_object()
        if request.method == "POST":
            data = self.validated(QuotaInputSerializer)
            quota_set(
                actor=request.user, campaign=campaign, region=data["region"], quota=data["quota"], request=request
            )
        rows = campaign_quota_table(actor=request.user, campaign=campaign)
        return Response(QuotaRowSerializer(rows, many=True).data)


urlpatterns: list = []


def register(router) -> None:
    router.register("campaigns", CampaignViewSet, basename="campaign")
