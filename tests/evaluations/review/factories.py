"""Dossiers placed in the review's part of the workflow, each with a frozen revision, and the subjects
of the review's permission rows."""

import datetime
from dataclasses import dataclass

from evaluations.models import DossierStatus
from tests.evaluations.factories import DossierFactory, RoundFactory, freeze_revision
from tests.talents.factories import TalentFactory


def content(*, track="promotion", target_level="technician", evidence=(), attachments=()) -> dict:
    """A frozen content in the shape ``evaluations.services.dossiers.revision_content`` writes."""
    return {
        "fields": {"round": 1, "talent": 1, "organisation": 1, "track": track, "target_level": target_level},
        "evidence": list(evidence),
        "attachments": list(attachments),
        "eligibility": {"check": 1, "outcome": "eligible"},
    }


def evidence(pk, description="改进数控车床夹具，加工效率提高30%", kind="process_improvement", date="2025-05-01"):
    return {"id": pk, "kind": kind, "description": description, "date": date, "position": pk}


def attachment(pk, name="专利证书.pdf", sha="a" * 64, size=1024):
    return {
        "id": pk,
        "name": name,
        "sha256": sha,
        "size": size,
        "content_type": "application/pdf",
        "evidence_item": None,
    }


def submitted_dossier(organisation, *, status=DossierStatus.SUBMITTED, round=None, with_revision=True, **fields):
    """A dossier of a new talent of ``organisation`` in ``status``, with its first revision frozen."""
    if round is not None:
        fields["round"] = round
    dossier = DossierFactory(
        talent=fields.pop("talent", None) or TalentFactory(employer=organisation),
        status=status,
        submitted_at=datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC),
        **fields,
    )
    if with_revision:
        freeze_revision(dossier, content=content(track=dossier.track, target_level=dossier.target_level))
    return dossier


@dataclass
class ReviewSubjects:
    """One submitted dossier per organisation of the world (own, other_org, other_city, other_province)."""

    dossiers: dict


def review_subjects(world) -> ReviewSubjects:
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    round_ = RoundFactory()
    dossiers = {key: submitted_dossier(org, round=round_) for key, org in organisations.items()}
    return ReviewSubjects(dossiers=dossiers)
