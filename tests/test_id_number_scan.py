"""A full national ID number appears nowhere but in the audited reveal (issue 14, docs/registry.md).

A compact journey of its own through the registry and the platforms — pages, htmx fragments, API, the xlsx
export, the upload's error list, the PDFs (a certificate, a campaign's awardees), e-mails and log lines —
records every URL asked for and every answer given (``collected``), then looks for the journey's full numbers
in all of it. Only the reveal's own answer may hold one; no URL ever does. A PDF is read as its viewer shows
it (tests/pdfs.py): its text is drawn in a CID font, so its bytes never hold the digits."""

import io
import logging
import zipfile
import zlib

import pytest
from django.core import mail
from django.core.handlers.base import BaseHandler
from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from catalogues.models import Occupation
from commendations.services.conferral import nomination_confer
from commendations.services.publicity import campaign_notice_publish
from evaluations.models import DossierStatus
from evaluations.services.certificates import certificate_issue
from talents.models import Talent
from tests.commendations.factories import green_channel_campaign, nomination_in_review
from tests.dates import frozen, shanghai
from tests.evaluations.assessment.factories import make_panel
from tests.pdfs import pdf_readings, pdf_text
from tests.programs.factories import PlatformFactory
from tests.talents.factories import TalentFactory, fresh_id_number

pytestmark = pytest.mark.django_db

REVEAL_URL_NAMES = {"reveal-id", "talent-reveal-id"}  # the audited reveal, page and API


def readable_parts(content: bytes) -> list[bytes]:
    """The bytes a reader could see: a zip's (xlsx) members unpacked; a PDF's deflated streams inflated and
    its text as a viewer shows it."""
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            return [package.read(name) for name in package.namelist()]
    if content.startswith(b"%PDF"):
        parts = [content]
        for stream in content.split(b"stream")[1:]:
            try:
                parts.append(zlib.decompressobj().decompress(stream.lstrip(b"\r\n")))
            except zlib.error:
                continue
        return parts + [reading.encode() for reading in pdf_readings(content)]
    return [content]


@pytest.fixture
def collected(monkeypatch, caplog):
    """Every (url, url name, body, posted values) the test client's requests produce during the test."""
    answers: list[tuple[str, str, bytes, set]] = []
    original = BaseHandler.get_response

    def recording(handler, request):
        response = original(handler, request)
        if response.streaming:
            body = b"".join(response.streaming_content)
            response.streaming_content = [body]
        else:
            body = response.content
        name = getattr(request.resolver_match, "url_name", "") or ""
        # A refused form shows the requester what they typed in that same request: an echo, not a disclosure.
        echoed = (
            {value for values in request.POST.lists() for value in values[1]} if request.method == "POST" else set()
        )
        answers.append((request.get_full_path(), name, body + response.get("Location", "").encode(), echoed))
        return response

    monkeypatch.setattr(BaseHandler, "get_response", recording)
    caplog.set_level(logging.DEBUG)
    return answers


def assert_no_full_number(collected, caplog, numbers: list[str]) -> None:
    assert len(collected) > 10  # the journey ran
    for url, name, body, echoed in collected:
        for number in numbers:
            assert number not in url, f"a full ID number in the URL {url}"
            if name in REVEAL_URL_NAMES or number in echoed:
                continue
            for part in readable_parts(body):
                assert number.encode() not in part, f"a full ID number in the answer to {url}"
    outbox = "".join(f"{m.subject}{m.body}{getattr(m, 'alternatives', '')}" for m in mail.outbox)
    logged = "\n".join(record.getMessage() + str(record.__dict__.get("request", "")) for record in caplog.records)
    for number in numbers:
        assert number not in outbox and number not in logged


