"""The landing page: one dashboard per role, with counts from each app's scoped selectors.

It lives in the project package because it reads across apps; the apps never import it.
"""

from django.db.models import Count, Q
from django.shortcuts import render

from accounts.models import Role
from accounts.scoping import region_scope
from accounts.selectors import organisation_list, region_list
from catalogues.models import AwardLevel
from talents.models import CredentialKind
from talents.selectors import credential_list, honour_list, talent_list


def registry_figures(actor) -> dict:
    talents = talent_list(actor=actor)
    figures = talents.aggregate(
        talents=Count("id"),
        frontline=Count("id", filter=Q(frontline=True)),
        digital=Count("id", filter=Q(occupation__is_digital=True)),
    )
    figures["credentials"] = credential_list(actor=actor).count()
    honours = honour_list(actor=actor)
    figures["honours"] = honours.count()
    figures["honoured_talents_national"] = (
        honours.filter(award__level=AwardLevel.NATIONAL).values("talent_id").distinct().count()
    )
    figures["skill_levels"] = list(
        credential_list(actor=actor)
        .filter(kind=CredentialKind.SKILL_LEVEL)
        .values("skill_level__code", "skill_level__name", "skill_level__name_en", "skill_level__rank")
        .annotate(talents=Count("talent_id", distinct=True))
        .order_by("skill_level__rank")
    )
    return figures


def talents_by_region(actor) -> list[dict]:
    """Talents per region one level below the official's own (provinces for national, cities for a province)."""
    if actor.sees_everything:
        regions = region_list(actor=actor).filter(level="province")
        path = "employer__region__parent"
    elif actor.role == Role.PROVINCIAL_OFFICIAL:
        regions = region_list(actor=actor).filter(region_scope(actor), level="city")
        path = "employer__region"
    else:
        return []
    counts = dict(
        talent_list(actor=actor).values_list(f"{path}_id").annotate(n=Count("id")).values_list(f"{path}_id", "n")
    )
    if actor.sees_everything:  # organisations directly under a province count for that province
        for region_id, n in (
            talent_list(actor=actor)
            .filter(employer__region__level="province")
            .values_list("employer__region_id")
            .annotate(n=Count("id"))
        ):
            counts[region_id] = counts.get(region_id, 0) + n
    return [{"region": region, "talents": counts.get(region.pk, 0)} for region in regions if counts.get(region.pk)]


def dashboard(request):
    actor = request.user
    context = {"role": actor.role}
    if actor.role != Role.EXPERT:
        context["figures"] = registry_figures(actor)
        context["organisations"] = organisation_list(actor=actor).count()
        context["by_region"] = talents_by_region(actor)
    return render(request, "dashboard.html", context)
