"""The committee's assessment: scores per method and votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import VoteChoice
from evaluations.models.dossiers import (
    Dossier,
    DossierRevision,
)
from evaluations.models.rounds import Method


class Score(models.Model):
    """One expert's mark for one method of one dossier, tied to the revision it judged (R7)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="scores")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["dossier", "method", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "method", "expert"], name="one_score_per_expert_and_method"),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="score_between_0_and_100"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.method} {self.value}"


class Vote(models.Model):
    """A committee member's vote on one dossier; casting one makes the member present."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="votes")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["dossier", "expert"], name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.choice}"
