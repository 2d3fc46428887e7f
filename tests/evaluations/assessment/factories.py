"""Committees with experts and dossiers waiting for them (the assessment and certificates tests)."""

from dataclasses import dataclass

from evaluations.models import DossierStatus, Score, Vote
from tests.accounts.factories import OrganisationFactory, region
from tests.evaluations.factories import (
    CommitteeFactory,
    DossierFactory,
    ExpertFactory,
    RoundFactory,
    add_members,
    freeze_revision,
)
from tests.talents.factories import TalentFactory


@dataclass
class Panel:
    """A Guangdong round whose committee has ``size`` experts (the first one chairs), and a Guangzhou
    dossier in ``status`` with a frozen revision."""

    round: object
    committee: object
    experts: list
    chair: object
    dossier: object


def make_panel(*, size=3, status=DossierStatus.IN_ASSESSMENT, methods=None, dossier=None, org=None, **round_kwargs):
    committee = CommitteeFactory()
    experts = [ExpertFactory(organisation=OrganisationFactory(region=region("440300"))) for _ in range(size)]
    add_members(committee, experts, chair=experts[0] if experts else None)
    round_ = RoundFactory(committee=committee, methods=methods, **round_kwargs)
    if dossier is None:
        talent = TalentFactory(employer=org or OrganisationFactory(region=region("440100")))
        dossier = DossierFactory(round=round_, talent=talent, status=status)
    freeze_revision(dossier)
    return Panel(
        round=round_, committee=committee, experts=experts, chair=experts[0] if experts else None, dossier=dossier
    )


def score_all(panel, value=80, experts=None):
    """Every expert scores every method of the round (no R6 exemptions assumed)."""
    dossier = panel.dossier
    for expert in experts if experts is not None else panel.experts:
        for method in panel.round.methods.all():
            Score.objects.create(
                dossier=dossier, revision=dossier.current_revision, method=method.method, expert=expert, value=value
            )


def votes(panel, *choices):
    for expert, choice in zip(panel.experts, choices, strict=False):
        Vote.objects.create(
            dossier=panel.dossier, revision=panel.dossier.current_revision, expert=expert, choice=choice
        )


@dataclass
class AssessmentSubjects:
    """Per key of the permission matrix (own, other_org, other_city, other_province): a dossier in
    assessment, its round, and a certificate of another dossier of the same organisation. The world's
    expert is a plain member of the Guangdong committee, not of the Jiangsu one."""

    dossiers: dict
    rounds: dict
    certificates: dict


def assessment_subjects(world) -> AssessmentSubjects:
    from evaluations.services.certificates import certificate_issue

    guangdong = CommitteeFactory()
    chair = ExpertFactory()
    add_members(guangdong, [chair, world.expert], chair=chair)
    jiangsu = CommitteeFactory(region=region("320000"))
    add_members(jiangsu, [ExpertFactory()])
    rounds = {
        "guangdong": RoundFactory(committee=guangdong),
        "jiangsu": RoundFactory(committee=jiangsu, region=region("320000")),
    }
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    dossiers, certificates, by_key = {}, {}, {}
    for key, org in organisations.items():
        round_ = rounds["jiangsu" if key == "other_province" else "guangdong"]
        by_key[key] = round_
        dossier = DossierFactory(round=round_, talent=TalentFactory(employer=org), status=DossierStatus.IN_ASSESSMENT)
        freeze_revision(dossier)
        dossiers[key] = dossier
        published = DossierFactory(round=round_, talent=TalentFactory(employer=org), status=DossierStatus.IN_PUBLICITY)
        freeze_revision(published)
        certificates[key] = certificate_issue(dossier=published)
    return AssessmentSubjects(dossiers=dossiers, rounds=by_key, certificates=certificates)
