"""``/api/v1/eligibility-runs/`` (docs/interfaces.md): POST a scope → a run; GET → status, progress, summary.

Role first (403), scoped selector (404 outside scope), the same services as the pages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.permissions import require
from accounts.models import Region
from eligibility.filters import RunFilter
from eligibility.models import EligibilityRun, RunScope, RunStatus
from eligibility.rules import NO_RUN_ACCESS, can_use_runs
from eligibility.selectors.runs import run_get, run_list, run_progress, run_summary
from eligibility.services.runs import run_cancel, run_start


class RunStartSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=RunScope.choices, label=_("scope"))
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        label=_("region"),
        help_text=_("GB/T 2260 code; required when the scope is a region."),
        error_messages={"does_not_exist": _("No region has this code."), "invalid": _("No region has this code.")},
    )

    def validate(self, attrs):
        if attrs["scope"] == RunScope.REGION and attrs.get("region") is None:
            raise serializers.ValidationError({"region": [_("Choose a region.")]})
        return attrs


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text=_("talents per second"))
    eta_seconds = serializers.IntegerField(allow_null=True)


# The version is the rule set's integer (eligibility.RuleSet.version), as rounds declare it.
RULE_SET_SCHEMA = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "version": {"type": "integer"}},
    "required": ["code", "version"],
}


class RunSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    rule_set = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    started_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)  # nightly: nobody

    class Meta:
        model = EligibilityRun
        fields = [
            "id",
            "scope",
            "region",
            "status",
            "nightly",
            "rule_set",
            "as_of",
            "chunk_count",
            "chunks_done",
            "progress",
            "previous",
            "started_by",
            "created_at",
            "started_at",
            "finished_at",
        ]

    @extend_schema_field(RULE_SET_SCHEMA)
    def get_rule_set(self, run) -> dict:
        return {"code": run.rule_set.code, "version": run.rule_set.version}

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, run):
        progress = run_progress(run)
        return ProgressSerializer(progress).data


class RunDetailSerializer(RunSerializer):
    summary = serializers.SerializerMethodField()

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "summary"]

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_summary(self, run):
        """On a finished run: outcomes per track, per region, and the changes since the previous run."""
        if run.status != RunStatus.FINISHED:
            return None
        summary = run_summary(run)
        return {
            "outcomes": summary["outcomes"],
            "regions": [
                {"region": row["region"]["code"], "total": row["total"], "outcomes": row["tracks"]}
                for row in summary["regions"]
            ],
            "changes": summary["changes"],
        }


@extend_schema_view(
    create=extend_schema(
        request=RunStartSerializer,
        responses={
            201: RunDetailSerializer,
            409: OpenApiResponse(description=_("A run on this scope is already in progress.")),
            503: OpenApiResponse(description=_("The task queue is not reachable; nothing was started.")),
        },
    ),
)
class EligibilityRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    lookup_value_converter = "int"
    filterset_class = RunFilter
    ordering_fields = ["created_at", "id"]
    search_fields: list[str] = []

    def get_serializer_class(self):
        return RunSerializer if self.action == "list" else RunDetailSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require(can_use_runs(request.user), NO_RUN_ACCESS)

    def get_queryset(self):
        return run_list(actor=self.request.user)

    def get_object(self):
        return run_get(actor=self.request.user, pk=self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = RunStartSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = run_start(actor=request.user, scope=data["scope"], region=data.get("region"), request=request)
        fresh = run_get(actor=request.user, pk=run.pk)
        return Response(RunDetailSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: RunDetailSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        run = run_cancel(actor=request.user, run=self.get_object(), request=request)
        return Response(RunDetailSerializer(run_get(actor=request.user, pk=run.pk)).data)