def test_a_full_id_number_is_seen_only_in_the_audited_reveal(world, client_for, collected, caplog):
    occupation = Occupation.objects.get(code="6-18-01-01")
    client = client_for(world.clerk)
    typed = fresh_id_number()
    data = {"name": "李娜", "occupation": occupation.pk, "frontline": "on", "years_of_work": 8}
    # Registration: the live check, a refused form (bad input echoed), the saved talent.
    client.post(reverse("talents:validate-id"), {"id_number": typed}, headers={"HX-Request": "true"})
    client.post(reverse("talents:create"), data | {"id_number": typed, "years_of_work": "x"})
    client.post(reverse("talents:create"), data | {"id_number": typed})
    talent = Talent.objects.get(id_number=typed)
    other = TalentFactory(employer=world.org)
    for url in (
        reverse("talents:list"),
        reverse("talents:list") + "?q=李",
        reverse("talents:detail", args=[talent.pk]),
        reverse("talents:edit", args=[talent.pk]),
    ):
        assert client.get(url).status_code == 200
    assert client.post(reverse("exports:start", args=["talents.registry"])).status_code == 200
    # The upload's error list names the row, never the number.
    workbook = Workbook()
    workbook.active.append(["header"])
    workbook.active.append(["张三", typed, "no-such-occupation"])
    upload = io.BytesIO()
    workbook.save(upload)
    upload.name = "talents.xlsx"
    client.post(reverse("talents:upload"), {"file": upload})
    # The API.
    api = APIClient()
    api.force_authenticate(world.clerk)
    api.get("/api/v1/talents/")
    api.get(f"/api/v1/talents/{talent.pk}/")
    api.post("/api/v1/talents/", {"name": "王五", "id_number": fresh_id_number(), "occupation": "6-18-01-01"})
    # A platform led by the talent: the edit page shows the leader masked.
    platform = PlatformFactory(host=world.org, leader=other)
    province = client_for(world.provincial_official)
    province.get(reverse("programs:platform-edit", args=[platform.pk]))
    province.get(reverse("programs:platform-list"))
    # The PDFs: the talent's certificate, the awardees' list of a campaign that honoured it.
    certificate_pdf, awardees_pdf = pdfs_of(world, client_for, talent)
    # The audited reveal is the one answer allowed to hold it.
    revealed = province.post(reverse("talents:reveal-id", args=[talent.pk]), {"reason": "核对"})
    numbers = list(Talent.objects.values_list("id_number", flat=True))
    assert_no_full_number(collected, caplog, numbers)
    assert talent.masked_id_number in pdf_text(certificate_pdf)  # the scan reads the PDFs' text
    assert talent.name in pdf_text(awardees_pdf)
    if revealed.status_code == 200:
        assert typed.encode() in revealed.content  # the scan can see a number where there is one


def certificate_of(talent):
    panel = make_panel(status=DossierStatus.IN_PUBLICITY, org=talent.employer, size=1)
    panel.dossier.talent = talent
    panel.dossier.save(update_fields=["talent"])
    return certificate_issue(dossier=panel.dossier)


def pdfs_of(world, client_for, talent) -> tuple[bytes, bytes]:
    """The talent's certificate downloaded by its clerk; the awardees' list of a campaign that honoured it."""
    certificate = certificate_of(talent)
    campaign = green_channel_campaign()
    nomination = nomination_in_review(world, campaign, talent=talent)
    with frozen(shanghai(2026, 11, 2)):
        campaign_notice_publish(
            actor=world.provincial_official, campaign=campaign, nominations=[nomination], contact="020-8"
        )
    with frozen(shanghai(2026, 11, 10)):
        nomination_confer(actor=world.provincial_official, nomination=nomination)
    answers = (
        client_for(world.clerk).get(reverse("evaluations:certificate-pdf", args=[certificate.pk])),
        client_for(world.provincial_official).get(reverse("commendations:campaign-awardees-pdf", args=[campaign.pk])),
    )
    assert all(answer.status_code == 200 and answer.content.startswith(b"%PDF") for answer in answers)
    return answers[0].content, answers[1].content


def test_the_scan_catches_a_number_outside_the_reveal(world, client_for, collected, caplog):
    talent = TalentFactory(employer=world.org)
    client_for(world.clerk).get(reverse("talents:list") + f"?q={talent.id_number}")
    client_for(world.clerk).get(reverse("talents:list"))
    with pytest.raises(AssertionError, match="URL"):
        assert_no_full_number([*collected, *collected * 10], caplog, [talent.id_number])


def test_the_scan_reads_a_pdf_as_its_viewer_shows_it(world, client_for, collected, caplog, monkeypatch):
    """A certificate printing the full number (put there on purpose) fails the scan, though the PDF's bytes
    hold no ASCII digits of it."""
    talent = TalentFactory(employer=world.org)
    certificate = certificate_of(talent)
    monkeypatch.setattr(Talent, "masked_id_number", property(lambda talent: talent.id_number))
    content = client_for(world.clerk).get(reverse("evaluations:certificate-pdf", args=[certificate.pk])).content
    assert talent.id_number.encode() not in content  # a search of the bytes alone would pass it
    assert talent.id_number in pdf_text(content)
    with pytest.raises(AssertionError, match="certificates/.*/pdf"):
        assert_no_full_number(collected * 11, caplog, [talent.id_number])
