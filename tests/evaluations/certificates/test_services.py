import datetime

import pytest
from django.utils import timezone

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from evaluations.models import Certificate, DossierStatus, OrganiserKind, Round
from evaluations.services.certificates import (
    CODE_ALPHABET,
    certificate_issue,
    dossier_description,
    issuer_of,
    round_notice_publish,
)
from notices.models import EntryOutcome, NoticeEntry, PublicNotice
from notices.services import notice_close, objection_file, objection_resolve
from talents.validators import mask_name
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import DossierFactory, TitleRoundFactory, freeze_revision

pytestmark = pytest.mark.django_db
S = DossierStatus


def province_official():
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("440000"))


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张*"), ("王小明", "王*明"), ("欧阳娜娜", "欧**娜"), ("李", "*"), ("", "")]
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_certificate_number_code_and_fields():
    panel = make_panel(status=S.IN_PUBLICITY)
    certificate = certificate_issue(dossier=panel.dossier)
    year = timezone.localdate().year
    assert certificate.number == f"44{year}S000001"
    assert len(certificate.verification_code) == 8
    assert set(certificate.verification_code) <= set(CODE_ALPHABET)
    assert certificate.talent == panel.dossier.talent
    assert certificate.target_level == "technician"
    assert certificate.occupation.code == "6-18-01-01" and certificate.title_series is None
    assert certificate.issuer.startswith("广东省")  # the province's HR department (no organiser)
    assert certificate.issued_on == timezone.localdate()
    assert AuditLog.objects.filter(action="certificate_issue").count() == 1


def test_numbers_follow_a_sequence_per_province_year_and_kind():
    first = certificate_issue(dossier=make_panel(status=S.IN_PUBLICITY).dossier)
    second = certificate_issue(dossier=make_panel(status=S.IN_PUBLICITY).dossier)
    title_dossier = DossierFactory(round=TitleRoundFactory(), status=S.IN_PUBLICITY)
    freeze_revision(title_dossier)
    title = certificate_issue(dossier=title_dossier)
    year = timezone.localdate().year
    assert (first.number, second.number, title.number) == (
        f"44{year}S000001",
        f"44{year}S000002",
        f"44{year}T000001",
    )
    assert title.title_series.code == "engineering" and title.occupation is None


def test_issuer_of_a_national_round_is_its_own_region():
    national = region("000000")
    assert national.name in issuer_of(Round(region=national))


def test_issuer_is_the_organiser_when_there_is_one():
    organiser = OrganisationFactory(name="广州精工机械有限公司", may_self_evaluate=True)
    panel = make_panel(
        status=S.IN_PUBLICITY, organiser_kind=OrganiserKind.SELF_EVALUATING_ENTERPRISE, organiser=organiser
    )
    assert issuer_of(panel.round) == "广州精工机械有限公司"


def test_certificate_only_in_publicity_and_once():
    with pytest.raises(ApplicationError) as refused:
        certificate_issue(dossier=make_panel(status=S.PASSED).dossier)
    assert refused.value.status == 409
    panel = make_panel(status=S.IN_PUBLICITY)
    certificate_issue(dossier=panel.dossier)
    with pytest.raises(ApplicationError) as refused:
        certificate_issue(dossier=panel.dossier)
    assert (refused.value.code, refused.value.status) == ("already_certified", 409)
    assert Certificate.objects.count() == 1


def test_description_names_level_and_occupation():
    panel = make_panel()
    text = dossier_description(panel.dossier, language="zh-hans")
    assert "技师" in text and "·" in text


# The public notice and what its end does


def _passed_panel():
    panel = make_panel(status=S.PASSED)
    panel.dossier.talent.name = "王小明"
    panel.dossier.talent.save(update_fields=["name"])
    return panel


def _publish(panel, actor=None):
    return round_notice_publish(
        actor=actor or province_official(),
        round_=panel.round,
        dossiers=[panel.dossier],
        title="2026年车工技师评价结果公示",
    )


