"""API of certificates: the public ``GET certificates/verify?number=…&code=…`` (no login, throttled
per client address) and a scoped read-only ``certificates`` resource for enterprises and officials."""

from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from eligibility.clauses import level_name
from evaluations.filters import CertificateFilter
from evaluations.models import Certificate, CertificateStatus
from evaluations.selectors.certificates import certificate_list, certificate_verify
from evaluations.services.certificates import dossier_description
from evaluations.throttles import CertificateVerifyThrottle
from talents.validators import mask_name

NOT_FOUND = _("No certificate matches this number and verification code.")


class VerifyQuerySerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    code = serializers.CharField(max_length=16)


class VerifiedCertificateSerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField(help_text=_("Masked: the surname and, for longer names, the last character."))
    level = serializers.CharField(help_text=_("Level code (skill or title level)."))
    level_display = serializers.CharField()
    occupation = serializers.CharField(allow_blank=True, help_text=_("Occupation or title series."))
    description = serializers.CharField()
    issuer = serializers.CharField()
    issued_on = serializers.DateField()
    status = serializers.ChoiceField(choices=CertificateStatus.choices)


def _subject_name(certificate: Certificate) -> str:
    subject = certificate.occupation or certificate.title_series
    return subject.display_name if subject is not None else ""


def verified_answer(certificate: Certificate, language: str) -> dict:
    return {
        "number": certificate.number,
        "name": mask_name(certificate.talent.name),
        "level": certificate.target_level,
        "level_display": level_name(certificate.target_level, language),
        "occupation": _subject_name(certificate),
        "description": dossier_description(certificate.dossier, language=language),
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_on,
        "status": certificate.status,
    }


class CertificateVerifyView(APIView):
    """Public verification: masked name, level, occupation or series, issuer, date and status — never
    the ID number. A wrong number and a wrong code get the same 404."""

    permission_classes = [AllowAny]
    throttle_classes = [CertificateVerifyThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter("number", str, required=True, description=_("Certificate number")),
            OpenApiParameter("code", str, required=True, description=_("Verification code")),
        ],
        responses={200: VerifiedCertificateSerializer, 404: OpenApiResponse(description=str(NOT_FOUND))},
        tags=["certificates"],
        operation_id="certificates_verify",
    )
    def get(self, request):
        query = VerifyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        certificate = certificate_verify(number=query.validated_data["number"], code=query.validated_data["code"])
        if certificate is None:
            raise NotFound(NOT_FOUND)
        language = "en" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en") else "zh-hans"
        return Response(VerifiedCertificateSerializer(verified_answer(certificate, language)).data)


class CertificateSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    masked_id_number = serializers.CharField(source="talent.masked_id_number", read_only=True)
    organisation = serializers.IntegerField(source="dossier.organisation_id", read_only=True)
    level = serializers.CharField(source="target_level", read_only=True)
    occupation = serializers.CharField(source="occupation.code", read_only=True, allow_null=True, default=None)
    title_series = serializers.CharField(source="title_series.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "verification_code",
            "dossier",
            "talent",
            "talent_name",
            "masked_id_number",
            "organisation",
            "level",
            "occupation",
            "title_series",
            "issuer",
            "issued_on",
            "status",
        ]
        read_only_fields = fields


@extend_schema(tags=["certificates"])
class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Certificates of the caller's scope (the enterprise's own; officials their regions'). ID numbers masked."""

    serializer_class = CertificateSerializer
    lookup_value_converter = "int"
    filterset_class = CertificateFilter
    search_fields = ["number", "talent__name"]
    ordering_fields = ["issued_on", "number"]

    def get_queryset(self):
        return certificate_list(actor=self.request.user)


urlpatterns = [
    # docs/interfaces.md writes it without a trailing slash; both spellings answer.
    re_path(r"^certificates/verify/?$", CertificateVerifyView.as_view(), name="certificate-verify"),
]


def register(router) -> None:
    router.register("certificates", CertificateViewSet, basename="certificate")
