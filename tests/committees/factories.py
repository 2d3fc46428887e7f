"""Factories of the committees tests: a committee of a province and its expert members (evaluations'
and commendations' tests build their panels from these)."""

import factory

from accounts.models import Role
from committees.models import Committee, CommitteeMember
from tests.accounts.factories import UserFactory, region


class ExpertFactory(UserFactory):
    role = Role.EXPERT


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"广东省机械工程专业高级职称评审委员会{n}")
    region = factory.LazyFunction(lambda: region("440000"))
    created_by = factory.SubFactory(
        UserFactory, role=Role.PROVINCIAL_OFFICIAL, region=factory.SelfAttribute("..region")
    )


def add_members(committee: Committee, experts, *, chair=None) -> None:
    for expert in experts:
        CommitteeMember.objects.create(committee=committee, expert=expert, is_chair=expert == chair)
