"""The forms of a committee member's entries, one definition for every review that uses the committees
(dossiers' assessment, nominations' expert review)."""

from django import forms
from django.utils.translation import gettext_lazy

from committees.models import VoteChoice


class ScoreForm(forms.Form):
    value = forms.DecimalField(label=gettext_lazy("Score"), min_value=0, max_value=100, decimal_places=2, max_digits=5)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=gettext_lazy("Vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)
