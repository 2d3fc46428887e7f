"""Permission predicates for programs: what a role may do (scope is the selectors' job).

Who organises activities (docs/roles.md, docs/programs.md): HR officials for their own region level — the ministry
for national activities (region 000000), a province for itself and its cities, a city for itself —
and clerks of training institutions and technical colleges for their own organisation (they run
courses; document-15 names technical schools among participants and organisers). A plain
enterprise clerk enrols their own talents and asks questions but organises nothing.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationKind, Region, RegionLevel, Role
from accounts.scoping import NOTHING, organisation_scope
from talents.models import Talent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

NO_PROGRAMS_ACCESS = _("Experts see programs only through the dossiers assigned to them.")
ONLY_TARGET_SETTERS = _("Only the ministry splits national targets across provinces, and a province across its cities.")
ONLY_ORGANISERS = _("Only HR officials and clerks of training institutions or technical colleges organise activities.")
ONLY_ACTIVITY_MANAGERS = _("Only the organiser of this activity or the HR office over its region may do this.")
ONLY_ENROLLERS = _("Only enterprise clerks and HR officials enrol talents.")
ONLY_PARTICIPANT_CLERKS = _("Only a clerk of an organisation with a talent enrolled in the activity may ask questions.")
ONLY_PLATFORM_OFFICIALS = _("Only the ministry and provincial HR departments register platforms.")
NO_PROGRESS_ACCESS = _("Only HR officials see the progress of the plans.")
OWN_ORGANISATION_ONLY = _("You organise activities for your own organisation only.")
OWN_REGION_ONLY = _("Your activities take place in your organisation's region.")
ADMINISTERED_REGIONS_ONLY = _("You organise activities only in the regions you administer.")
ADMINISTERED_ORGANISERS_ONLY = _("The organiser must be an organisation you administer.")

ORGANISING_KINDS = frozenset({OrganisationKind.TRAINING_INSTITUTION, OrganisationKind.TECHNICAL_COLLEGE})
# The ministry and provinces run plans (docs/roles.md): targets and platforms are theirs.
REGIONAL_PLANNERS = frozenset({Role.NATIONAL_OFFICIAL, Role.PROVINCIAL_OFFICIAL})
PROGRESS_ROLES = frozenset({Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN})
PROGRAM_ROLES = frozenset(
    {Role.ENTERPRISE_CLERK, Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL, Role.ADMIN}
)


def _is_admin(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (actor.is_superuser or actor.role == Role.ADMIN)


def can_browse_programs(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (actor.is_superuser or actor.role in PROGRAM_ROLES)


# Targets


def target_writable_regions(actor: "User") -> Q:
    """Regions whose targets the actor sets: the ministry the nation and provinces, a province its cities."""
    if _is_admin(actor):
        return Q()
    if actor.role == Role.NATIONAL_OFFICIAL:
        return Q(level__in=[RegionLevel.NATIONAL, RegionLevel.PROVINCE])
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(level=RegionLevel.CITY, parent_id=actor.region_id)
    return NOTHING


def can_set_targets(actor: "User | AnonymousUser") -> bool:
    return (
        _is_admin(actor) or actor.is_authenticated and actor.role in (Role.NATIONAL_OFFICIAL, Role.PROVINCIAL_OFFICIAL)
    )


def can_set_target_for(actor: "User", region: Region) -> bool:
    if not can_set_targets(actor):
        return False
    if _is_admin(actor):
        return True
    if actor.role == Role.NATIONAL_OFFICIAL:
        return region.level in (RegionLevel.NATIONAL, RegionLevel.PROVINCE)
    return region.level == RegionLevel.CITY and region.parent_id == actor.region_id


# Activities


def can_organise_activities(actor: "User | AnonymousUser") -> bool:
    if not actor.is_authenticated:
        return False
    if _is_admin(actor) or actor.is_official:
        return True
    return (
        actor.role == Role.ENTERPRISE_CLERK
        and actor.organisation is not None
        and actor.organisation.kind in ORGANISING_KINDS
    )


def managed_regions(actor: "User") -> Q:
    """Regions (as a Region filter) where an official organises and manages activities."""
    if _is_admin(actor):
        return Q()
    if actor.role == Role.NATIONAL_OFFICIAL:
        return Q(level=RegionLevel.NATIONAL)
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(pk=actor.region_id) | Q(parent_id=actor.region_id)
    if actor.role == Role.CITY_OFFICIAL:
        return Q(pk=actor.region_id)
    return NOTHING


def activity_placement_refusal(actor: "User", activity) -> tuple[str, str] | None:
    """Why the actor may not organise ``activity`` with its organiser and region, and the field at fault;
    None if they may. A training institution's clerk organises for their own organisation in its region,
    an official in the regions they administer for organisations they administer."""
    if actor.is_superuser or actor.role == Role.ADMIN:
        return None
    if actor.role == Role.ENTERPRISE_CLERK:
        if actor.organisation is None or activity.organiser_id != actor.organisation_id:
            return str(OWN_ORGANISATION_ONLY), "organiser"
        if activity.region_id != actor.organisation.region_id:
            return str(OWN_REGION_ONLY), "region"
        return None
    if not Region.objects.filter(managed_regions(actor), pk=activity.region_id).exists():
        return str(ADMINISTERED_REGIONS_ONLY), "region"
    if not Organisation.objects.filter(organisation_scope(actor), pk=activity.organiser_id).exists():
        return str(ADMINISTERED_ORGANISERS_ONLY), "organiser"
    return None


def managed_activities(actor: "User | AnonymousUser", path: str = "") -> Q:
    """A filter for activities (reached through ``path``) the actor organises or supervises."""
    prefix = f"{path}__" if path else ""
    if not actor.is_authenticated or not actor.is_active:
        return NOTHING
    if _is_admin(actor):
        return Q()
    if actor.role == Role.ENTERPRISE_CLERK:
        return Q(**{f"{prefix}organiser_id": actor.organisation_id}) if actor.organisation_id else NOTHING
    if actor.role == Role.NATIONAL_OFFICIAL:
        return Q(**{f"{prefix}region__level": RegionLevel.NATIONAL})
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return Q(**{f"{prefix}region_id": actor.region_id}) | Q(**{f"{prefix}region__parent_id": actor.region_id})
    if actor.role == Role.CITY_OFFICIAL:
        return Q(**{f"{prefix}region_id": actor.region_id})
    return NOTHING


def can_manage_activity(actor: "User | AnonymousUser | None", activity) -> bool:
    """Edit, close, record completions, answer questions: the organiser or the HR office over the region."""
    if actor is None or not actor.is_authenticated:  # None: the portal itself, never an organiser
        return False
    if _is_admin(actor):
        return True
    if actor.role == Role.ENTERPRISE_CLERK:
        return actor.organisation_id is not None and activity.organiser_id == actor.organisation_id
    region = activity.region
    if actor.role == Role.NATIONAL_OFFICIAL:
        return region.level == RegionLevel.NATIONAL
    if actor.role == Role.PROVINCIAL_OFFICIAL:
        return actor.region_id in (region.pk, region.parent_id)
    if actor.role == Role.CITY_OFFICIAL:
        return region.pk == actor.region_id
    return False


def can_enrol(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and (
        _is_admin(actor)
        or actor.is_official
        or (actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id is not None)
    )


def can_withdraw_enrolment(actor: "User", enrolment) -> bool:
    """The activity's managers, or an enroller whose scope holds the enrolled talent."""
    return can_manage_activity(actor, enrolment.activity) or (
        can_enrol(actor)
        and Talent.objects.filter(organisation_scope(actor, "employer"), pk=enrolment.talent_id).exists()
    )


def can_ask_questions(actor: "User | AnonymousUser") -> bool:
    return actor.is_authenticated and actor.role == Role.ENTERPRISE_CLERK and actor.organisation_id is not None


# Platforms


def can_manage_platforms(actor: "User | AnonymousUser") -> bool:
    return (
        _is_admin(actor) or actor.is_authenticated and actor.role in (Role.NATIONAL_OFFICIAL, Role.PROVINCIAL_OFFICIAL)
    )


def can_manage_platform_level(actor: "User | AnonymousUser", level: str) -> bool:
    """Provinces register provincial platforms; national ones are the ministry's."""
    if _is_admin(actor) or (actor.is_authenticated and actor.role == Role.NATIONAL_OFFICIAL):
        return True
    return actor.is_authenticated and actor.role == Role.PROVINCIAL_OFFICIAL and level == "provincial"


# Progress dashboards


def can_view_progress(actor: "User | AnonymousUser") -> bool:
    """Officials follow the plans in their region (docs/roles.md); clerks and experts do not."""
    return actor.is_authenticated and (actor.is_superuser or actor.role in PROGRESS_ROLES)
