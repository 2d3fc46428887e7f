"""Enterprise dossiers: their status, evidence, attachments and frozen revisions."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation
from accounts.private_files import PrivateFile, file_constraints
from eligibility.models import EligibilityCheck, Outcome, Track
from evaluations.models.rounds import Round
from talents.models import Talent

if TYPE_CHECKING:
    from evaluations.models.review import DossierReview


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CITY_APPROVED = "city_approved", _("Approved by the city")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    IN_COMMITTEE = "in_committee", _("Before the committee")
    PASSED = "passed", _("Passed")
    # 未通过: a dossier the committee did not pass (a run or an export "failed": 失败).
    FAILED = "failed", pgettext_lazy("dossier status", "Failed")
    REJECTED = "rejected", _("Rejected")
    IN_PUBLICITY = "in_publicity", _("In public notice")
    CERTIFIED = "certified", _("Certified")


# The states an enterprise may still edit its dossier in.
EDITABLE_STATUSES = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED, DossierStatus.WITHDRAWN})


class Dossier(models.Model):
    """An enterprise's application (申报材料) for one talent in one round."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="dossiers")
    talent = models.ForeignKey(Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="dossiers")
    # The submitting organisation (the talent's employer when created): scoping follows it.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("submitting organisation"), on_delete=models.PROTECT, related_name="dossiers"
    )
    track = models.CharField(_("track"), max_length=30, choices=Track.choices)
    target_level = models.CharField(_("target level"), max_length=40)
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT, db_index=True
    )
    # In the round's separate group for high-skilled talents (decided when submitted).
    high_skilled_group = models.BooleanField(_("high-skilled group"), default=False)
    # The check made at the latest submission, and its outcome copied for the queue's filter; an
    # official's override (eligibility.EligibilityOverride) stays a separate record.
    eligibility_check = models.ForeignKey(
        EligibilityCheck,
        verbose_name=_("eligibility check"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    eligibility_outcome = models.CharField(_("eligibility"), max_length=12, choices=Outcome.choices, blank=True)
    current_revision = models.ForeignKey(
        "DossierRevision",
        verbose_name=_("current revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    exempt_methods = models.JSONField(
        _("exempt methods"), default=list, blank=True, help_text=_("Methods skipped under R6, set when assessed.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Not a column: dossier_review hands the review it recorded back on the dossier it returns.
    recorded_review: "DossierReview"

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [models.UniqueConstraint(fields=["round", "talent"], name="one_dossier_per_talent_and_round")]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["organisation", "status"]),
            # The lists' sort orders (docs/scale.md): "my dossiers" and the API, the review queue.
            models.Index(fields=["-updated_at", "-id"], name="dossier_updated_desc"),
            models.Index(fields=["submitted_at", "id"], name="dossier_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.talent.name} — {self.round}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class EvidenceKind(models.TextChoices):
    TECHNOLOGY_TRANSFORMATION = "technology_transformation", _("Technology transformation")
    PROCESS_IMPROVEMENT = "process_improvement", _("Process improvement")
    SOLVED_PRODUCTION_PROBLEM = "solved_production_problem", _("Solved production problem")
    TECHNICAL_INNOVATION = "technical_innovation", _("Technical innovation")
    APPRENTICES_TRAINED = "apprentices_trained", _("Apprentices trained")
    PATENT = "patent", _("Patent")
    COMPETITION_RESULT = "competition_result", _("Competition result")
    OTHER = "other", _("Other")


class EvidenceItem(models.Model):
    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=30, choices=EvidenceKind.choices)
    description = models.TextField(_("description"))
    date = models.DateField(_("date"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["dossier", "position", "pk"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date})"


def attachment_path(instance, filename: str) -> str:
    # Stored under a random name in PRIVATE_MEDIA_ROOT: never under a public URL, never the client's name.
    return f"dossiers/{instance.dossier_id}/{instance.sha256[:2]}/{instance.storage_key}"


class Attachment(PrivateFile):
    """A PDF, JPEG or PNG of a dossier (type by content, ≤ 10 MB), served only through a scoped view
    (accounts.private_files); kept while a frozen revision refers to it after its removal."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="attachments"
    )
    evidence_item = models.ForeignKey(
        EvidenceItem,
        verbose_name=_("evidence item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)

    class Meta:
        ordering = ["dossier", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = file_constraints("attachment")


class DossierRevision(models.Model):
    """What was submitted, frozen at each submission: evidence, attachments and fields as JSON."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    content = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "number"]
        verbose_name = _("dossier revision")
        verbose_name_plural = _("dossier revisions")
        constraints = [models.UniqueConstraint(fields=["dossier", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.dossier_id} r{self.number}"
