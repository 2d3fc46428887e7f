from django.urls import path

from eligibility.views import checks, runs

app_name = "eligibility"

urlpatterns = [
    # Checks of one talent (docs/rules.md)
    path("talents/<int:pk>/", checks.talent_checks_view, name="talent-checks"),
    path("checks/<int:pk>/override/", checks.check_override_view, name="check-override"),
    # Batch runs (docs/rules.md#batch-checks)
    path("runs/", runs.run_list_view, name="run-list"),
    path("runs/start/", runs.run_start_view, name="run-start"),
    path("runs/<int:pk>/", runs.run_detail_view, name="run-detail"),
    path("runs/<int:pk>/progress/", runs.run_progress_view, name="run-progress"),
    path("runs/<int:pk>/cancel/", runs.run_cancel_view, name="run-cancel"),
    path("runs/<int:pk>/results/", runs.run_results_view, name="run-results"),
    path("runs/<int:pk>/changes/", runs.run_changes_view, name="run-changes"),
    path("runs/<int:pk>/changes/export/", runs.run_changes_export_view, name="run-changes-export"),
]
