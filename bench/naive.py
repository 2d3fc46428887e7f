"""The yardstick of the HTTP benchmark: the list any Django REST framework tutorial writes — a
``ListAPIView`` over the dossiers with ``select_related``, a plain ModelSerializer and page-number
pagination of 50 (a COUNT per page), no scoping, no tuning. Mounted only by bench/urls_http.py."""

from rest_framework import generics, pagination, permissions, serializers

from evaluations.models import Dossier


class NaivePagination(pagination.PageNumberPagination):
    page_size = 50


class NaiveDossierSerializer(serializers.ModelSerializer):
    talent_name = serializers.CharField(source="talent.name")
    organisation_name = serializers.CharField(source="organisation.name")
    round_title = serializers.CharField(source="round.title")

    class Meta:
        model = Dossier
        fields = [
            "id",
            "talent_name",
            "organisation_name",
            "round_title",
            "track",
            "target_level",
            "status",
            "submitted_at",
            "updated_at",
        ]


class NaiveDossierList(generics.ListAPIView):
    queryset = Dossier.objects.select_related("talent", "organisation", "round")
    serializer_class = NaiveDossierSerializer
    pagination_class = NaivePagination
    permission_classes = [permissions.IsAuthenticated]
