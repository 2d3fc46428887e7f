"""The bench's URLs: the naive DRF list at /bench/naive-dossiers/, then every portal URL."""

from django.urls import path

from bench.naive import NaiveDossierList
from talentportal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("bench/naive-dossiers/", NaiveDossierList.as_view(), name="bench-naive-dossiers"),
    *portal_urlpatterns,
]
