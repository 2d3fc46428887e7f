"""Catalogues every other app refers to (docs/catalogues.md, codes in docs/codes.md); editable in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import BilingualNamed


class CatalogueEntry(BilingualNamed):
    code = models.CharField(_("code"), max_length=40, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True


class RankedEntry(CatalogueEntry):
    # Ascending order of the level: comparisons ("technician or above") use rank.
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)

    class Meta:
        abstract = True
        ordering = ["rank"]


class SkillLevel(RankedEntry):
    class Meta(RankedEntry.Meta):
        verbose_name = _("skill level")
        verbose_name_plural = _("skill levels")


class TitleLevel(RankedEntry):
    class Meta(RankedEntry.Meta):
        verbose_name = _("title level")
        verbose_name_plural = _("title levels")


class TitleSeries(CatalogueEntry):
    is_digital = models.BooleanField(_("digital series"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("title series")
        verbose_name_plural = _("title series")


class Occupation(CatalogueEntry):
    """An occupation of the national occupational classification (2022 edition)."""

    # digital-talent-action-plan-2024-2026: digital occupations count toward the digital share.
    is_digital = models.BooleanField(_("digital occupation"), default=False)
    title_series = models.ForeignKey(
        TitleSeries,
        verbose_name=_("corresponding title series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occupations",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial or ministerial")
    CITY = "city", _("City")


class Award(CatalogueEntry):
    level = models.CharField(_("level"), max_length=12, choices=AwardLevel.choices)

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
