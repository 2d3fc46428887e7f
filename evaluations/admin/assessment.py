"""Admin of scores, votes and certificates: read-only and scoped like the portal. Scores, votes and
certificates are written only by ``evaluations.services`` (member checks, conflicts, quorum, numbering)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from evaluations.models import Certificate, Score, Vote

READ_ONLY_NOTICE = _(
    "Read-only in the admin: scores, votes and certificates are written through the portal pages and the API."
)


class AssessmentRecordAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    show_full_result_count = False
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": READ_ONLY_NOTICE, **(extra_context or {})})


@admin.register(Score)
class ScoreAdmin(AssessmentRecordAdmin):
    scope_selector = "evaluations.selectors.assessment.score_list"
    list_display = ("dossier", "method", "value", "expert", "revision", "entered_at")
    list_filter = ("method", "dossier__round")
    search_fields = ("dossier__talent__name", "expert__username", "dossier__round__title")
    ordering = ("dossier", "method", "pk")


@admin.register(Vote)
class VoteAdmin(AssessmentRecordAdmin):
    scope_selector = "evaluations.selectors.assessment.vote_list"
    list_display = ("dossier", "choice", "expert", "revision", "cast_at")
    list_filter = ("choice", "dossier__round")
    search_fields = ("dossier__talent__name", "expert__username", "dossier__round__title")
    ordering = ("dossier", "pk")


@admin.register(Certificate)
class CertificateAdmin(AssessmentRecordAdmin):
    scope_selector = "evaluations.selectors.certificates.certificate_list"
    list_display = ("number", "talent", "target_level", "issuer", "issued_on", "status")
    list_filter = ("status", "issued_on")
    search_fields = ("number", "talent__name", "issuer")
    ordering = ("-issued_on", "-pk")
    # The verification code is the public check's secret: not shown in lists or forms.
    exclude = ("verification_code",)
