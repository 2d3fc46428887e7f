"""``{{ user|person }}``: how every page names a person — the full name in its owner's order and the
organisation (or an official's region), e.g. "李建平（广州市精工机械有限公司）"."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user, fallback: str = "") -> str:
    """The person, or ``fallback`` (e.g. an audit row's stored username) when there is no user."""
    if user is None or not getattr(user, "pk", None):
        return fallback or "—"
    affiliation = user.affiliation
    if affiliation is None:
        return user.display_name
    return _("%(name)s (%(affiliation)s)") % {"name": user.display_name, "affiliation": affiliation}


@register.filter
def person_name(user) -> str:
    """The name alone, where the organisation is already said (the header, a committee's members)."""
    if user is None or not getattr(user, "pk", None):
        return "—"
    return user.display_name
