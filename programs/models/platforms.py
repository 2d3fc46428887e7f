"""Skill-master studios, training bases, workstations and expert service bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region
from talents.models import Talent


class PlatformKind(models.TextChoices):
    SKILL_MASTER_STUDIO = "skill_master_studio", _("Skill-master studio")
    HIGH_SKILLED_TRAINING_BASE = "high_skilled_training_base", _("High-skilled talent training base")
    PUBLIC_TRAINING_BASE = "public_training_base", _("Public vocational training base")
    POSTDOCTORAL_WORKSTATION = "postdoctoral_workstation", _("Postdoctoral workstation")
    EXPERT_SERVICE_BASE = "expert_service_base", _("Expert service base")


class PlatformLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")


# docs/codes.md platform leadership codes, read by the eligibility engine (R1).
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
