"""Evaluation rounds and their assessment methods; a round names a committee of the ``committees`` app."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region
from catalogues.models import Occupation, TitleSeries
from committees.models import Committee
from eligibility.models import RuleSet


class RoundKind(models.TextChoices):
    TITLE_REVIEW = "title_review", _("Professional-title review")
    SKILL_EVALUATION = "skill_evaluation", _("Vocational-skill evaluation")


class OrganiserKind(models.TextChoices):
    HR_DEPARTMENT = "hr_department", _("HR department")
    COMMITTEE = "committee", _("Review committee")
    SELF_EVALUATING_ENTERPRISE = "self_evaluating_enterprise", _("Self-evaluating enterprise")


class Method(models.TextChoices):
    """R7: the assessment methods a round picks from."""

    THEORY_EXAM = "theory_exam", _("Theoretical knowledge exam")
    SKILL_OPERATION = "skill_operation", _("Skill operation assessment")
    PERFORMANCE_REVIEW = "performance_review", _("Performance review")
    INTERVIEW_DEFENCE = "interview_defence", _("Interview defence")
    COMPETITION_SELECTION = "competition_selection", _("Competition selection")


class Round(models.Model):
    """An evaluation round (评审/评价批次): what level of which series or occupation, when, how, by whom."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    title_series = models.ForeignKey(
        TitleSeries, verbose_name=_("title series"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A skill-level code for a skill evaluation, a title-level code for a title review (docs/codes.md).
    target_level = models.CharField(_("target level"), max_length=40)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    organiser_kind = models.CharField(_("organiser"), max_length=30, choices=OrganiserKind.choices)
    # The self-evaluating enterprise (R8), or the body the HR department or committee belongs to.
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_rounds",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day dossiers may be submitted."))
    separate_group_for_high_skilled = models.BooleanField(_("separate group for high-skilled talents"), default=False)
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, null=True, blank=True, related_name="rounds"
    )
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The published rule set whose checks and pass marks the round uses."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="round_window_ordered"),
            models.CheckConstraint(
                condition=Q(kind="title_review", title_series__isnull=False)
                | Q(kind="skill_evaluation", occupation__isnull=False),
                name="round_names_its_series_or_occupation",
            ),
            models.CheckConstraint(
                condition=~Q(organiser_kind="self_evaluating_enterprise")
                | Q(organiser__isnull=False, kind="skill_evaluation"),
                name="self_evaluation_is_an_enterprise_skill_round",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoundMethod(models.Model):
    """A method the round assesses by, with its pass mark (R7; default from the rule set)."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="methods")
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (of 100)"))

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.UniqueConstraint(fields=["round", "method"], name="one_pass_mark_per_method"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="pass_mark_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} ≥ {self.pass_mark}"
