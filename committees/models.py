"""Expert committees (docs/committees.md). The tables keep the names they had when the models lived in
``evaluations`` (``Meta.db_table``): the move changed the code's home, not the data."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region


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
        db_table = "evaluations_committee"
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
        db_table = "evaluations_committeemember"
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["committee", "expert"], name="one_membership_per_expert")]

    def __str__(self) -> str:
        return f"{self.committee}: {self.expert}"


class VoteChoice(models.TextChoices):
    """The choices of every committee vote (a dossier's, a nomination's)."""

    YES = "yes", _("In favour")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")
