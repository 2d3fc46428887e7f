"""API: evaluation rounds (list, retrieve, create) and review committees (list, retrieve).

Reads go through the scoped selectors (out of scope → 404); a create checks the role first (403,
with R8's message for an enterprise not allowed to self-evaluate) and calls the same service as the page.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status

from accounts.api.base import InputSerializer, RegistryViewSet, code_field
from accounts.api.permissions import require
from accounts.models import Role
from catalogues.models import Occupation, TitleSeries
from catalogues.selectors import active_entries
from committees.selectors import committee_choices, committee_get, committee_list
from evaluations.filters import RoundFilter
from evaluations.models import Committee, CommitteeMember, Method, Round, RoundKind, RoundMethod
from evaluations.rules import NOT_SELF_EVALUATING, ONLY_ROUND_ORGANISERS, can_create_rounds, may_self_evaluate
from evaluations.selectors.rounds import round_get, round_list
from evaluations.services.rounds import round_create

NO_SUCH_COMMITTEE = _("No such committee.")


class RoundMethodSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoundMethod
        fields = ["method", "pass_mark"]
        read_only_fields = fields


class RoundSerializer(serializers.ModelSerializer):
    # A skill round names an occupation, a title round a series: the other one is null.
    title_series = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    occupation = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organiser = serializers.IntegerField(source="organiser_id", read_only=True, allow_null=True)
    committee = serializers.IntegerField(source="committee_id", read_only=True, allow_null=True)
    rule_set = serializers.SerializerMethodField()
    methods = RoundMethodSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "title",
            "kind",
            "title_series",
            "occupation",
            "target_level",
            "region",
            "organiser_kind",
            "organiser",
            "opens_on",
            "closes_on",
            "methods",
            "separate_group_for_high_skilled",
            "committee",
            "rule_set",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "version": {"type": "integer"}}})
    def get_rule_set(self, round_) -> dict:
        return {"code": round_.rule_set.code, "version": round_.rule_set.version}


class RoundMethodInputSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Method.choices)
    pass_mark = serializers.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        help_text=_("Omitted: the current rule set's R7 pass mark."),
    )


@extend_schema_field(OpenApiTypes.INT)
class ScopedCommitteeField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": NO_SUCH_COMMITTEE, "incorrect_type": NO_SUCH_COMMITTEE}

    def get_queryset(self):
        return committee_choices(actor=self.context["request"].user)


class RoundCreateSerializer(InputSerializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=RoundKind.choices)
    title_series = code_field(active_entries(TitleSeries), required=False, allow_null=True)
    occupation = code_field(active_entries(Occupation), required=False, allow_null=True)
    target_level = serializers.CharField(
        max_length=40, help_text=_("A skill-level code for a skill evaluation, a title-level code for a title review.")
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    methods = RoundMethodInputSerializer(many=True)
    separate_group_for_high_skilled = serializers.BooleanField(required=False, default=False)
    # Votes and the decision need a committee's quorum; a round cannot be given one later (issue 14).
    committee = ScopedCommitteeField(help_text=_("The review committee that assesses the round's dossiers."))


class CommitteeMemberSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="expert.username", read_only=True)
    name = serializers.CharField(source="expert.get_full_name", read_only=True)

    class Meta:
        model = CommitteeMember
        fields = ["expert", "username", "name", "is_chair"]
        read_only_fields = fields


class CommitteeSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    members = CommitteeMemberSerializer(source="member_rows", many=True, read_only=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "name",
            "region",
            "quorum_numerator",
            "quorum_denominator",
            "pass_numerator",
            "pass_denominator",
            "members",
        ]
        read_only_fields = fields


@extend_schema_view(create=extend_schema(request=RoundCreateSerializer, responses={201: RoundSerializer}))
class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Evaluation rounds the caller may see: their province's, their committees', their enterprise's own."""

    serializer_class = RoundSerializer
    filterset_class = RoundFilter
    search_fields = ["title"]
    ordering_fields = ["id", "opens_on", "closes_on", "created_at"]
    selector_get = staticmethod(round_get)

    def get_queryset(self):
        return round_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_create_rounds(request.user), ONLY_ROUND_ORGANISERS)
        require(request.user.role != Role.ENTERPRISE_CLERK or may_self_evaluate(request.user), NOT_SELF_EVALUATING)
        data = dict(self.validated(RoundCreateSerializer))
        data["methods"] = [(entry["method"], entry.get("pass_mark")) for entry in data["methods"]]
        round_ = round_create(actor=request.user, request=request, **data)
        return self.respond(round_, status.HTTP_201_CREATED)


class CommitteeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Review committees: a provincial official's province's, an expert's own (read only)."""

    serializer_class = CommitteeSerializer
    search_fields = ["name"]
    ordering_fields = ["id", "name"]
    selector_get = staticmethod(committee_get)

    def get_queryset(self):
        return committee_list(actor=self.request.user)


urlpatterns: list = []


def register(router) -> None:
    router.register("rounds", RoundViewSet, basename="round")
    router.register("committees", CommitteeViewSet, basename="committee")
