"""Commendation campaigns, their regional quotas and nominations (docs/commendations.md).

A campaign's criteria are a reference to eligibility data (a rule set and clause codes); the
commendations app stores the reference and never evaluates criteria itself.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation, Region
from accounts.private_files import PrivateFile, file_constraints
from catalogues.models import Award
from committees.models import Committee, VoteChoice
from eligibility.models import RuleSet
from talents.models import Honour, Talent


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual talents")
    ORGANISATION = "organisation", _("Organisations (advanced units)")


class CampaignStatus(models.TextChoices):
    # Contexts of their own: "Closed" (nominations no longer taken) and "Concluded" (awards decided) must
    # read differently in Chinese, and "Open" here means taking nominations.
    OPEN = "open", pgettext_lazy("campaign status", "Open")
    CLOSED = "closed", pgettext_lazy("campaign status", "Closed")
    CONCLUDED = "concluded", pgettext_lazy("campaign status", "Concluded")


class NominationStatus(models.TextChoices):
    """Stable codes: the workflow, the API and stored rows use them."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CITY_RECOMMENDED = "city_recommended", _("Recommended by the city")
    PROVINCE_RECOMMENDED = "province_recommended", _("Recommended by the province")
    IN_EXPERT_REVIEW = "in_expert_review", _("In expert review")
    IN_PUBLICITY = "in_publicity", _("In public notice")
    CONFERRED = "conferred", _("Conferred")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Campaign(models.Model):
    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="campaigns")
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        Region, verbose_name=_("organising region"), on_delete=models.PROTECT, related_name="campaigns"
    )
    nominee_kind = models.CharField(_("who may be nominated"), max_length=12, choices=NomineeKind.choices)
    opens_on = models.DateField(_("nominations open on"))
    closes_on = models.DateField(_("nominations close on"))
    publicity_working_days = models.PositiveSmallIntegerField(_("publicity working days"), default=5)
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    # Criteria as data: evaluated by the eligibility engine, never here.
    criteria_rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("criteria rule set"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    criteria_clauses = models.JSONField(_("criteria clause codes"), default=list, blank=True)
    # The expert review's committee (docs/commendations.md#expert-review), set by the campaign's officials.
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("expert committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
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

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="campaign_window_ordered"),
            models.CheckConstraint(condition=Q(publicity_working_days__gte=1), name="campaign_publicity_days_positive"),
        ]
        # The campaign list's order (commendations.selectors.campaigns.campaign_list).
        indexes = [models.Index(fields=["-year", "-id"], name="campaign_year_pk")]

    def __str__(self) -> str:
        return f"{self.year} {self.award}"


class CampaignQuota(models.Model):
    """How many nominations a region may recommend; the children's quotas never add up to more than
    their parent's (checked in services under a lock)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="quotas")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    quota = models.PositiveIntegerField(_("quota"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["campaign", "region__code"]
        verbose_name = _("campaign quota")
        verbose_name_plural = _("campaign quotas")
        constraints = [models.UniqueConstraint(fields=["campaign", "region"], name="campaign_quota_unique_region")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.region}: {self.quota}"


class Nomination(models.Model):
    """A nominee (a talent, or an organisation) put forward for a campaign's award.

    ``organisation`` is the organisation the nomination belongs to for scoping: the talent's employer,
    or the nominated organisation itself."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="nominations"
    )
    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    nominee_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("nominated organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations_received",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="nominations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), on_delete=models.PROTECT, related_name="+"
    )
    achievements = models.TextField(_("achievements"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The committee's decision recorded by the campaign's officials: None until then.
    review_passed = models.BooleanField(_("passed expert review"), null=True, blank=True)
    review_summary = models.TextField(_("expert review summary"), blank=True)
    # The honour its conferral created: the link lives up here because talents may not import
    # commendations (docs/conventions.md §16).
    honour = models.OneToOneField(
        Honour,
        verbose_name=_("honour"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=Q(talent__isnull=False, nominee_organisation__isnull=True)
                | Q(talent__isnull=True, nominee_organisation__isnull=False),
                name="nomination_one_nominee",
            ),
            models.UniqueConstraint(
                fields=["campaign", "talent"],
                condition=Q(talent__isnull=False) & ~Q(status="withdrawn"),
                name="nomination_one_live_per_talent",
            ),
            models.UniqueConstraint(
                fields=["campaign", "nominee_organisation"],
                condition=Q(nominee_organisation__isnull=False) & ~Q(status="withdrawn"),
                name="nomination_one_live_per_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"], name="nomination_campaign_status"),
            # The lists' sort orders (docs/scale.md): the nomination list, the "to recommend" queue.
            models.Index(fields=["-created_at", "-id"], name="nomination_created_desc"),
            models.Index(fields=["submitted_at", "id"], name="nomination_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.talent or self.nominee_organisation}"


class NominationScore(models.Model):
    """One committee member's overall mark (0–100) for a nomination in expert review."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="review_scores"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["nomination", "pk"]
        verbose_name = _("nomination score")
        verbose_name_plural = _("nomination scores")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "expert"], name="nomination_one_score_per_expert"),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100), name="nomination_score_between_0_and_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.value}"


class NominationVote(models.Model):
    """A committee member's vote on a nomination (the committees' vote choices); casting one makes the
    member present."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="review_votes"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["nomination", "pk"]
        verbose_name = _("nomination vote")
        verbose_name_plural = _("nomination votes")
        constraints = [models.UniqueConstraint(fields=["nomination", "expert"], name="nomination_one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.choice}"


def nomination_attachment_path(instance, filename: str) -> str:
    # Under a random name in PRIVATE_MEDIA_ROOT (accounts.private_files), never the client's name.
    return f"nominations/{instance.nomination_id}/{instance.sha256[:2]}/{instance.storage_key}"


class NominationAttachment(PrivateFile):
    """A PDF, JPEG or PNG of a nomination (type by content, ≤ 10 MB), served only through a scoped view;
    the same mechanism as dossier attachments (accounts.private_files). A removed one stays on record."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=nomination_attachment_path, max_length=300)

    class Meta:
        ordering = ["nomination", "uploaded_at", "pk"]
        verbose_name = _("nomination attachment")
        verbose_name_plural = _("nomination attachments")
        constraints = file_constraints("nomination_attachment")


class OrganisationAward(models.Model):
    """An award conferred on an organisation ("advanced unit", 先进集体) by a campaign: the registry's
    honours are a talent's, so an organisation's award is recorded here (docs/commendations.md)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="awards_received"
    )
    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="organisation_awards"
    )
    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="organisation_award"
    )
    conferred_on = models.DateField(_("conferred on"))
    conferring_body = models.CharField(_("conferring body"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-conferred_on", "-pk"]
        verbose_name = _("organisation award")
        verbose_name_plural = _("organisation awards")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "campaign"], name="organisation_award_once_per_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.award} ({self.conferred_on:%Y})"
