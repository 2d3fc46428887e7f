"""Cultivation plans with their key tasks, key industries and regional targets (docs/programs.md).

Seeded by a data migration from the policy texts; targets are written by ``programs.services.targets``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import BilingualNamed, Region
from catalogues.models import Occupation

NATIONAL_REGION_CODE = "000000"


def _pick(zh: str, en: str) -> str:
    language = get_language() or "zh-hans"
    if language.startswith("en") and en:
        return en
    return zh


class Plan(models.Model):
    """A national cultivation plan or action programme with its policy source."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    policy_title = models.CharField(_("policy document (Chinese)"), max_length=300)
    policy_title_en = models.CharField(_("policy document (English)"), max_length=300, blank=True)
    issuing_departments = models.TextField(_("issuing departments (Chinese)"))
    issuing_departments_en = models.TextField(_("issuing departments (English)"), blank=True)
    issued_on = models.DateField(
        _("issued on"), null=True, blank=True, help_text=_("Leave empty when the policy text gives no date.")
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    summary = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    source_file = models.CharField(
        _("source text"), max_length=200, blank=True, help_text=_("The policy text this plan was seeded from.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return _pick(self.title, self.title_en)

    @property
    def display_policy_title(self) -> str:
        return _pick(self.policy_title, self.policy_title_en)

    @property
    def display_issuing_departments(self) -> str:
        return _pick(self.issuing_departments, self.issuing_departments_en)

    @property
    def display_summary(self) -> str:
        return _pick(self.summary, self.summary_en)


class KeyTask(models.Model):
    """One of a plan's key tasks / actions, numbered as in the policy text."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="key_tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_key_task_number_per_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="key_task_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.display_title}"

    @property
    def display_title(self) -> str:
        return _pick(self.title, self.title_en)

    @property
    def display_description(self) -> str:
        return _pick(self.description, self.description_en)


class KeyIndustry(BilingualNamed):
    """An industry a plan focuses on; a talent is in it when their occupation is one of ``occupations``."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="key_industries")
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("occupations"), related_name="key_industries", blank=True
    )

    class Meta:
        ordering = ["plan_id", "id"]
        verbose_name = _("key industry")
        verbose_name_plural = _("key industries")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_key_industry_per_plan")]


class Metric(models.TextChoices):
    TRAINED_PERSON_TIMES = "trained_person_times", _("Person-times trained")
    # leading-talents-cultivation-plan: "more than 50,000 person-times" of leading talents, counted by R9.
    LEADING_TALENTS = "leading_talents", _("Leading talents")
    # leading-talents-cultivation-plan: "about 5 million new high-skilled talents" = new skill
    # certificates at senior worker or above.
    CERTIFICATES = "certificates", _("New skill certificates (senior worker or above)")


class RegionalTarget(models.Model):
    """A plan's target for one metric in one region; the national target is the row for region 000000.

    Children's targets (provinces under the nation, cities under a province) never add up to more
    than their parent's; ``programs.services`` enforces it under a lock on the parent row.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    target = models.PositiveBigIntegerField(_("target"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["plan_id", "metric", "region__code"]
        verbose_name = _("regional target")
        verbose_name_plural = _("regional targets")
        constraints = [
            models.UniqueConstraint(fields=["plan", "metric", "region"], name="unique_target_per_plan_metric_region")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_metric_display()} · {self.region}: {self.target}"
