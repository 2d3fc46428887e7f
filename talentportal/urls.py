from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views import language_switch_view
from talentportal.dashboard import dashboard
from talentportal.health import health_view

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("accounts/", include("accounts.urls")),
    path("talents/", include("talents.urls")),
    path("eligibility/", include("eligibility.urls")),
    path("programs/", include("programs.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("commendations/", include("commendations.urls")),
    path("notices/", include("notices.urls")),
    path("notifications/", include("notifications.urls")),
    path("exports/", include("exports.urls")),
    path("i18n/setlang/", language_switch_view, name="set_language"),
    path("health/", health_view, name="health"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("talentportal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# A branded, translated page (JSON under /api/); 503 when the database is unreachable.
handler500 = "talentportal.errors.server_error"
