"""Writes of review committees and evaluation rounds (docs/evaluations.md, R7, R8).

A provincial official forms committees of experts of their province and opens rounds for their
province; an enterprise allowed to self-evaluate (R8) opens its own skill-evaluation rounds. Every
write checks the role (403), validates (400 with the field), saves and audits in one transaction.
"""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.cache import DOSSIERS, bumps_scope_version
from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import Role
from accounts.services import audit_record, full_clean_or_raise
from catalogues.models import SkillLevel, TitleLevel
from eligibility.selectors.checks import rule_set_current
from evaluations.models import Committee, CommitteeMember, Method, OrganiserKind, Round, RoundKind, RoundMethod
from evaluations.rules import (
    NOT_SELF_EVALUATING,
    ONLY_PROVINCIAL_COMMITTEES,
    ONLY_ROUND_ORGANISERS,
    can_create_rounds,
    can_manage_committees,
    may_self_evaluate,
    province_id_of,
)

if TYPE_CHECKING:
    from accounts.models import User

AUDIT_ACTIONS = {
    "committee_create": gettext_lazy("Review committee formed"),
    "committee_update": gettext_lazy("Review committee changed"),
    "round_create": gettext_lazy("Evaluation round created"),
}


# Who may (pure predicates; scope is the selectors' business)


def expert_province_id(expert) -> int | None:
    if expert.organisation_id:
        return expert.organisation.region.province_id
    if expert.region_id:
        return expert.region.province_id
    return None


# Committees


def _validate_fraction(numerator, denominator, field: str) -> tuple[int, int]:
    try:
        numerator, denominator = int(numerator), int(denominator)
    except (TypeError, ValueError) as error:
        raise ApplicationError(_("Enter whole numbers."), field=field) from error
    if denominator <= 0 or numerator <= 0 or numerator > denominator:
        raise ApplicationError(
            _("A fraction between 0 and 1: a positive numerator not above the denominator."), field=field
        )
    return numerator, denominator


def _validate_members(actor: "User", members, chair) -> list:
    members = list(dict.fromkeys(members))  # keep order, drop repeats
    if not members:
        raise ApplicationError(_("A committee needs at least one member."), field="members")
    province = province_id_of(actor)
    for member in members:
        if member.role != Role.EXPERT or not member.is_active:
            raise ApplicationError(
                _("%(name)s is not an active expert.") % {"name": member.display_name},
                field="members",
            )
        if not actor.is_superuser and expert_province_id(member) != province:
            raise ApplicationError(
                _("%(name)s is not an expert of your province.") % {"name": member.display_name},
                field="members",
            )
    if chair is not None and chair not in members:
        raise ApplicationError(_("The chair must be one of the members."), field="chair")
    return members


