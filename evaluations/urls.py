from evaluations.views import assessment, certificates, dossiers, review, rounds

app_name = "evaluations"

# Each area's module owns its own patterns (rounds and committees; drafting; review; assessment and
# committee; notices and certificates); URL names are unique across them.
urlpatterns = [
    *rounds.urlpatterns,
    *dossiers.urlpatterns,
    *review.urlpatterns,
    *assessment.urlpatterns,
    *certificates.urlpatterns,
]
