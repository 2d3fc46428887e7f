"""Maintained figures by region (docs/scale.md, "dashboards from maintained figures"): the one step every
set-based refresh shares. A refresh computes ``(employer region id, metric, skill level id, value)`` rows
with a few GROUP BY queries; this replaces the previous set with them, each row also keyed by its province
so that a provincial official's dashboard reads its own rows only."""

from collections.abc import Iterable

from django.db.models import Model, QuerySet

from accounts.models import Region, RegionLevel

FigureRow = tuple[int, str, int | None, int]


def province_ids(region_ids: Iterable[int]) -> dict[int, int | None]:
    """Region id → its province's id (itself for a province; None for the national level)."""
    provinces: dict[int, int | None] = {}
    for pk, level, parent_id in Region.objects.filter(pk__in=set(region_ids)).values_list("pk", "level", "parent_id"):
        provinces[pk] = pk if level == RegionLevel.PROVINCE else parent_id if level == RegionLevel.CITY else None
    return provinces


def figures_replace(
    *, model: type[Model], previous: QuerySet, computed: list[FigureRow], metric_field: str, **fixed
) -> None:
    """Delete ``previous`` and write ``computed`` (rows with a zero value left out) in its place; call it
    inside the refresh's transaction, so readers see the old set until the new one commits."""
    rows = [row for row in computed if row[3]]
    provinces = province_ids(row[0] for row in rows)
    previous.delete()
    model._default_manager.bulk_create(
        (
            model(
                region_id=region_id,
                province_id=provinces[region_id],
                skill_level_id=level_id,
                value=value,
                **{metric_field: metric},
                **fixed,
            )
            for region_id, metric, level_id, value in rows
        ),
        batch_size=1000,
    )
