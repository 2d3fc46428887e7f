"""One xlsx export of a list page: who asked, which list and filters, how many rows, and the file.

Every export is recorded, small ones too (answered at once, no file kept), so the ledger of who took
which personal data out of the portal is complete; large ones are built by a task and kept for
``EXPORT_KEEP_DAYS``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class Export(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    # The registry name of the list (exports.registry), e.g. "evaluations.review_queue".
    list_name = models.CharField(_("list"), max_length=80)
    query = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Answered at once in the response (no file kept) or built by a task.
    direct = models.BooleanField(_("answered at once"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_requester_recent")]

    def __str__(self) -> str:
        return f"{self.list_name} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in (ExportStatus.PENDING, ExportStatus.RUNNING)
