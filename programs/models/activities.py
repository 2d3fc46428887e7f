"""Training activities under a plan's key task, and the talents enrolled in them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region
from programs.models.plans import KeyTask, Plan, _pick
from talents.models import Talent


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
