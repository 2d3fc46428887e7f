"""Public notices (公示) with objections, shared by evaluations and commendations (docs/evaluations.md,
docs/commendations.md).

A notice lists subjects of another app (a passed dossier, a proposed awardee) through a generic
relation; the owning app registers what happens to its subject when an entry is confirmed (the
notice ended with no upheld objection) or withdrawn (an objection was upheld). Names are stored
masked: the public pages never see the registry.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, RegionLevel


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("Open for objections")
    CLOSED = "closed", _("Closed")


def default_issuing_authority(region) -> str:
    """The human-resources and social-security department of the notice's region, the authority a notice
    names when the official gives none (a province's is a 厅, a city's a 局; national: the ministry)."""
    if region is None or region.level not in (RegionLevel.PROVINCE, RegionLevel.CITY):
        return "人力资源社会保障部"
    suffix = "厅" if region.level == RegionLevel.PROVINCE else "局"
    return f"{region.name}人力资源和社会保障{suffix}"


class PublicNotice(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    # The app whose subjects it lists ("evaluations", "commendations"): its handlers act on closing.
    source = models.CharField(_("source"), max_length=40)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day objections are accepted."))
    working_days = models.PositiveSmallIntegerField(_("publicity working days"), default=5)
    # Printed on the public page: who issues the notice and where objections may also be raised.
    issuing_authority = models.CharField(_("issuing authority"), max_length=200, blank=True, default="")
    contact = models.CharField(_("contact"), max_length=200, blank=True, default="")
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.OPEN)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="notice_period_ordered"),
        ]
        indexes = [models.Index(fields=["status", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def authority(self) -> str:
        """The issuing authority the notice names (its region's department when none was given)."""
        return self.issuing_authority or default_issuing_authority(self.region)


class EntryOutcome(models.TextChoices):
    PENDING = "pending", _("In publicity")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn after an objection")


class NoticeEntry(models.Model):
    notice = models.ForeignKey(PublicNotice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="entries")
    subject_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    masked_name = models.CharField(_("name"), max_length=100)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    description = models.CharField(_("description"), max_length=300, help_text=_("Level, occupation or award."))
    masked_id_number = models.CharField(_("ID number (masked)"), max_length=30, blank=True, default="")
    details = models.TextField(_("details"), blank=True, default="", help_text=_("For example the achievements."))
    position = models.PositiveIntegerField(_("position"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=EntryOutcome.choices, default=EntryOutcome.PENDING)

    class Meta:
        ordering = ["notice", "position", "pk"]
        verbose_name = _("notice entry")
        verbose_name_plural = _("notice entries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "subject_type", "subject_id"], name="one_entry_per_subject"),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.masked_name} — {self.description}"


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Objection(models.Model):
    """Anyone may object during the notice period, under their real name (docs/commendations.md).

    ``receipt_number`` is random (notices.services.new_receipt_number), so a receipt cannot be guessed
    from another; the objector quotes it and the officials find the objection by it."""

    receipt_number = models.CharField(_("receipt number"), max_length=20, unique=True)
    entry = models.ForeignKey(NoticeEntry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="objections")
    name = models.CharField(_("real name"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100)
    reason = models.TextField(_("reason"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED
    )
    # An optional PDF, JPEG or PNG (accounts.private_files: checked by content, stored privately, served only
    # to the officials handling the notice, never to the public).
    attachment = models.FileField(_("attachment"), blank=True, max_length=300)
    attachment_name = models.CharField(_("attachment's file name"), max_length=200, blank=True)
    attachment_content_type = models.CharField(_("attachment's content type"), max_length=40, blank=True)
    attachment_size = models.PositiveIntegerField(_("attachment's size (bytes)"), null=True, blank=True)
    attachment_sha256 = models.CharField(_("attachment's SHA-256"), max_length=64, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="objection_has_reason"),
            models.CheckConstraint(
                condition=Q(status="filed") | ~Q(resolution=""), name="objection_resolution_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} — {self.get_status_display()}"


class CalendarDay(models.Model):
    """An exception to the Monday–Friday working week: a public holiday, or a weekend working day (调休)."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self) -> str:
        return f"{self.date} {self.note}"
