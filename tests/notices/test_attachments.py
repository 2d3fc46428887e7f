"""An objection's optional attachment (issue 13): checked by content, stored privately, served to the
officials handling the notice only — never to the public."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.errors import ApplicationError
from notices.models import Objection
from notices.services import objection_file
from tests.accounts.factories import region
from tests.notices.factories import NoticeEntryFactory, PublicNoticeFactory

pytestmark = pytest.mark.django_db
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name="证据.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def entry(handlers):
    return NoticeEntryFactory(notice=PublicNoticeFactory(region=region("440000")))


def test_an_objection_keeps_its_checked_attachment(entry):
    objection = objection_file(entry=entry, name="张三", contact="13800138000", reason="成果不实", attachment=pdf())
    objection.refresh_from_db()
    assert objection.attachment_name == "证据.pdf" and objection.attachment_content_type == "application/pdf"
    assert objection.attachment_size == len(PDF) and len(objection.attachment_sha256) == 64
    assert objection.attachment.name.startswith(f"objections/{entry.notice_id}/")


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_filed(entry):
    fake = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(ApplicationError) as refused:
        objection_file(entry=entry, name="张三", contact="13800138000", reason="成果不实", attachment=fake)
    assert refused.value.status == 400 and refused.value.field == "attachment"
    assert not Objection.objects.exists()


def test_the_public_form_takes_an_attachment_and_only_officials_download_it(entry, client, client_for, world):
    url = reverse("notices:notice-detail", args=[entry.notice_id])
    data = {"entry": entry.pk, "name": "张三", "contact": "13800138000", "reason": "成果不实", "attachment": pdf()}
    response = client.post(url, data)
    assert response.status_code == 302
    objection = Objection.objects.get()
    download = reverse("notices:objection-attachment", args=[objection.pk])
    assert download not in client.get(url).content.decode()
    assert client.get(download).status_code == 302  # to the login page
    for outsider in (world.clerk, world.city_official, world.provincial_official_other):
        assert client_for(outsider).get(download).status_code in (403, 404)
    official = client_for(world.provincial_official)
    assert download in official.get(reverse("notices:objection-resolve", args=[objection.pk])).content.decode()
    served = official.get(download)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert served["Cache-Control"] == "private, no-store" and served["X-Content-Type-Options"] == "nosniff"


def test_a_bad_attachment_on_the_public_form_is_a_400_that_files_nothing(entry, client):
    url = reverse("notices:notice-detail", args=[entry.notice_id])
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    data = {"entry": entry.pk, "name": "张三", "contact": "13800138000", "reason": "成果不实", "attachment": fake}
    assert client.post(url, data).status_code == 400
    assert not Objection.objects.exists()
