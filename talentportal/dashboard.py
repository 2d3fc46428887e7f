"""The landing page: one dashboard per role, with counts from each app's scoped selectors.

It lives in the project package because it reads across apps; the apps never import it.
"""

from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.cache import DOSSIERS, NOMINATIONS, NOTICES, TALENTS, cached
from accounts.models import Role
from accounts.scoping import region_scope
from accounts.selectors import organisation_list, region_list
from catalogues.models import AwardLevel
from commendations.selectors.nominations import nomination_todo
from commendations.selectors.review import review_todo
from evaluations.selectors.review import dossier_todo
from notices.selectors import notice_todo
from talents.models import CredentialKind, RegistryFigure, RegistryMetric, RegistryRefresh
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


def reads_maintained_figures(actor) -> bool:
    """National and provincial officials read the maintained figures (their scope is too large to count
    per request); a clerk's organisation and a city official's city are counted live, exactly."""
    return actor.sees_everything or actor.role == Role.PROVINCIAL_OFFICIAL


def _scoped_figures(actor):
    figures = RegistryFigure.objects.order_by()
    return figures if actor.sees_everything else figures.filter(province=actor.region_id)


def maintained_registry_figures(actor) -> dict:
    """``registry_figures`` read from ``RegistryFigure`` (as of ``RegistryRefresh``): two small queries."""
    totals = dict(
        _scoped_figures(actor)
        .filter(skill_level__isnull=True)
        .values_list("metric")
        .annotate(total=Sum("value"))
        .values_list("metric", "total")
    )
    figures = {metric.value: totals.get(metric.value, 0) for metric in RegistryMetric}
    del figures[RegistryMetric.SKILL_LEVEL_TALENTS]
    figures["skill_levels"] = list(
        _scoped_figures(actor)
        .filter(metric=RegistryMetric.SKILL_LEVEL_TALENTS)
        .values("skill_level__code", "skill_level__name", "skill_level__name_en", "skill_level__rank")
        .annotate(talents=Sum("value"))
        .order_by("skill_level__rank")
    )
    return figures


def maintained_talents_by_region(actor) -> list[dict]:
    """``talents_by_region`` from the maintained figures: provinces for national, cities for a province."""
    talents = _scoped_figures(actor).filter(metric=RegistryMetric.TALENTS)
    if actor.sees_everything:
        regions = region_list(actor=actor).filter(level="province")
        counts = dict(talents.filter(province__isnull=False).values_list("province").annotate(n=Sum("value")))
    else:
        regions = region_list(actor=actor).filter(region_scope(actor), level="city")
        counts = dict(talents.filter(region__level="city").values_list("region").annotate(n=Sum("value")))
    return [{"region": region, "talents": counts.get(region.pk, 0)} for region in regions if counts.get(region.pk)]


def live_figures(actor) -> dict:
    """A clerk's or a city official's figures, counted exactly over their small scope."""
    return {
        "figures": registry_figures(actor),
        "by_region": talents_by_region(actor),
        "organisations": organisation_list(actor=actor).count(),
    }


# The to-do list's entries in the order shown: name, label, the filtered list it opens.
TODO_ENTRIES = (
    ("awaiting_decision", _("Dossiers to review at your level"), "evaluations:review-queue", "?awaiting=true"),
    ("returned", _("Dossiers returned for revision"), "evaluations:dossier-list", "?status=returned"),
    ("scores_due", _("Dossiers awaiting your scores"), "evaluations:expert-queue", "?due=score"),
    ("votes_due", _("Dossiers awaiting your vote"), "evaluations:expert-queue", "?due=vote"),
    ("objections_to_resolve", _("Objections to resolve"), "notices:objection-list", "?status=filed"),
    ("notices_due", _("Public notices due to close"), "notices:notice-list", "?due=true"),
    ("nominations_to_recommend", _("Nominations to recommend"), "commendations:nomination-queue", ""),
    (
        "nominations_returned",
        _("Nominations returned for revision"),
        "commendations:nomination-list",
        "?status=returned",
    ),
    ("nominations_to_review", _("Nominations awaiting your vote"), "commendations:review-queue", "?mine=pending"),
)


def todo_figures_of(actor) -> dict:
    """Every app's to-do figures for the actor: a fixed number of queries per role."""
    return {
        **dossier_todo(actor=actor),
        **nomination_todo(actor=actor),
        **review_todo(actor=actor),
        **notice_todo(actor=actor),
    }


def todo_list(request) -> list[dict]:
    """The to-do entries for the reader, from the versioned cache (docs/scale.md "Cached lists"), keyed by
    the day too: a notice falls due at midnight without any write."""
    actor = request.user
    figures = cached(
        request,
        name=f"dashboard-todo:{timezone.localdate().isoformat()}",
        areas=[DOSSIERS, NOTICES, NOMINATIONS],
        build=lambda: todo_figures_of(actor),
    )
    return [
        {"name": name, "label": label, "url": reverse(url_name) + query, "figure": figures[name]}
        for name, label, url_name, query in TODO_ENTRIES
        if name in figures
    ]


def dashboard(request):
    actor = request.user
    context = {"role": actor.role}
    # To-do counts and the live figures come from the versioned cache (docs/scale.md "Cached lists"):
    # counted once per scope after each write of what they count, not on every visit.
    context["todo"] = todo_list(request)
    if actor.role != Role.EXPERT:
        if reads_maintained_figures(actor):
            context["figures"] = maintained_registry_figures(actor)
            context["by_region"] = maintained_talents_by_region(actor)
            refresh = RegistryRefresh.objects.filter(pk=1).first()
            context["figures_as_of"] = refresh.refreshed_at if refresh else None
            context["figures_maintained"] = True
            context["organisations"] = organisation_list(actor=actor).count()
        else:
            context.update(
                cached(request, name="dashboard-figures", areas=[TALENTS], build=lambda: live_figures(actor))
            )
    return render(request, "dashboard.html", context)