def test_publish_lists_masked_names_and_puts_dossiers_in_publicity():
    panel = _passed_panel()
    notice = _publish(panel)
    entry = NoticeEntry.objects.get(notice=notice)
    assert entry.masked_name == "王*明"
    assert entry.organisation_name == panel.dossier.organisation.name
    assert "技师" in entry.description
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.IN_PUBLICITY
    assert notice.source == "evaluations" and notice.region == panel.round.region


def test_publish_refuses_non_passed_dossier_and_changes_nothing():
    panel = make_panel(status=S.IN_COMMITTEE)
    with pytest.raises(ApplicationError) as refused:
        _publish(panel)
    assert refused.value.field == "dossiers"
    assert not PublicNotice.objects.exists()


def test_publish_only_by_provincial_official_of_the_round():
    panel = _passed_panel()
    with pytest.raises(PermissionDeniedError):
        _publish(panel, actor=UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("320000")))
    with pytest.raises(PermissionDeniedError):
        _publish(panel, actor=UserFactory(role=Role.CITY_OFFICIAL, region=region("440100")))
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.PASSED


def _end(notice):
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=10),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    notice.refresh_from_db()


def test_notice_end_without_objection_certifies_with_certificate():
    panel = _passed_panel()
    notice = _publish(panel)
    _end(notice)
    notice_close(notice=notice, actor=None)
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.CERTIFIED
    assert panel.dossier.certificate.talent == panel.dossier.talent
    assert AuditLog.objects.filter(action="dossier_certify", object_id=str(panel.dossier.pk)).exists()


def test_notice_closed_by_the_ministry_still_certifies():
    panel = _passed_panel()
    notice = _publish(panel)
    _end(notice)
    notice_close(notice=notice, actor=UserFactory(role=Role.NATIONAL_OFFICIAL, region=region("000000")))
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.CERTIFIED


def test_upheld_objection_fails_the_dossier_with_the_resolution():
    panel = _passed_panel()
    official = province_official()
    notice = _publish(panel, actor=official)
    entry = NoticeEntry.objects.get(notice=notice)
    objection = objection_file(entry=entry, name="李四", contact="13800000000", reason="业绩材料不实")
    objection_resolve(actor=official, objection=objection, upheld=True, resolution="经核查，专利材料系伪造。")
    panel.dossier.refresh_from_db()
    entry.refresh_from_db()
    assert entry.outcome == EntryOutcome.WITHDRAWN
    assert panel.dossier.status == S.FAILED
    log = AuditLog.objects.get(action="dossier_fail_after_objection")
    assert log.comment == "经核查，专利材料系伪造。"
    assert not Certificate.objects.exists()


# The publish page


def test_publish_page_lists_masked_candidates_and_publishes(client_for):
    from django.urls import reverse

    panel = _passed_panel()
    official = province_official()
    client = client_for(official)
    url = reverse("evaluations:notice-publish", args=[panel.round.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "王*明" in html and "王小明" not in html
    # the issuing authority is proposed: the region's human-resources and social-security department
    assert page.context["form"].initial["issuing_authority"].endswith("人力资源和社会保障厅")
    data = {"title": "车工技师评价结果公示", "body": "", "working_days": 5, "dossiers": [panel.dossier.pk]}
    assert client.post(url, data).context["form"].errors["contact"]  # a contact for objections is required
    contact = {"issuing_authority": "广东省人力资源和社会保障厅", "contact": "020-12345678"}
    response = client.post(url, data | contact)
    assert response.status_code == 302
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.IN_PUBLICITY
    notice = PublicNotice.objects.get()
    assert notice.title == "车工技师评价结果公示"
    assert (notice.issuing_authority, notice.contact) == ("广东省人力资源和社会保障厅", "020-12345678")


def test_publish_page_without_selection_is_a_form_error(client_for):
    from django.urls import reverse

    panel = _passed_panel()
    client = client_for(province_official())
    response = client.post(
        reverse("evaluations:notice-publish", args=[panel.round.pk]), {"title": "公示", "working_days": 5}
    )
    assert response.status_code == 200 and response.context["form"].errors["dossiers"]
    assert not PublicNotice.objects.exists()