def _validate_committee(
    actor: "User", name, members, chair, quorum: tuple[object, object], passing: tuple[object, object]
) -> tuple[str, tuple[int, int], tuple[int, int], list]:
    """The checked input of a committee: (name, quorum, pass threshold, members)."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("A committee needs a name."), field="name")
    quorum = _validate_fraction(*quorum, "quorum_numerator")
    passing = _validate_fraction(*passing, "pass_numerator")
    return name, quorum, passing, _validate_members(actor, members, chair)


def _set_members(committee: Committee, members: list, chair) -> None:
    wanted = {member.pk: member for member in members}
    current = {m.expert_id: m for m in CommitteeMember.objects.filter(committee=committee)}
    CommitteeMember.objects.filter(committee=committee).exclude(expert_id__in=wanted).delete()
    for pk, member in wanted.items():
        is_chair = chair is not None and chair.pk == pk
        existing = current.get(pk)
        if existing is None:
            CommitteeMember.objects.create(committee=committee, expert=member, is_chair=is_chair)
        elif existing.is_chair != is_chair:
            existing.is_chair = is_chair
            existing.save(update_fields=["is_chair"])


def _describe(committee: Committee, members: list, chair) -> str:
    names = ", ".join(member.display_name for member in members)
    chair_name = chair.display_name if chair is not None else "—"
    return (
        f"{committee.name}; {names}; chair {chair_name}; quorum {committee.quorum_numerator}/"
        f"{committee.quorum_denominator}; pass {committee.pass_numerator}/{committee.pass_denominator}"
    )


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def committee_create(
    *,
    actor: "User",
    name: str,
    members,
    chair=None,
    quorum_numerator: int = 2,
    quorum_denominator: int = 3,
    pass_numerator: int = 2,
    pass_denominator: int = 3,
    request=None,
) -> Committee:
    """A committee of experts of the official's province; quorum and pass threshold default to 2/3."""
    if not can_manage_committees(actor):
        raise PermissionDeniedError(ONLY_PROVINCIAL_COMMITTEES)
    name, quorum, passing, members = _validate_committee(
        actor, name, members, chair, (quorum_numerator, quorum_denominator), (pass_numerator, pass_denominator)
    )
    province_id = province_id_of(actor)
    if province_id is None:  # impossible for a provincial official (accounts.User constraint)
        raise PermissionDeniedError(ONLY_PROVINCIAL_COMMITTEES)
    committee = Committee(
        name=name,
        region_id=province_id,
        quorum_numerator=quorum[0],
        quorum_denominator=quorum[1],
        pass_numerator=passing[0],
        pass_denominator=passing[1],
        created_by=actor,
    )
    full_clean_or_raise(committee, exclude=["region", "created_by"])
    committee.save()
    _set_members(committee, members, chair)
    audit_record(
        actor=actor,
        obj=committee,
        action="committee_create",
        to_state="created",
        comment=_describe(committee, members, chair),
        request=request,
    )
    return committee


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def committee_update(
    *,
    actor: "User",
    committee: Committee,
    name: str,
    members,
    chair=None,
    quorum_numerator: int,
    quorum_denominator: int,
    pass_numerator: int,
    pass_denominator: int,
    request=None,
) -> Committee:
    """Change a committee of the official's province (the caller fetched it through the scoped selector)."""
    if not can_manage_committees(actor):
        raise PermissionDeniedError(ONLY_PROVINCIAL_COMMITTEES)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if actor.region is None or committee.region_id != actor.region.province_id:
        raise PermissionDeniedError(ONLY_PROVINCIAL_COMMITTEES)
    name, quorum, passing, members = _validate_committee(
        actor, name, members, chair, (quorum_numerator, quorum_denominator), (pass_numerator, pass_denominator)
    )
    before = _describe(
        committee,
        [m.expert for m in committee.committeemember_set.select_related("expert")],
        next((m.expert for m in committee.committeemember_set.select_related("expert") if m.is_chair), None),
    )
    committee.name = name
    committee.quorum_numerator, committee.quorum_denominator = quorum
    committee.pass_numerator, committee.pass_denominator = passing
    full_clean_or_raise(committee, exclude=["region", "created_by"])
    committee.save(
        update_fields=["name", "quorum_numerator", "quorum_denominator", "pass_numerator", "pass_denominator"]
    )
    _set_members(committee, members, chair)
    after = _describe(committee, members, chair)
    if after != before:
        audit_record(
            actor=actor,
            obj=committee,
            action="committee_update",
            comment=_("Before: %(before)s. After: %(after)s.") % {"before": before, "after": after},
            request=request,
        )
    return committee


# Rounds


def levels_for_kind(kind: str) -> list[str]:
    """The target levels a round of this kind may aim at: skill levels or title levels (catalogues)."""
    model = SkillLevel if kind == RoundKind.SKILL_EVALUATION else TitleLevel
    return list(model.objects.filter(is_active=True).order_by("rank").values_list("code", flat=True))


def _validate_methods(methods, default_pass_mark: int) -> list[tuple[str, int]]:
    """``methods``: an iterable of method codes or of (method, pass mark or None) pairs."""
    result: dict[str, int] = {}
    for entry in methods or ():
        method, mark = (entry, None) if isinstance(entry, str) else (entry[0], entry[1])
        if method not in Method.values:
            raise ApplicationError(_("Unknown assessment method “%s”.") % method, field="methods")
        mark = default_pass_mark if mark is None or mark == "" else mark
        try:
            mark = int(mark)
        except (TypeError, ValueError) as error:
            raise ApplicationError(_("A pass mark is a whole number from 0 to 100."), field="methods") from error
        if not 0 <= mark <= 100:
            raise ApplicationError(_("A pass mark is a whole number from 0 to 100."), field="methods")
        result[method] = mark
    if not result:
        raise ApplicationError(_("Pick at least one assessment method (R7)."), field="methods")
    return list(result.items())


