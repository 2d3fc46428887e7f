"""The REST API under /api/v1/ (docs/interfaces.md); every route also needs a row in the permission matrix."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from accounts.api.views import OrganisationViewSet, RegionViewSet, TokenCurrentView, TokenObtainView
from catalogues.api.views import (
    AwardViewSet,
    OccupationViewSet,
    SkillLevelViewSet,
    TitleLevelViewSet,
    TitleSeriesViewSet,
)
from commendations.api import register as register_commendations
from eligibility.api.checks import EligibilityCheckView, EligibilityOverrideView
from eligibility.api.runs import EligibilityRunViewSet
from evaluations.api import register as register_evaluations
from notices.api.views import NoticeViewSet, ObjectionViewSet
from programs.api import register as register_programs
from talents.api.views import CredentialViewSet, HonourViewSet, RegistrationClaimViewSet, TalentViewSet

app_name = "api"


class PortalRouter(DefaultRouter):
    # No ``.json`` twins of every route: the Accept header chooses the format.
    include_format_suffixes = False


# Path converters (``lookup_value_converter``), so an id is an integer in the URL and the schema.
router = PortalRouter(use_regex_path=False)
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("occupations", OccupationViewSet, basename="occupation")
router.register("skill-levels", SkillLevelViewSet, basename="skill-level")
router.register("title-levels", TitleLevelViewSet, basename="title-level")
router.register("title-series", TitleSeriesViewSet, basename="title-series")
router.register("awards", AwardViewSet, basename="award")
router.register("talents", TalentViewSet, basename="talent")
router.register("credentials", CredentialViewSet, basename="credential")
router.register("honours", HonourViewSet, basename="honour")
router.register("registration-claims", RegistrationClaimViewSet, basename="registration-claim")
program_patterns = register_programs(router)
router.register("eligibility-runs", EligibilityRunViewSet, basename="eligibility-run")
router.register("notices", NoticeViewSet, basename="notice")
router.register("objections", ObjectionViewSet, basename="objection")
evaluation_patterns = register_evaluations(router)
commendation_patterns = register_commendations(router)

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="auth-token"),
    path("auth/token/current/", TokenCurrentView.as_view(), name="auth-token-current"),
    # docs/codes.md writes it without a trailing slash; both spellings answer (no redirect of a POST).
    re_path(r"^eligibility/check/?$", EligibilityCheckView.as_view(), name="eligibility-check"),
    re_path(r"^eligibility/overrides/?$", EligibilityOverrideView.as_view(), name="eligibility-override"),
    *evaluation_patterns,
    *commendation_patterns,
    *program_patterns,
    *router.urls,
]
