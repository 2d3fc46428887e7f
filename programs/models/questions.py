"""Participants' questions to an activity, grouped and answered by its organiser (document-15)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from programs.models.activities import Activity
from talents.models import Talent


class QuestionPhase(models.TextChoices):
    BEFORE = "before", _("Before the activity")
    DURING = "during", _("During the activity")


class QuestionGroup(models.Model):
    """Organisers group similar questions (document-15: questions collected and answered by topic)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="question_groups"
    )
    label = models.CharField(_("label"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["activity_id", "label"]
        verbose_name = _("question group")
        verbose_name_plural = _("question groups")
        constraints = [models.UniqueConstraint(fields=["activity", "label"], name="unique_question_group_label")]

    def __str__(self) -> str:
        return self.label


class Question(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    # The asker's organisation at the time: scoping does not change if the user moves.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    talent = models.ForeignKey(
        Talent, verbose_name=_("on behalf of"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    phase = models.CharField(_("phase"), max_length=10, choices=QuestionPhase.choices)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    group = models.ForeignKey(
        QuestionGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["activity_id", "-asked_at", "-id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            # Only an answered question can be published.
            models.CheckConstraint(
                condition=Q(published=False) | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="question_published_only_when_answered",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
