"""Base factories of the evaluations tests (rounds, committees, dossiers, revisions). Areas add their
own in tests/evaluations/<area>/factories.py on top of these."""

import datetime

import factory
from django.utils import timezone

from accounts.models import Role
from catalogues.models import Occupation, TitleSeries
from eligibility.models import Track
from evaluations.models import (
    Dossier,
    DossierRevision,
    DossierStatus,
    EvidenceItem,
    EvidenceKind,
    Method,
    OrganiserKind,
    Round,
    RoundKind,
    RoundMethod,
)
from tests.accounts.factories import UserFactory, region
from tests.committees.factories import CommitteeFactory, ExpertFactory, add_members  # noqa: F401 (re-exported)
from tests.eligibility.factories import default_rule_set
from tests.talents.factories import TalentFactory, catalogue


class RoundFactory(factory.django.DjangoModelFactory):
    """An open skill-evaluation round of Guangdong for 车工 (lathe operator) at technician level."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"2026年广东省车工技师评价第{n}批")
    kind = RoundKind.SKILL_EVALUATION
    occupation = factory.LazyFunction(lambda: catalogue(Occupation, "6-18-01-01"))
    title_series = None
    target_level = "technician"
    region = factory.LazyFunction(lambda: region("440000"))
    organiser_kind = OrganiserKind.HR_DEPARTMENT
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    committee = factory.SubFactory(CommitteeFactory)
    rule_set = factory.LazyFunction(default_rule_set)
    created_by = factory.SubFactory(
        UserFactory, role=Role.PROVINCIAL_OFFICIAL, region=factory.SelfAttribute("..region")
    )

    @factory.post_generation
    def methods(obj, create, extracted, **kwargs):
        """``methods=[Method.…]`` (default: theory exam and skill operation), each at the rule set's pass mark."""
        if not create:
            return
        for method in extracted if extracted is not None else [Method.THEORY_EXAM, Method.SKILL_OPERATION]:
            RoundMethod.objects.create(round=obj, method=method, pass_mark=obj.rule_set.r7_pass_mark)


class TitleRoundFactory(RoundFactory):
    """A title review in the engineering series at intermediate level."""

    kind = RoundKind.TITLE_REVIEW
    occupation = None
    title_series = factory.LazyFunction(lambda: catalogue(TitleSeries, "engineering"))
    target_level = "intermediate"


class DossierFactory(factory.django.DjangoModelFactory):
    """A draft dossier of the talent's employer; pass ``status`` to place it elsewhere in the workflow
    (no revision is frozen then: use ``freeze_revision`` for states past submission)."""

    class Meta:
        model = Dossier

    round = factory.SubFactory(RoundFactory)
    talent = factory.SubFactory(TalentFactory)
    organisation = factory.LazyAttribute(lambda o: o.talent.employer)
    track = Track.PROMOTION
    target_level = factory.LazyAttribute(lambda o: o.round.target_level)
    status = DossierStatus.DRAFT
    created_by = factory.SubFactory(
        UserFactory, role=Role.ENTERPRISE_CLERK, organisation=factory.SelfAttribute("..organisation")
    )


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    dossier = factory.SubFactory(DossierFactory)
    kind = EvidenceKind.PROCESS_IMPROVEMENT
    description = "改进数控车床夹具，加工效率提高30%"
    date = datetime.date(2025, 5, 1)


def freeze_revision(dossier: Dossier, *, by=None, content: dict | None = None) -> DossierRevision:
    """A revision row as a submission would freeze it (tests of later steps need one to tie scores to)."""
    number = dossier.revisions.count() + 1
    revision = DossierRevision.objects.create(
        dossier=dossier,
        number=number,
        content=content if content is not None else {"evidence": [], "attachments": []},
        submitted_by=by or dossier.created_by,
    )
    dossier.current_revision = revision
    dossier.save(update_fields=["current_revision"])
    return revision
