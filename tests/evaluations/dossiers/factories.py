"""Helpers of the dossier-drafting tests: files by content, talents eligible or not for the base
round (lathe operator, technician: promotion from senior worker), and the permission-matrix subjects."""

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from catalogues.models import SkillLevel
from evaluations.models import Attachment, DossierStatus
from tests.accounts.factories import UserFactory, region
from tests.evaluations.factories import (
    CommitteeFactory,
    DossierFactory,
    EvidenceItemFactory,
    ExpertFactory,
    RoundFactory,
    add_members,
    freeze_revision,
)
from tests.talents.factories import CredentialFactory, TalentFactory, catalogue

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc8!'\x07\x00\x02\xb6\x01\x054\xa6u\xaa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _jpeg() -> bytes:
    """A real 1×1 JPEG when Pillow is there (the service then decodes images too), else a JFIF header."""
    try:
        import io

        from PIL import Image
    except ImportError:
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


JPEG = _jpeg()
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64


def upload(content: bytes = PDF, name: str = "证明材料.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def eligible_talent(employer, **kwargs):
    """Holds senior worker since 2020: promotion to technician is eligible (R5)."""
    talent = TalentFactory(employer=employer, **kwargs)
    CredentialFactory(
        talent=talent, skill_level=catalogue(SkillLevel, "senior_worker"), obtained_on=datetime.date(2020, 6, 1)
    )
    return talent


@dataclass
class DossierSubjects:
    rounds: dict
    committees: dict
    dossiers: dict
    evidence: dict
    attachments: dict


def dossier_subjects(world) -> DossierSubjects:
    """A Guangdong round (committee with the world's expert) and a Jiangsu one; one submitted dossier per
    organisation of the world, with an evidence item and a stored PDF attachment."""
    from evaluations.services.attachments import private_storage

    guangdong_committee = CommitteeFactory(region=region("440000"), created_by=world.provincial_official)
    add_members(guangdong_committee, [world.expert], chair=world.expert)
    jiangsu_committee = CommitteeFactory(region=region("320000"), created_by=world.provincial_official_other)
    add_members(jiangsu_committee, [ExpertFactory(organisation=world.org_other_province)])
    guangdong = RoundFactory(committee=guangdong_committee, created_by=world.provincial_official)
    jiangsu = RoundFactory(
        region=region("320000"), committee=jiangsu_committee, created_by=world.provincial_official_other
    )
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    dossiers, evidence, attachments = {}, {}, {}
    for key, organisation in organisations.items():
        dossier = DossierFactory(
            round=jiangsu if key == "other_province" else guangdong,
            talent=eligible_talent(organisation),
            status=DossierStatus.SUBMITTED,
            created_by=UserFactory(role="enterprise_clerk", organisation=organisation),
        )
        freeze_revision(dossier)
        evidence[key] = EvidenceItemFactory(dossier=dossier)
        attachment = Attachment(
            dossier=dossier,
            storage_key=f"matrix{dossier.pk:010d}{key}",
            original_name="证书.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256="0" * 64,
            uploaded_by=dossier.created_by,
        )
        # One shared file per key (the matrix creates these subjects for every case; no pile of copies).
        name, storage = f"matrix/{key}.pdf", private_storage()
        if not storage.exists(name):
            storage.save(name, upload())
        attachment.file.name = name
        attachment.save()
        attachments[key] = attachment
        dossiers[key] = dossier
    rounds = {"own": guangdong, "other_org": guangdong, "other_city": guangdong, "other_province": jiangsu}
    committees = {
        "own": guangdong_committee,
        "other_org": guangdong_committee,
        "other_city": guangdong_committee,
        "other_province": jiangsu_committee,
    }
    return DossierSubjects(rounds, committees, dossiers, evidence, attachments)
