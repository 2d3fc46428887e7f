"""The eligibility engine's records (docs/rules.md, its batch checks included).

Rule sets are versioned data; checks and batch results record the determination of the system;
overrides record an official's decision separately, so a re-run never overwrites a human decision.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from catalogues.models import AwardLevel
from talents.models import Talent


class Track(models.TextChoices):
    STANDARD = "standard", _("Standard")
    GREEN_CHANNEL = "green_channel", _("Green channel")
    SKILLS_TO_TITLES = "skills_to_titles", _("Skills to titles")
    TITLES_TO_SKILLS = "titles_to_skills", _("Titles to skills")
    PROMOTION = "promotion", _("Promotion")
    EXCEPTIONAL_PROMOTION = "exceptional_promotion", _("Exceptional promotion")


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    NEEDS_REVIEW = "needs_review", _("Needs review")


# The tracks a batch run determines, in the order pages show them (columns of EligibilityRunResult).
RUN_TRACKS = (Track.GREEN_CHANNEL, Track.SKILLS_TO_TITLES, Track.TITLES_TO_SKILLS, Track.PROMOTION)
OUTCOMES = (Outcome.ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.INELIGIBLE)


class ChangeDirection:
    """The two ways a determination changes between a run and the previous one."""

    NEWLY_ELIGIBLE = "newly_eligible"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"
    CHOICES = (
        (NEWLY_ELIGIBLE, _("Newly eligible")),
        (NO_LONGER_ELIGIBLE, _("No longer eligible")),
    )


class RuleSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RuleSet(models.Model):
    """One version of the policy parameters. Published versions never change (services enforce it,
    the admin shows them read-only); a new version starts as a copy of the latest."""

    code = models.CharField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT)
    notes = models.TextField(_("notes"), blank=True)
    # Parameters: numbers the policy texts do not give (docs/rules.md), with the defaults named there.
    r1_frontline_min_years = models.PositiveSmallIntegerField(
        _("R1(b): working years that count as long service in frontline posts"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    r2_min_years_at_level = models.PositiveSmallIntegerField(
        _("R2: minimum years holding the skill level"), default=1, validators=[MaxValueValidator(30)]
    )
    r4_min_working_years_assistant = models.PositiveSmallIntegerField(
        _("R4: minimum working years, assistant title → senior worker"), default=2, validators=[MaxValueValidator(50)]
    )
    r4_min_working_years_intermediate = models.PositiveSmallIntegerField(
        _("R4: minimum working years, intermediate title → technician"), default=3, validators=[MaxValueValidator(50)]
    )
    r4_min_working_years_deputy_senior = models.PositiveSmallIntegerField(
        _("R4: minimum working years, deputy senior title → senior technician"),
        default=4,
        validators=[MaxValueValidator(50)],
    )
    r5_min_years_at_level = models.PositiveSmallIntegerField(
        _("R5: minimum years before the next level"), default=1, validators=[MaxValueValidator(30)]
    )
    r7_pass_mark = models.PositiveSmallIntegerField(
        _("R7: pass mark per assessment method (of 100)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    r10_min_competition_level = models.CharField(
        _("R10: lowest level of a competition honour listed as evidence for exceptional promotion"),
        max_length=12,
        choices=AwardLevel.choices,
        default=AwardLevel.PROVINCIAL,
    )
    batch_chunk_size = models.PositiveIntegerField(
        _("batch chunk size (talents per task)"),
        default=20000,
        validators=[MinValueValidator(100), MaxValueValidator(1_000_000)],
    )
    derived_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_rule_set_version"),
            # One draft at a time per rule set, so "the next version" is never ambiguous.
            models.UniqueConstraint(fields=["code"], condition=Q(status="draft"), name="one_draft_per_rule_set"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="published_rule_set_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == RuleSetStatus.PUBLISHED


class EligibilityCheck(models.Model):
    """One determination for one talent, track and target level (a page, the API or a dossier)."""

    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="eligibility_checks"
    )
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="+")
    track = models.CharField(_("track"), max_length=30, choices=Track.choices)
    target_level = models.CharField(_("target level"), max_length=40)
    as_of = models.DateField(_("as of"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    # [{"rule": "R2", "clause": "R2.level", "passed": bool, "explanation": {"zh-hans": …, "en": …},
    #   "source": "skills-title-integration-opinions …"}]
    reasons = models.JSONField(_("reasons"), default=list)
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        indexes = [models.Index(fields=["talent", "track", "-checked_at"])]

    def __str__(self) -> str:
        return f"{self.talent_id} {self.track} {self.target_level}: {self.outcome}"


class EligibilityOverride(models.Model):
    """An official's decision on a determination that needed review. Never written by the system."""

    talent = models.ForeignKey(
        Talent, verbose_name=_("talent"), on_delete=models.CASCADE, related_name="eligibility_overrides"
    )
    track = models.CharField(_("track"), max_length=30, choices=Track.choices)
    target_level = models.CharField(_("target level"), max_length=40)
    check_overridden = models.ForeignKey(
        EligibilityCheck,
        verbose_name=_("determination overridden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overrides",
    )
    outcome = models.CharField(
        _("decided outcome"),
        max_length=12,
        choices=[(Outcome.ELIGIBLE, Outcome.ELIGIBLE.label), (Outcome.INELIGIBLE, Outcome.INELIGIBLE.label)],
    )
    reason = models.TextField(_("reason"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        indexes = [models.Index(fields=["talent", "track", "target_level", "-decided_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
            models.CheckConstraint(condition=Q(outcome__in=["eligible", "ineligible"]), name="override_decides"),
        ]

    def __str__(self) -> str:
        return f"{self.talent_id} {self.track} {self.target_level} → {self.outcome}"


class RunScope(models.TextChoices):
    ALL = "all", _("All talents")
    REGION = "region", _("A region")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")


ACTIVE_RUN_STATUSES = (RunStatus.PENDING, RunStatus.RUNNING)


class EligibilityRun(models.Model):
    """A batch check of a population against a published rule set, split into chunks (§7)."""

    scope = models.CharField(_("scope"), max_length=10, choices=RunScope.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "all" or "region:<code>": one active run per key (the partial unique constraint below
    # turns a double click into a refused second start, even from two servers).
    scope_key = models.CharField(_("scope key"), max_length=40)
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="runs")
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    total = models.PositiveIntegerField(_("talents"), default=0)
    done = models.PositiveIntegerField(_("talents checked"), default=0)
    chunk_count = models.PositiveIntegerField(_("chunks"), default=0)
    chunks_done = models.PositiveIntegerField(_("chunks done"), default=0)
    previous = models.ForeignKey(
        "self", verbose_name=_("previous run"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nightly = models.BooleanField(_("nightly run"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The summary (counts by track and outcome, by region, the changes) frozen after the run finished,
    # so its page outlives the per-talent results, which are removed once newer runs of the scope
    # exist (services.runs.run_prune_results; a national run holds a million rows).
    summary = models.JSONField(_("summary"), null=True, blank=True, editable=False)
    results_pruned_at = models.DateTimeField(_("per-talent results removed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("eligibility run")
        verbose_name_plural = _("eligibility runs")
        constraints = [
            models.UniqueConstraint(
                fields=["scope_key"], condition=Q(status__in=["pending", "running"]), name="one_active_run_per_scope"
            ),
            models.CheckConstraint(
                condition=(Q(scope="all") & Q(region__isnull=True)) | (Q(scope="region") & Q(region__isnull=False)),
                name="run_region_matches_scope",
            ),
        ]
        indexes = [models.Index(fields=["scope_key", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.scope_key} {self.status}"


class ChunkStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")


class EligibilityRunChunk(models.Model):
    """Talent ids in [first_talent_id, last_talent_id], planned once at the start (keyset, no OFFSET)."""

    run = models.ForeignKey(EligibilityRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="chunks")
    seq = models.PositiveIntegerField(_("sequence"))
    first_talent_id = models.BigIntegerField(_("first talent id"))
    last_talent_id = models.BigIntegerField(_("last talent id"))
    size = models.PositiveIntegerField(_("talents"))
    status = models.CharField(_("status"), max_length=10, choices=ChunkStatus.choices, default=ChunkStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("heartbeat"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["run", "seq"]
        verbose_name = _("run chunk")
        verbose_name_plural = _("run chunks")
        constraints = [
            models.UniqueConstraint(fields=["run", "seq"], name="unique_chunk_per_run"),
            models.CheckConstraint(condition=Q(first_talent_id__lte=models.F("last_talent_id")), name="chunk_range"),
        ]

    def __str__(self) -> str:
        return f"run {self.run_id} chunk {self.seq}"


class EligibilityRunResult(models.Model):
    """The system's determination for one talent in one run: one row per (run, talent), every track.

    Per-clause results are two bit masks over eligibility.clauses.CLAUSES (which clauses were
    evaluated, which passed): compact enough to store for a million talents in seconds; the
    explanation of each clause is rendered from its code, the rule set's parameters and the masks.
    """

    # (run, talent) is the primary key: no surrogate id and no second index to maintain per inserted
    # row, which is most of a chunk's insert cost. Nothing refers to a result by key.
    pk = models.CompositePrimaryKey("run", "talent")
    # The run, talent and region of a result come from existing rows in the chunk's own INSERT … SELECT;
    # per-row foreign-key checks (20,000 share locks on the same run row per chunk, a talent lookup per
    # row at commit) cost about half a chunk's time. Django still cascades and protects.
    run = models.ForeignKey(
        EligibilityRun,
        verbose_name=_("run"),
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    talent = models.ForeignKey(
        Talent,
        verbose_name=_("talent"),
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,  # the (run, talent) primary key serves every lookup
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    green_channel = models.CharField(_("green channel"), max_length=12, choices=Outcome.choices)
    green_channel_level = models.CharField(_("green channel target level"), max_length=40, blank=True)
    skills_to_titles = models.CharField(_("skills to titles"), max_length=12, choices=Outcome.choices)
    skills_to_titles_level = models.CharField(_("skills to titles target level"), max_length=40, blank=True)
    titles_to_skills = models.CharField(_("titles to skills"), max_length=12, choices=Outcome.choices)
    titles_to_skills_level = models.CharField(_("titles to skills target level"), max_length=40, blank=True)
    promotion = models.CharField(_("promotion"), max_length=12, choices=Outcome.choices)
    promotion_level = models.CharField(_("promotion target level"), max_length=40, blank=True)
    clauses_evaluated = models.BigIntegerField(_("clauses evaluated"))
    clauses_passed = models.BigIntegerField(_("clauses passed"))

    class Meta:
        ordering = ["run", "talent"]
        verbose_name = _("run result")
        verbose_name_plural = _("run results")

    def __str__(self) -> str:
        return f"run {self.run_id} talent {self.talent_id}"
