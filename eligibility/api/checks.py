"""POST /api/v1/eligibility/check (docs/codes.md) and the official's override of a needs_review result.

Role first (403 before validation), then the input serializer (unknown or out-of-scope talent, track
or level → 400 with a field message), then the same services as the talent's page.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.permissions import require
from eligibility.clauses import reason_source
from eligibility.models import Outcome, Track
from eligibility.rules import (
    NO_CHECK_ACCESS,
    ONLY_OFFICIALS_OVERRIDE,
    can_check_eligibility,
    can_override_eligibility,
)
from eligibility.services.checks import (
    eligibility_check_talent,
    eligibility_override_latest,
    validate_track_and_known_level,
)
from talents.api.serializers import ScopedTalentField


def answer_language() -> str:
    """The request's language (Accept-Language on the API): explanations are stored in both."""
    return "en" if (get_language() or "").startswith("en") else "zh-hans"


class CheckRequestSerializer(serializers.Serializer):
    talent = ScopedTalentField()
    track = serializers.ChoiceField(choices=Track.choices, error_messages={"invalid_choice": _("Unknown track.")})
    target_level = serializers.CharField(max_length=40)

    def validate(self, attrs):
        # An ApplicationError reaches the exception handler: a 400 with the field message and its own
        # code (``unknown_level``); a real level the track does not lead to passes (an ineligible answer).
        validate_track_and_known_level(attrs["track"], attrs["target_level"])
        return attrs


class ReasonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    clause = serializers.CharField(help_text="The stable clause code (R1.honour, R1.frontline, R2.years, …).")
    passed = serializers.BooleanField()
    explanation = serializers.CharField()
    source = serializers.CharField()


CheckAnswerSerializer = inline_serializer(
    "EligibilityCheckAnswer",
    fields={
        "outcome": serializers.ChoiceField(choices=Outcome.choices),
        "rule_set": inline_serializer(
            "EligibilityRuleSetRef", fields={"code": serializers.CharField(), "version": serializers.IntegerField()}
        ),
        "reasons": ReasonSerializer(many=True),
    },
)


def check_answer(check) -> dict:
    language = answer_language()
    return {
        "outcome": check.outcome,
        "rule_set": {"code": check.rule_set.code, "version": check.rule_set.version},
        "reasons": [
            {
                "rule": reason["rule"],
                "clause": reason.get("clause", ""),
                "passed": reason["passed"],
                "explanation": reason["explanation"][language],
                "source": reason_source(reason, language),
            }
            for reason in check.reasons
        ],
    }


class EligibilityCheckView(APIView):
    """Check one talent for a track and target level against the current published rule set."""

    @extend_schema(request=CheckRequestSerializer, responses={200: CheckAnswerSerializer}, tags=["eligibility"])
    def post(self, request):
        require(can_check_eligibility(request.user), NO_CHECK_ACCESS)
        serializer = CheckRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        check = eligibility_check_talent(
            actor=request.user, talent=data["talent"], track=data["track"], target_level=data["target_level"]
        )
        return Response(check_answer(check), status=status.HTTP_200_OK)


class OverrideRequestSerializer(CheckRequestSerializer):
    outcome = serializers.ChoiceField(
        choices=[(Outcome.ELIGIBLE, Outcome.ELIGIBLE.label), (Outcome.INELIGIBLE, Outcome.INELIGIBLE.label)],
        error_messages={"invalid_choice": _("Decide eligible or ineligible.")},
    )
    reason = serializers.CharField(max_length=2000, error_messages={"blank": _("A reason is required.")})


class OverrideSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    talent = serializers.IntegerField(source="talent_id")
    track = serializers.CharField()
    target_level = serializers.CharField()
    check = serializers.IntegerField(source="check_overridden_id")
    outcome = serializers.CharField()
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.username")


class EligibilityOverrideView(APIView):
    """An official decides the latest needs_review determination of a talent for a track and level."""

    @extend_schema(request=OverrideRequestSerializer, responses={201: OverrideSerializer}, tags=["eligibility"])
    def post(self, request):
        require(can_override_eligibility(request.user), ONLY_OFFICIALS_OVERRIDE)
        serializer = OverrideRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        override = eligibility_override_latest(
            actor=request.user,
            talent=data["talent"],
            track=data["track"],
            target_level=data["target_level"],
            outcome=data["outcome"],
            reason=data["reason"],
            request=request,
        )
        return Response(OverrideSerializer(override).data, status=status.HTTP_201_CREATED)
