"""Evaluation rounds, committees, enterprise dossiers and their review, assessment and certificates
(DESIGN.md §5).

A dossier moves only through ``workflow.transition`` with ``evaluations.workflow.DOSSIER_WORKFLOW``
(the transition table); every other write goes through ``evaluations.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region
from catalogues.models import Occupation, TitleSeries
from eligibility.models import EligibilityCheck, Outcome, RuleSet, Track
from talents.models import Talent


class RoundKind(models.TextChoices):
    TITLE_REVIEW = "title_review", _("Professional-title review")
    SKILL_EVALUATION = "skill_evaluation", _("Vocational-skill evaluation")


class OrganiserKind(models.TextChoices):
    HR_DEPARTMENT = "hr_department", _("HR department")
    COMMITTEE = "committee", _("Review committee")
    SELF_EVALUATING_ENTERPRISE = "self_evaluating_enterprise", _("Self-evaluating enterprise")


class Method(models.TextChoices):
    """R7: the assessment methods a round picks from."""

    THEORY_EXAM = "theory_exam", _("Theoretical knowledge exam")
    SKILL_OPERATION = "skill_operation", _("Skill operation assessment")
    PERFORMANCE_REVIEW = "performance_review", _("Performance review")
    INTERVIEW_DEFENCE = "interview_defence", _("Interview defence")
    COMPETITION_SELECTION = "competition_selection", _("Competition selection")


class Committee(models.Model):
    """A review committee: its expert members, quorum and pass threshold (fractions, exact)."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    # Default 2/3 of members present for a quorum; 2/3 of present members voting yes to pass.
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)
    pass_numerator = models.PositiveSmallIntegerField(_("pass threshold numerator"), default=2)
    pass_denominator = models.PositiveSmallIntegerField(_("pass threshold denominator"), default=3)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), through="CommitteeMember", related_name="committees"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("review committee")
        verbose_name_plural = _("review committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=F("quorum_denominator"), quorum_denominator__gt=0)
                & Q(pass_numerator__lte=F("pass_denominator"), pass_denominator__gt=0),
                name="committee_fractions_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="memberships"
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["committee", "expert"], name="one_membership_per_expert")]

    def __str__(self) -> str:
        return f"{self.committee}: {self.expert}"


class Round(models.Model):
    """An evaluation round (评审/评价批次): what level of which series or occupation, when, how, by whom."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    title_series = models.ForeignKey(
        TitleSeries, verbose_name=_("title series"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A skill-level code for a skill evaluation, a title-level code for a title review (DESIGN.md §10).
    target_level = models.CharField(_("target level"), max_length=40)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    organiser_kind = models.CharField(_("organiser"), max_length=30, choices=OrganiserKind.choices)
    # The self-evaluating enterprise (R8), or the body the HR department or committee belongs to.
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organising organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_rounds",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day dossiers may be submitted."))
    separate_group_for_high_skilled = models.BooleanField(_("separate group for high-skilled talents"), default=False)
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, null=True, blank=True, related_name="rounds"
    )
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The published rule set whose checks and pass marks the round uses."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="round_window_ordered"),
            models.CheckConstraint(
                condition=Q(kind="title_review", title_series__isnull=False)
                | Q(kind="skill_evaluation", occupation__isnull=False),
                name="round_names_its_series_or_occupation",
            ),
            models.CheckConstraint(
                condition=~Q(organiser_kind="self_evaluating_enterprise")
                | Q(organiser__isnull=False, kind="skill_evaluation"),
                name="self_evaluation_is_an_enterprise_skill_round",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoundMethod(models.Model):
    """A method the round assesses by, with its pass mark (R7; default from the rule set)."""

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="methods")
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (of 100)"))

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.UniqueConstraint(fields=["round", "method"], name="one_pass_mark_per_method"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="pass_mark_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} ≥ {self.pass_mark}"


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CITY_APPROVED = "city_approved", _("Approved by the city")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    IN_COMMITTEE = "in_committee", _("Before the committee")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
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
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
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

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [models.UniqueConstraint(fields=["round", "talent"], name="one_dossier_per_talent_and_round")]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["organisation", "status"]),
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


class Attachment(models.Model):
    """A PDF, JPEG or PNG (type by content, ≤ 10 MB), served only through a scoped view."""

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
    storage_key = models.CharField(_("storage key"), max_length=64, unique=True)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Removed from the dossier's current contents; kept while a frozen revision refers to it.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="attachment_type_allowed",
            ),
            models.CheckConstraint(condition=Q(size__lte=10 * 1024 * 1024), name="attachment_at_most_10_mb"),
        ]

    def __str__(self) -> str:
        return self.original_name


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


class ReviewLevel(models.TextChoices):
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for revision")
    REJECT = "reject", _("Reject")


class DossierReview(models.Model):
    """One official's decision on one revision (the audit log has the transition too)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="reviews"
    )
    level = models.CharField(_("level"), max_length=10, choices=ReviewLevel.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "decided_at", "pk"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="approve") | ~Q(comment=""), name="return_and_reject_have_a_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.level} {self.decision}"


class RevisionSeen(models.Model):
    """The latest revision of a dossier a reviewer (official or expert) has opened: what changed since
    is what they are shown."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("seen at"), auto_now=True)

    class Meta:
        verbose_name = _("revision seen")
        verbose_name_plural = _("revisions seen")
        constraints = [models.UniqueConstraint(fields=["dossier", "user"], name="one_seen_mark_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.user_id} saw {self.dossier_id} r{self.revision_id}"


class CommentVisibility(models.TextChoices):
    INTERNAL = "internal", _("Officials only")
    ENTERPRISE = "enterprise", _("Visible to the enterprise")


class DossierComment(models.Model):
    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="comments")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    visibility = models.CharField(_("visibility"), max_length=12, choices=CommentVisibility.choices)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comment_has_text")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.body[:40]}"


class Score(models.Model):
    """One expert's mark for one method of one dossier, tied to the revision it judged (R7)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="scores")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["dossier", "method", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "method", "expert"], name="one_score_per_expert_and_method"),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="score_between_0_and_100"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.method} {self.value}"


class VoteChoice(models.TextChoices):
    YES = "yes", _("In favour")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """A committee member's vote on one dossier; casting one makes the member present."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="votes")
    revision = models.ForeignKey(
        DossierRevision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["dossier", "expert"], name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.choice}"


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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number
