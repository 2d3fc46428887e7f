"""Cultivation plans, regional targets, activities and enrolments, questions, platforms (DESIGN.md §8).

Plans, their key tasks, key industries and national targets are seeded by a data migration from the
policy texts; everything else is written by ``programs.services`` only.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import BilingualNamed, Organisation, Region
from catalogues.models import Occupation
from talents.models import Talent

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


class ActivityKind(models.TextChoices):
    TRAINING_COURSE = "training_course", _("Training course")
    COMPETITION = "competition", _("Competition")
    SEMINAR = "seminar", _("Seminar")
    EXPERT_SERVICE = "expert_service", _("Expert service")


class ActivityStatus(models.TextChoices):
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Enrolment closed")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("plan", "key_task", "organiser__region", "region")


class Activity(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="activities")
    key_task = models.ForeignKey(
        KeyTask, verbose_name=_("key task"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_activities"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(_("capacity"))
    # Maintained by programs.services under a row lock; the check constraint backs it up.
    enrolled_count = models.PositiveIntegerField(_("enrolled"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="activity_dates_ordered"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="activity_capacity_positive"),
            models.CheckConstraint(condition=Q(enrolled_count__lte=F("capacity")), name="activity_within_capacity"),
        ]
        indexes = [models.Index(fields=["plan", "region"]), models.Index(fields=["organiser", "-starts_on"])]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return _pick(self.title, self.title_en)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.enrolled_count, 0)


class EnrolmentQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("activity", "talent__employer__region", "talent__occupation")

    def completed(self):
        return self.filter(completed=True)


class Enrolment(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="enrolments"
    )
    talent = models.ForeignKey(Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    completed = models.BooleanField(_("completed"), default=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["activity_id", "-id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["activity", "talent"], name="unique_enrolment_per_activity"),
            models.CheckConstraint(
                condition=(Q(completed=True) & Q(completed_on__isnull=False))
                | (Q(completed=False) & Q(completed_on__isnull=True)),
                name="enrolment_completion_dated",
            ),
        ]
        indexes = [models.Index(fields=["talent"]), models.Index(fields=["completed", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.talent.name} @ {self.activity}"


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


class PlatformKind(models.TextChoices):
    SKILL_MASTER_STUDIO = "skill_master_studio", _("Skill-master studio")
    HIGH_SKILLED_TRAINING_BASE = "high_skilled_training_base", _("High-skilled talent training base")
    PUBLIC_TRAINING_BASE = "public_training_base", _("Public vocational training base")
    POSTDOCTORAL_WORKSTATION = "postdoctoral_workstation", _("Postdoctoral workstation")
    EXPERT_SERVICE_BASE = "expert_service_base", _("Expert service base")


class PlatformLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")


# DESIGN.md §10 platform leadership codes, read by the eligibility engine (R1).
PLATFORM_ROLE_CODES = {
    (PlatformKind.SKILL_MASTER_STUDIO, PlatformLevel.NATIONAL): "national_master_studio_leader",
    (PlatformKind.SKILL_MASTER_STUDIO, PlatformLevel.PROVINCIAL): "provincial_master_studio_leader",
}


class PlatformQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("host", "leader", "region")

    def master_studios(self):
        return self.filter(kind=PlatformKind.SKILL_MASTER_STUDIO)


class Platform(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=PlatformKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=PlatformLevel.choices)
    name = models.CharField(_("name"), max_length=200)
    host = models.ForeignKey(
        Organisation, verbose_name=_("host organisation"), on_delete=models.PROTECT, related_name="platforms"
    )
    leader = models.ForeignKey(
        Talent,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_platforms",
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        constraints = [
            models.UniqueConstraint(fields=["kind", "host", "name"], name="unique_platform_name_per_host"),
        ]
        indexes = [models.Index(fields=["leader", "kind", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def leader_role_code(self) -> str | None:
        """The platform role the leader holds (``national_master_studio_leader`` feeds R1), if any."""
        return PLATFORM_ROLE_CODES.get((self.kind, self.level))


# The progress dashboard's maintained aggregate (written by programs.progress only, never by signals:
# credentials change in the talents app, which cannot call programs, so R9 is recomputed set-based).


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
