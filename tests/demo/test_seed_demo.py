"""manage.py seed_demo: coherent, valid, audited demo data; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import AuditLog, Organisation, OrganisationKind, RegionLevel, Role, User
from accounts.validators import validate_credit_code
from catalogues.models import Occupation
from commendations.models import Campaign, Nomination, NominationScore, NominationVote
from demo.data import DEMO_PASSWORD, ORGANISATIONS, TALENT_COUNT, USERS
from demo.seeding import SEED_ACTION
from evaluations.models import Certificate, DossierStatus
from notices.models import NoticeStatus, Objection, PublicNotice
from programs.models import Activity, Enrolment, Platform, Question, QuestionGroup, RegionalTarget
from talents.models import Credential, CredentialKind, CredentialSource, Honour, HonourSource, Talent
from talents.validators import validate_id_number
from tests.dates import years_before

GREEN_CHANNEL_AWARDS = (
    "china_skills_award",
    "national_technical_expert",
    "state_council_special_allowance",
    "provincial_special_allowance",
    "provincial_high_skilled_recognition",
)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Organisation, User, Talent, Credential, Honour, AuditLog)
    }


@pytest.fixture
def seeded(demo_seeded, db):
    return demo_seeded


def test_the_demo_has_organisations_users_and_300_talents(seeded):
    assert Talent.objects.count() == TALENT_COUNT == 300
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert User.objects.count() == len(USERS)
    assert Credential.objects.count() > 2 * TALENT_COUNT
    assert set(Credential.objects.values_list("kind", flat=True)) == set(CredentialKind.values)


def test_every_role_has_a_user_with_the_demo_password(seeded):
    users = User.objects.all()
    assert {u.role for u in users} == set(Role.values)
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    admin = User.objects.get(role=Role.ADMIN)
    assert admin.is_superuser and admin.is_staff
    for user in users:
        user.full_clean()  # role ↔ organisation / region level


def test_the_logins_table_and_counts_are_printed(seeded):
    for spec in USERS:
        assert spec.username in seeded
    assert DEMO_PASSWORD in seeded
    assert "talents" in seeded and "300 /   300" in seeded


def test_officials_cover_cities_provinces_and_the_nation(seeded):
    officials = User.objects.filter(role__in=[Role.CITY_OFFICIAL, Role.PROVINCIAL_OFFICIAL, Role.NATIONAL_OFFICIAL])
    regions = {(u.role, u.region.code) for u in officials.select_related("region")}
    assert {("provincial_official", code) for code in ("440000", "320000", "330000")} <= regions
    assert {("city_official", code) for code in ("440100", "440300", "320100")} <= regions
    assert ("national_official", "000000") in regions
    assert User.objects.filter(role=Role.EXPERT).count() == 4  # three of them form the Guangdong committee


def test_organisations_have_valid_credit_codes_and_every_kind(seeded):
    organisations = Organisation.objects.select_related("region")
    for organisation in organisations:
        validate_credit_code(organisation.credit_code)
        organisation.full_clean()
    assert {o.kind for o in organisations} == set(OrganisationKind.values)
    assert organisations.filter(kind=OrganisationKind.EVALUATION_ORGANISATION, may_self_evaluate=True).exists()
    assert organisations.filter(above_designated_size=True).exists()
    assert organisations.filter(region__level=RegionLevel.PROVINCE).exists()  # directly under a province
    assert {o.region.code[:2] for o in organisations} == {"44", "32", "33"}


def test_talents_have_valid_id_numbers_from_their_employers_city(seeded):
    for talent in Talent.objects.select_related("employer__region"):
        assert validate_id_number(talent.id_number) == talent.id_number
        region = talent.employer.region
        # A city's district codes share its first four digits; a province-level employer, its first two.
        prefix = 4 if region.level == RegionLevel.CITY else 2
        assert talent.id_number[:prefix] == region.code[:prefix]
        assert talent.birth_date.strftime("%Y%m%d") == talent.id_number[6:14]
        assert talent.gender == ("male" if int(talent.id_number[16]) % 2 else "female")


def test_occupations_are_mixed_digital_and_classic(seeded):
    digital = Talent.objects.filter(occupation__is_digital=True).count()
    assert 0.2 * TALENT_COUNT < digital < 0.8 * TALENT_COUNT
    assert Talent.objects.filter(frontline=True).count() > TALENT_COUNT // 3
    assert Talent.objects.values("occupation").distinct().count() > 30
    assert not Occupation.objects.filter(is_active=False, talents__isnull=False).exists()


def test_credentials_are_realistic(seeded):
    today = timezone.localdate()
    for credential in Credential.objects.select_related("talent", "skill_level", "title_level"):
        assert credential.talent.birth_date < credential.obtained_on <= today
        if credential.kind == CredentialKind.SKILL_LEVEL:
            assert credential.occupation_id == credential.talent.occupation_id
        if credential.kind == CredentialKind.TITLE:
            assert credential.title_series_id is not None
        if credential.kind == CredentialKind.GRADUATION:
            assert credential.speciality
    # Skill levels are obtained in order: a higher level never before a lower one.
    for talent in Talent.objects.prefetch_related("credentials__skill_level"):
        ladder = sorted(
            (c for c in talent.credentials.all() if c.kind == CredentialKind.SKILL_LEVEL),
            key=lambda c: c.skill_level.rank,
        )
        assert [c.obtained_on for c in ladder] == sorted(c.obtained_on for c in ladder)
    levels = set(Credential.objects.filter(kind="skill_level").values_list("skill_level__code", flat=True))
    assert {"junior_worker", "technician", "senior_technician", "chief_technician"} <= levels


def test_green_channel_cases_are_all_present(seeded):
    held = dict(Honour.objects.values_list("award__code").annotate(n=Count("id")))
    for award in GREEN_CHANNEL_AWARDS:
        assert held.get(award, 0) >= 1, award
    # R2 / R1b: frontline technicians who have held the level for more than a year, without a green award.
    year_ago = years_before(timezone.localdate(), 1)
    technicians = Talent.objects.filter(
        frontline=True, credentials__skill_level__code="technician", credentials__obtained_on__lt=year_ago
    ).exclude(honours__award__code__in=GREEN_CHANNEL_AWARDS)
    assert technicians.distinct().count() >= 20
    for honour in Honour.objects.select_related("entered_by"):
        assert honour.entered_by.is_official and honour.evidence


def test_every_seeded_row_has_one_audit_entry_by_the_demo_admin(seeded):
    entries = AuditLog.objects.filter(action=SEED_ACTION)
    admin = User.objects.get(role=Role.ADMIN)
    assert set(entries.values_list("actor", flat=True)) == {admin.pk}
    seeded_rows = sum(model.objects.count() for model in (Organisation, User, Talent))
    # Certificates and conferrals write their credentials and honours through the services, which audit them.
    seeded_rows += Credential.objects.exclude(source=CredentialSource.EVALUATION_CERTIFICATE).count()
    seeded_rows += Honour.objects.filter(source=HonourSource.MANUAL).count()
    # Programs: the national targets come from the data migration; the demo sets the regional ones.
    seeded_rows += RegionalTarget.objects.filter(set_by__isnull=False).count()
    seeded_rows += sum(m.objects.count() for m in (Activity, Enrolment, Question, QuestionGroup, Platform))
    assert entries.count() == seeded_rows


def test_running_twice_creates_nothing_more(seeded, settings):
    before = counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "talents            0 /   300" in out.getvalue()


def test_a_partial_demo_is_completed_not_duplicated(seeded):
    before = counts()
    Honour.objects.filter(award__code="china_skills_award").delete()
    call_command("seed_demo", stdout=io.StringIO())
    after = counts()
    assert after["Honour"] == before["Honour"]
    assert after["AuditLog"] == before["AuditLog"] + 2  # the two recreated honours


def test_the_demo_has_a_commendation_campaign_in_every_state(seeded):
    statuses = {
        campaign.award.code: (campaign.status, sorted(campaign.nominations.values_list("status", flat=True)))
        for campaign in Campaign.objects.select_related("award")
    }
    assert statuses["provincial_technical_expert"] == ("open", ["city_recommended", "draft", "submitted"])
    assert statuses["provincial_chief_technician"] == ("closed", ["in_expert_review", "in_expert_review"])
    assert statuses["provincial_special_allowance"] == ("closed", ["in_publicity", "in_publicity"])
    assert statuses["provincial_high_skilled_recognition"] == ("concluded", ["conferred", "conferred"])
    in_review = Nomination.objects.filter(status="in_expert_review")
    assert NominationScore.objects.filter(nomination__in=in_review).exists()  # partly entered
    assert not all(NominationVote.objects.filter(nomination=n).exists() for n in in_review)
    assert PublicNotice.objects.filter(status=NoticeStatus.OPEN, source="commendations").exists()
    assert Objection.objects.filter(status="filed", entry__notice__status=NoticeStatus.OPEN).count() == 1
    conferred = Nomination.objects.filter(status="conferred")
    assert all(n.honour is not None and n.honour.source == HonourSource.CONFERRAL for n in conferred)


def test_the_demo_has_an_issued_certificate_in_the_registry(seeded):
    certificate = Certificate.objects.select_related("dossier", "credential").get()
    assert certificate.dossier.status == DossierStatus.CERTIFIED
    assert certificate.credential.certificate_number == certificate.number
