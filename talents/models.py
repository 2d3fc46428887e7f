"""The talent registry: talents, their credentials and honours (docs/registry.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
from talents.validators import mask_id_number


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    BELOW_SECONDARY = "below_secondary", _("Below senior secondary")
    SECONDARY = "secondary", _("Senior secondary or secondary vocational")
    TECHNICIAN_COLLEGE = "technician_college", _("Technician college")
    JUNIOR_COLLEGE = "junior_college", _("Junior college (dazhuan)")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class TalentQuerySet(models.QuerySet):
    def with_registry_relations(self):
        return self.select_related("employer__region", "occupation")


class Talent(models.Model):
    name = models.CharField(_("name"), max_length=100)
    # Personal data: never rendered unmasked except through an audited reveal.
    id_number = models.CharField(_("national ID number"), max_length=18, unique=True)
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="talents"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="talents"
    )
    frontline = models.BooleanField(
        _("frontline post"),
        default=False,
        help_text=_("Works in a frontline production or service post."),
    )
    years_of_work = models.PositiveSmallIntegerField(_("years of work"), default=0)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TalentQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        indexes = [models.Index(fields=["employer", "-id"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.masked_id_number})"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class CredentialKind(models.TextChoices):
    SKILL_LEVEL = "skill_level", _("Skill level certificate")
    TITLE = "title", _("Professional title")
    VOCATIONAL_QUALIFICATION = "vocational_qualification", _("Vocational qualification")
    GRADUATION = "graduation", _("Graduation certificate")


class CredentialSource(models.TextChoices):
    """Where a credential came from (stable codes; shown on the talent page)."""

    MANUAL = "manual", _("Entered by the employer")
    EVALUATION_CERTIFICATE = "evaluation_certificate", _("Evaluation certificate")
    BULK_UPLOAD = "bulk_upload", _("Bulk upload")


class RevocableQuerySet(models.QuerySet):
    def active(self):
        """Records that count: revoked credentials and honours never do."""
        return self.filter(revoked_at__isnull=True)


class Credential(models.Model):
    talent = models.ForeignKey(Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField(_("kind"), max_length=30, choices=CredentialKind.choices)
    skill_level = models.ForeignKey(
        SkillLevel, verbose_name=_("skill level"), on_delete=models.PROTECT, null=True, blank=True
    )
    title_level = models.ForeignKey(
        TitleLevel, verbose_name=_("title level"), on_delete=models.PROTECT, null=True, blank=True
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, null=True, blank=True
    )
    title_series = models.ForeignKey(
        TitleSeries, verbose_name=_("title series"), on_delete=models.PROTECT, null=True, blank=True
    )
    speciality = models.CharField(
        _("speciality"), max_length=200, blank=True, help_text=_("For graduation certificates.")
    )
    obtained_on = models.DateField(_("obtained on"))
    certificate_number = models.CharField(_("certificate number"), max_length=64)
    issuer = models.CharField(_("issuer"), max_length=200)
    # An evaluation certificate's credential is linked from evaluations.Certificate.credential (the
    # app above holds the foreign key, so talents never imports evaluations).
    source = models.CharField(
        _("source"),
        max_length=30,
        choices=CredentialSource.choices,
        default=CredentialSource.MANUAL,
        db_default=CredentialSource.MANUAL,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True, default="", db_default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RevocableQuerySet.as_manager()

    class Meta:
        ordering = ["talent_id", "-obtained_on"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            # A skill certificate carries a skill level, a title a title level, nothing else both.
            models.CheckConstraint(
                condition=(Q(kind="skill_level") & Q(skill_level__isnull=False) & Q(title_level__isnull=True))
                | (Q(kind="title") & Q(title_level__isnull=False) & Q(skill_level__isnull=True))
                | (
                    Q(kind__in=["vocational_qualification", "graduation"])
                    & Q(skill_level__isnull=True)
                    & Q(title_level__isnull=True)
                ),
                name="credential_level_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "issuer", "certificate_number"], name="unique_certificate_per_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level_display} {self.certificate_number}"

    @property
    def source_display(self) -> str:
        """Where the credential came from, as the talent page states it."""
        if self.source == CredentialSource.EVALUATION_CERTIFICATE:
            return _("Evaluation certificate %(number)s") % {"number": self.certificate_number}
        return str(self.get_source_display())

    @property
    def level_display(self) -> str:
        level = self.skill_level or self.title_level
        return str(level) if level else ""


class HonourSource(models.TextChoices):
    CONFERRAL = "conferral", _("Conferred through a campaign")
    MANUAL = "manual", _("Entered by an official with evidence")


class Honour(models.Model):
    talent = models.ForeignKey(Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="honours")
    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="honours")
    conferred_on = models.DateField(_("conferred on"))
    conferring_body = models.CharField(_("conferring body"), max_length=200)
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("source"), max_length=12, choices=HonourSource.choices, default=HonourSource.MANUAL)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True, default="", db_default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RevocableQuerySet.as_manager()

    class Meta:
        ordering = ["talent_id", "-conferred_on"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [
            models.UniqueConstraint(fields=["talent", "award", "conferred_on"], name="unique_honour_per_date")
        ]
        # The honours roll's sort order (commendations.selectors.honours).
        indexes = [models.Index(fields=["-conferred_on", "-id"], name="honour_roll_order")]

    def __str__(self) -> str:
        return f"{self.award} ({self.conferred_on:%Y})"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the bureau")
    TRANSFERRED = "transferred", _("Transferred to the new employer")
    REJECTED = "rejected", _("Rejected")


class RegistrationClaim(models.Model):
    """A clerk registered a number another organisation already holds (docs/security.md, "Registration
    without disclosure"): the clerk was told what a new registration is told, and the bureau of the
    clerk's organisation decides whether the one record moves to the new employer. Never a second talent."""

    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="registration_claims"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("claiming organisation"), on_delete=models.PROTECT, related_name="+"
    )
    # The employer when the claim was made: what a transfer moves the record away from.
    previous_employer = models.ForeignKey(
        Organisation, verbose_name=_("employer when claimed"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    # What the clerk typed (the ID number itself is the talent's): applied to the record on a transfer.
    name = models.CharField(_("name"), max_length=100)
    occupation = models.ForeignKey(Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+")
    frontline = models.BooleanField(_("frontline post"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    reason = models.TextField(_("reason"), blank=True, default="")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("registration claim")
        verbose_name_plural = _("registration claims")
        constraints = [
            # One open claim per record and claimant: a second registration is the own-organisation case.
            models.UniqueConstraint(
                fields=["talent", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_talent_and_organisation",
            )
        ]
        # The queue's order (open claims first, newest first), narrowed by scope through the organisation.
        indexes = [models.Index(fields=["status", "-id"], name="claim_queue_order")]

    def __str__(self) -> str:
        return f"{self.name} ({self.talent.masked_id_number}) → {self.organisation}"


class RegistryMetric(models.TextChoices):
    TALENTS = "talents", _("Talents")
    FRONTLINE = "frontline", _("Frontline")
    DIGITAL = "digital", _("Digital occupations")
    CREDENTIALS = "credentials", _("Credentials")
    HONOURS = "honours", _("Honours")
    HONOURED_TALENTS_NATIONAL = "honoured_talents_national", _("Talents with a national honour")
    SKILL_LEVEL_TALENTS = "skill_level_talents", _("Talents by skill level held")


class RegistryFigure(models.Model):
    """One figure of the role dashboard for the talents whose employer is in one region (docs/scale.md).

    Written only by ``talents.figures.registry_figures_refresh`` (set-based, after writes and every 15
    minutes); read by the dashboard so that an official's page never scans the registry. A talent has one
    employer, so every figure (distinct talents included) adds up across regions."""

    region = models.ForeignKey("accounts.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    # Denormalised so a province's figures are one indexed range; empty for national-level employers.
    province = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("province"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    metric = models.CharField(_("metric"), max_length=30, choices=RegistryMetric.choices)
    skill_level = models.ForeignKey(
        SkillLevel, verbose_name=_("skill level"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.PositiveBigIntegerField(_("value"))

    class Meta:
        ordering = ["region_id", "metric"]
        verbose_name = _("registry figure")
        verbose_name_plural = _("registry figures")
        indexes = [models.Index(fields=["province", "metric"])]

    def __str__(self) -> str:
        return f"{self.region_id} · {self.metric}: {self.value}"


class RegistryRefresh(models.Model):
    """When the registry figures were last recomputed (one row): the dashboard's "as of" time."""

    refreshed_at = models.DateTimeField(_("figures as of"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("registry refresh")
        verbose_name_plural = _("registry refreshes")

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
