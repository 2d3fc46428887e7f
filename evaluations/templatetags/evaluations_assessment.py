"""Template helpers of the assessment area: the dossier page's assessment panel (included by the
review area's dossier page as ``evaluations/dossiers/_assessment_panel.html``)."""

from django import template

from evaluations.models import VoteChoice
from evaluations.selectors.assessment import assessment_panel
from evaluations.views.assessment import dossier_page_url as _dossier_page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def assessment_panel_for(context, dossier):
    """The panel's data for the signed-in user (nothing visible to enterprises)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return assessment_panel(actor=user, dossier=dossier)


@register.simple_tag
def vote_choices():
    return VoteChoice.choices


@register.filter
def dossier_page_url(dossier) -> str:
    return _dossier_page_url(dossier)


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None
