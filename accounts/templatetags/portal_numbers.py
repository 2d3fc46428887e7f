"""How the portal prints counts (issue 15): grouped by thousands, and from 10,000 up in 万 and 亿 in
Chinese, as Chinese officials read plan targets and statistics ("1.25万人", not "12500")."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()

WAN = 10_000
YI = 100_000_000


def _short(value: int, unit: int) -> str:
    shown = (Decimal(value) / unit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{shown:f}"


def figure_text(value) -> str:
    """``12500`` → ``"1.25万"`` in Chinese, ``"12,500"`` otherwise; below 10,000 grouped only."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    chinese = (translation.get_language() or "").startswith("zh")
    if chinese and abs(number) >= YI:
        return f"{_short(number, YI)}亿"
    if chinese and abs(number) >= WAN:
        return f"{_short(number, WAN)}万"
    return f"{number:,}"


@register.filter
def figure(value):
    """A count as ``figure_text`` shows it; a shortened one carries the exact number in its title."""
    text = figure_text(value)
    try:
        exact = f"{int(value):,}"
    except (TypeError, ValueError):
        return text
    if text == exact:
        return text
    return format_html('<span title="{}">{}</span>', exact, text)
