"""Regions, organisations, users with roles, and the append-only audit log (docs/roles.md, docs/catalogues.md)."""

import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_credit_code

# A name written in Chinese characters is shown family name first, without a space.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class BilingualNamed(models.Model):
    """A catalogue entry named in Chinese and English; shows the one of the active language."""

    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.localized_name(self.name, self.name_en)

    @staticmethod
    def localized_name(name: str, name_en: str) -> str:
        """The name of the active language, from the two values (an export reading rows as values)."""
        language = get_language() or "zh-hans"
        if language.startswith("en") and name_en:
            return name_en
        return name


class RegionLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")


class Region(BilingualNamed):
    """An administrative division, coded by GB/T 2260."""

    code = models.CharField(
        _("GB/T 2260 code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("A region code is six digits."))],
    )
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @property
    def province_id(self) -> int | None:
        """The province a region belongs to (itself for a province)."""
        if self.level == RegionLevel.PROVINCE:
            return self.pk
        if self.level == RegionLevel.CITY:
            return self.parent_id
        return None


class SelfEvaluationCriterion(models.TextChoices):
    """skills-title-integration-opinions, measure 3 (R8): "Support high-skilled talents intensive, strong
    technical strength, and above-scale enterprises with standardized internal management"."""

    TALENT_INTENSIVE = "talent_intensive", _("High-skilled talents intensive")
    TECHNICALLY_STRONG = "technically_strong", _("Strong technical strength")
    ABOVE_DESIGNATED_SIZE = "above_designated_size", _("Above designated size")
    STANDARDISED_MANAGEMENT = "standardised_management", _("Standardised internal management")


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    TECHNICAL_COLLEGE = "technical_college", _("Technical college")
    TRAINING_INSTITUTION = "training_institution", _("Training institution")
    EVALUATION_ORGANISATION = "evaluation_organisation", _("Evaluation organisation")
    HR_BUREAU = "hr_bureau", _("HR bureau")


class Organisation(models.Model):
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100 check digit."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations")
    above_designated_size = models.BooleanField(_("above designated size"), default=False)
    # skills-title-integration-opinions (R8): only a provincial official grants this.
    may_self_evaluate = models.BooleanField(_("may organise its own skill evaluation"), default=False)
    # The criteria (SelfEvaluationCriterion codes) the official confirmed when granting; empty when withdrawn.
    self_evaluation_criteria = models.JSONField(_("self-evaluation criteria confirmed"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ENTERPRISE_CLERK = "enterprise_clerk", _("Enterprise clerk")
    CITY_OFFICIAL = "city_official", _("City official")
    PROVINCIAL_OFFICIAL = "provincial_official", _("Provincial official")
    NATIONAL_OFFICIAL = "national_official", _("National official")
    EXPERT = "expert", _("Expert")
    ADMIN = "admin", _("Administrator")


OFFICIAL_ROLES = frozenset({Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL})

# Which region level an official's role is bound to.
ROLE_REGION_LEVEL = {
    Role.CITY_OFFICIAL: RegionLevel.CITY,
    Role.PROVINCIAL_OFFICIAL: RegionLevel.PROVINCE,
    Role.NATIONAL_OFFICIAL: RegionLevel.NATIONAL,
}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # The language the user last chose with the switch: e-mails to them are written in it.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="enterprise_clerk") | Q(organisation__isnull=False),
                name="clerk_has_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["city_official", "provincial_official", "national_official"])
                | Q(region__isnull=False),
                name="official_has_region",
            ),
        ]

    def clean(self):
        super().clean()
        if self.role == Role.ENTERPRISE_CLERK and not self.organisation_id:
            raise ValidationError({"organisation": _("An enterprise clerk belongs to an organisation.")})
        level = ROLE_REGION_LEVEL.get(self.role)
        if level is not None:
            if not self.region_id:
                raise ValidationError({"region": _("An official is bound to a region.")})
            if self.region.level != level:
                raise ValidationError(
                    {"region": _("This role needs a region of level “%(level)s”.") % {"level": level.label}}
                )

    def get_full_name(self) -> str:
        """The name in its owner's order: a Chinese name family name first with no space ("李建平"),
        another given name first ("Anna Berg")."""
        family, given = self.last_name.strip(), self.first_name.strip()
        if CJK.search(family + given):
            return family + given
        return f"{given} {family}".strip()

    @property
    def display_name(self) -> str:
        """How pages name a person: the full name, the username only when no name is recorded."""
        return self.get_full_name() or self.get_username()

    @property
    def affiliation(self):
        """What the person is shown with: their organisation, else the region an official serves."""
        return self.organisation or self.region

    @property
    def is_official(self) -> bool:
        return self.role in OFFICIAL_ROLES

    @property
    def sees_everything(self) -> bool:
        return self.is_superuser or self.role in (Role.NATIONAL_OFFICIAL, Role.ADMIN)


# Audit actions are stable codes (docs/conventions.md §4); pages show these translated labels. Apps above this
# one add theirs with register_audit_actions() in their AppConfig.ready().
AUDIT_ACTION_LABELS = {
    "create": _("Registered"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    "revoke": _("Revoked"),
    "reveal_id_number": _("Full ID number revealed"),
    "api_token_issued": _("API token issued"),
    "api_token_revoked": _("API token revoked"),
    "two_factor_enrolled": _("Two-factor sign-in set up"),
    "recovery_codes_renewed": _("Recovery codes renewed"),
    "two_factor_reset": _("Two-factor sign-in reset by an administrator"),
    "set_self_evaluation": _("Self-evaluation changed"),
    "set_language": _("Language changed"),
    "seed_demo": _("Created as demo data"),
    "admin_create": _("Created in the administration"),
    "admin_change": _("Changed in the administration"),
    "admin_delete": _("Deleted in the administration"),
}


def register_audit_actions(labels: dict) -> None:
    clashes = {code for code in labels if AUDIT_ACTION_LABELS.get(code, labels[code]) is not labels[code]}
    if clashes:
        raise ValueError(f"Audit action codes registered twice: {sorted(clashes)}")
    AUDIT_ACTION_LABELS.update(labels)


def _shown_value(field, value) -> object:
    """A stored audit value as a person reads it: a choice's label, a related record's name (one query for
    a changed reference), yes or no; the stored value itself otherwise."""
    if value is None or value == "":
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


class AuditLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditLog(models.Model):
    """Append-only: who did what to which object, from which state to which, and why."""

    actor = models.ForeignKey(
        User, verbose_name=_("actor"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=40, blank=True)
    to_state = models.CharField(_("to state"), max_length=40, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Field → [value before, value after] as stored (a foreign key as its id; None before a creation
    # and after a deletion): replayed in order, the entries rebuild the record.
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Audit log entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit log entries cannot be deleted."))

    @property
    def action_label(self) -> str:
        return AUDIT_ACTION_LABELS.get(self.action, self.action)

    @property
    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field label, before, after) for each change, for the audit trail pages."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()  # cached, no query
        rows = []
        for name, (before, after) in self.changes.items():
            try:
                field = model._meta.get_field(name)
            except (AttributeError, FieldDoesNotExist):
                rows.append((name, before, after))
                continue
            rows.append((str(field.verbose_name), _shown_value(field, before), _shown_value(field, after)))
        return rows
