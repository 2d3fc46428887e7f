"""The permission matrix's nomination subjects: one draft nomination per organisation of the world in
a national campaign (so the ministry sees them all), each with one stored attachment."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile


@dataclass
class NominationSubjects:
    nominations: dict
    attachments: dict


def attachment_of(nomination, uploaded_by):
    from accounts import private_files
    from commendations.models import NominationAttachment
    from tests.evaluations.dossiers.factories import PDF

    upload = SimpleUploadedFile("推荐材料.pdf", PDF, content_type="application/pdf")
    stored = private_files.store_upload(
        upload, folder=f"nominations/{nomination.pk}", content_type="application/pdf", size=len(PDF)
    )
    attachment = NominationAttachment(
        nomination=nomination,
        storage_key=stored.storage_key,
        original_name=stored.original_name,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=uploaded_by,
    )
    attachment.file.name = stored.name
    attachment.save()
    return attachment


def nomination_subjects(world) -> NominationSubjects:
    from tests.accounts.factories import UserFactory, region
    from tests.commendations.factories import NominationFactory, open_campaign, technician

    campaign = open_campaign(region=region("000000"))
    organisations = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    nominations = {}
    for key, organisation in organisations.items():
        nominator = world.clerk if key == "own" else UserFactory(role="enterprise_clerk", organisation=organisation)
        nominations[key] = NominationFactory(
            campaign=campaign, talent=technician(organisation), organisation=organisation, nominated_by=nominator
        )
    attachments = {key: attachment_of(n, n.nominated_by) for key, n in nominations.items()}
    return NominationSubjects(nominations=nominations, attachments=attachments)


def make_attachment():
    """A new attachment row (admin makers)."""
    from tests.commendations.factories import NominationFactory

    nomination = NominationFactory()
    return attachment_of(nomination, nomination.nominated_by)
