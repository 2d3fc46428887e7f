from programs.views import activities, enrolments, plans, platforms, progress, questions

app_name = "programs"

# Each area's module owns its own patterns (plans and targets; the progress dashboard; activities;
# enrolments; questions; platforms); URL names are unique across them.
urlpatterns = [
    *plans.urlpatterns,
    *progress.urlpatterns,
    *activities.urlpatterns,
    *enrolments.urlpatterns,
    *questions.urlpatterns,
    *platforms.urlpatterns,
]
