"""Multi-level review of dossiers: officials' decisions, what a reviewer has seen, comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluations.models.dossiers import (
    Dossier,
    DossierRevision,
)


class ReviewLevel(models.TextChoices):
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")


class DossierReview(models.Model):
    """One official's decision on one revision (the audit log has the transition too)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="reviews"
    )
    level = models.CharField(_("level"), max_length=10, choices=ReviewLevel.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "decided_at", "pk"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="approve") | ~Q(comment=""), name="return_and_reject_have_a_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.level} {self.decision}"


class RevisionSeen(models.Model):
    """The latest revision of a dossier a reviewer (official or expert) has opened: what changed since
    is what they are shown."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("seen at"), auto_now=True)

    class Meta:
        verbose_name = _("revision seen")
        verbose_name_plural = _("revisions seen")
        constraints = [models.UniqueConstraint(fields=["dossier", "user"], name="one_seen_mark_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.user_id} saw {self.dossier_id} r{self.revision_id}"


class CommentVisibility(models.TextChoices):
    INTERNAL = "internal", _("Officials only")
    ENTERPRISE = "enterprise", _("Visible to the enterprise")


class DossierComment(models.Model):
    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="comments")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    visibility = models.CharField(_("visibility"), max_length=12, choices=CommentVisibility.choices)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comment_has_text")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.body[:40]}"
