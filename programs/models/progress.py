"""The progress dashboard's maintained aggregate.

Written by ``programs.services.progress`` only, never by signals: credentials change in the talents app,
which cannot call programs, so R9 is recomputed set-based.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from programs.models.plans import Plan


class ProgressMeasure(models.TextChoices):
    ENROLMENTS = "enrolments", _("Enrolments")
    TRAINED_PERSON_TIMES = "trained_person_times", _("Person-times trained")
    TRAINED_DIGITAL = "trained_digital", _("Person-times trained in digital occupations")
    LEADING_TALENTS = "leading_talents", _("Leading talents")
    CERTIFICATES = "certificates", _("Skill certificates")


class ProgressFigure(models.Model):
    """One figure of a plan's progress for the talents of one region (where their employer is)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    # Denormalised so a province's figures are one indexed range; empty for national-level employers.
    province = models.ForeignKey(
        Region, verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    measure = models.CharField(_("measure"), max_length=30, choices=ProgressMeasure.choices)
    skill_level = models.ForeignKey(
        "catalogues.SkillLevel",
        verbose_name=_("skill level"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    value = models.PositiveBigIntegerField(_("value"))

    class Meta:
        ordering = ["plan_id", "region_id", "measure"]
        verbose_name = _("progress figure")
        verbose_name_plural = _("progress figures")
        constraints = [
            # Two partial constraints rather than nulls_distinct=False, which SQLite (the demo) lacks.
            models.UniqueConstraint(
                fields=["plan", "region", "measure", "skill_level"],
                condition=Q(skill_level__isnull=False),
                name="unique_progress_figure_per_level",
            ),
            models.UniqueConstraint(
                fields=["plan", "region", "measure"],
                condition=Q(skill_level__isnull=True),
                name="unique_progress_figure",
            ),
            # Only certificates are broken down by level.
            models.CheckConstraint(
                condition=Q(measure="certificates", skill_level__isnull=False)
                | (~Q(measure="certificates") & Q(skill_level__isnull=True)),
                name="progress_figure_level_only_for_certificates",
            ),
        ]
        indexes = [models.Index(fields=["plan", "province"])]

    def __str__(self) -> str:
        return f"{self.plan} · {self.region} · {self.get_measure_display()}: {self.value}"


class ProgressRefresh(models.Model):
    """When a plan's progress figures were last recomputed: the dashboard's "as of" time."""

    plan = models.OneToOneField(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="progress_refresh")
    refreshed_at = models.DateTimeField(_("figures as of"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("progress refresh")
        verbose_name_plural = _("progress refreshes")

    def __str__(self) -> str:
        return f"{self.plan} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