@bumps_scope_version(DOSSIERS)
@transaction.atomic
def round_create(
    *,
    actor: "User",
    kind: str,
    title: str,
    target_level: str,
    opens_on,
    closes_on,
    methods,
    title_series=None,
    occupation=None,
    separate_group_for_high_skilled: bool = False,
    committee=None,
    request=None,
) -> Round:
    """Open a round. A provincial official's round belongs to their province (organised by the HR
    department); a self-evaluating enterprise's (R8) is a skill evaluation organised by itself.
    Pass marks left empty take the current rule set's R7 default."""
    if not can_create_rounds(actor):
        raise PermissionDeniedError(ONLY_ROUND_ORGANISERS)
    if actor.role == Role.ENTERPRISE_CLERK and not may_self_evaluate(actor):
        raise PermissionDeniedError(NOT_SELF_EVALUATING, code="not_self_evaluating")
    self_evaluation = actor.role == Role.ENTERPRISE_CLERK
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("A round needs a title."), field="title")
    if kind not in RoundKind.values:
        raise ApplicationError(_("Unknown kind of round."), field="kind")
    if self_evaluation and kind != RoundKind.SKILL_EVALUATION:
        raise ApplicationError(
            _("An enterprise organises skill evaluations only (R8), not title reviews."), field="kind"
        )
    if kind == RoundKind.TITLE_REVIEW:
        if title_series is None:
            raise ApplicationError(_("A title review names its title series."), field="title_series")
        occupation = None
    else:
        if occupation is None:
            raise ApplicationError(_("A skill evaluation names its occupation."), field="occupation")
        title_series = None
    if target_level not in levels_for_kind(kind):
        raise ApplicationError(
            _("Pick a skill level for a skill evaluation and a title level for a title review.")
            if kind == RoundKind.SKILL_EVALUATION
            else _("Pick a title level for a title review and a skill level for a skill evaluation."),
            field="target_level",
        )
    if opens_on is None or closes_on is None:
        raise ApplicationError(_("Give the window's first and last day."), field="opens_on")
    if closes_on < opens_on:
        raise ApplicationError(_("The window cannot close before it opens."), field="closes_on")
    province_id = province_id_of(actor)
    if committee is not None and committee.region_id != province_id:
        raise ApplicationError(_("Pick a committee of your province."), field="committee")
    rule_set = rule_set_current()
    marks = _validate_methods(methods, rule_set.r7_pass_mark)
    round_ = Round(
        title=title,
        kind=kind,
        title_series=title_series,
        occupation=occupation,
        target_level=target_level,
        # may_self_evaluate found the clerk's organisation; an official works in their own region.
        region=actor.organisation.region if self_evaluation and actor.organisation else actor.region,
        organiser_kind=OrganiserKind.SELF_EVALUATING_ENTERPRISE if self_evaluation else OrganiserKind.HR_DEPARTMENT,
        organiser=actor.organisation if self_evaluation else None,
        opens_on=opens_on,
        closes_on=closes_on,
        separate_group_for_high_skilled=bool(separate_group_for_high_skilled),
        committee=committee,
        rule_set=rule_set,
        created_by=actor,
    )
    full_clean_or_raise(
        round_, exclude=["title_series", "occupation", "region", "organiser", "committee", "rule_set", "created_by"]
    )
    round_.save()
    RoundMethod.objects.bulk_create(RoundMethod(round=round_, method=method, pass_mark=mark) for method, mark in marks)
    audit_record(
        actor=actor,
        obj=round_,
        action="round_create",
        to_state="created",
        comment=", ".join(f"{method} ≥ {mark}" for method, mark in marks),
        request=request,
    )
    return round_
