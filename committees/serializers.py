"""How the API shows a committee's tally (committees.scoring), one shape for every review that votes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class TallySerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()
    cast = serializers.IntegerField()
    members = serializers.IntegerField(help_text=_("Members not conflicted on this case."))
    quorum_reached = serializers.BooleanField()
    votes_needed_for_quorum = serializers.IntegerField()
    majority_reached = serializers.BooleanField()
