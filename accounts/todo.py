"""The dashboard's to-do list (待办, issue 15): what waits for the reader, counted by each app's selectors.

Each app answers ``{name: TodoFigure}`` for the actor with one aggregate query over its scoped rows
(``todo_figures``): how many items wait and since when the longest-waiting one waits. The dashboard
(talentportal/dashboard.py) keeps the answers in the versioned cache and links each to its filtered list.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet


@dataclass(frozen=True)
class TodoFigure:
    count: int
    # When the longest-waiting item began to wait (a date for a notice's last day), None when nothing waits.
    oldest: datetime.datetime | datetime.date | None


def todo_figures(queryset: QuerySet, conditions: dict[str, tuple[Q, str]]) -> dict[str, TodoFigure]:
    """One query: for each ``name: (condition, since field)``, the rows meeting the condition and the
    earliest value of the field among them."""
    if not conditions:
        return {}
    aggregates = {}
    for name, (condition, since) in conditions.items():
        aggregates[f"{name}__count"] = Count("pk", filter=condition)
        aggregates[f"{name}__oldest"] = Min(since, filter=condition)
    values = queryset.order_by().aggregate(**aggregates)
    return {
        name: TodoFigure(count=values[f"{name}__count"] or 0, oldest=values[f"{name}__oldest"]) for name in conditions
    }
