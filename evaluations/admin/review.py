"""Admin of the review's records: decisions, comments and seen marks — read-only (they are
written by ``evaluations.services`` through the pages and the API, which check roles and audit), and
scoped for staff who are not superusers like the portal (``evaluations.selectors.review``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from evaluations.models import DossierComment, DossierReview, RevisionSeen

READ_ONLY_NOTICE = _(
    "Read-only in the admin: review decisions and comments are written through the portal pages and the API, "
    "which check the workflow and write the audit log."
)


class ReviewRecordAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    show_full_result_count = False
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": READ_ONLY_NOTICE, **(extra_context or {})})


@admin.register(DossierReview)
class DossierReviewAdmin(ReviewRecordAdmin):
    scope_selector = "evaluations.selectors.review.review_records_visible_to"
    list_display = ("dossier", "level", "decision", "reviewer", "decided_at")
    list_filter = ("level", "decision")
    search_fields = ("dossier__talent__name", "dossier__round__title", "reviewer__username", "comment")
    date_hierarchy = "decided_at"
    ordering = ("-decided_at", "-pk")


@admin.register(DossierComment)
class DossierCommentAdmin(ReviewRecordAdmin):
    scope_selector = "evaluations.selectors.review.comment_records_visible_to"
    list_display = ("dossier", "author", "visibility", "created_at")
    list_filter = ("visibility",)
    search_fields = ("dossier__talent__name", "dossier__round__title", "author__username", "body")
    ordering = ("-created_at", "-pk")


@admin.register(RevisionSeen)
class RevisionSeenAdmin(ReviewRecordAdmin):
    scope_selector = "evaluations.selectors.review.seen_marks_visible_to"
    list_display = ("dossier", "user", "revision", "seen_at")
    search_fields = ("dossier__talent__name", "user__username")
    list_filter = ("user__role",)
    ordering = ("-seen_at", "-pk")
