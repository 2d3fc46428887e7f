"""``level_label`` and ``content_type_label``: codes shown as their labels (evaluations/labels.py)."""

from django import template

from evaluations import labels

register = template.Library()

register.filter("level_label", labels.level_label)
register.filter("content_type_label", labels.content_type_label)
