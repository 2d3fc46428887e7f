"""Certificates issued for certified dossiers (verified publicly by number)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogues.models import Occupation, TitleSeries
from evaluations.models.dossiers import (
    Dossier,
)
from talents.models import Credential, Talent


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    """Issued when a passed dossier's public notice ends with no upheld objection."""

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=16)
    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="certificate"
    )
    talent = models.ForeignKey(Talent, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="certificates")
    target_level = models.CharField(_("level"), max_length=40)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title_series = models.ForeignKey(
        TitleSeries, verbose_name=_("title series"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issuer = models.CharField(_("issuing body"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    credential = models.OneToOneField(
        Credential,
        verbose_name=_("credential"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True, default="", db_default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number
