"""Issue 5 audit: the gaps the coverage audit found (/work/briefs/issue5_coverage.md).

- Every edge of ``workflow.EDGES``: the allowed actors take it (audited with who, when, from, to, why),
  every other actor gets 403 and nothing changes, a comment-required edge refuses a blank comment (400),
  and every action from a state without an edge is a 409 naming the state and the action.
- Round window, attachments (bad inputs leave the dossier and the disk unchanged), scoped downloads,
  votes tied to their revision and conflicted members outside the quorum, API conflicts, the OpenAPI
  document listing every evaluations endpoint.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog, Role
from eligibility.models import Track
from evaluations import workflow
from evaluations.models import Attachment, Dossier, DossierStatus, Vote
from evaluations.services import attachments as attachment_service
from evaluations.services.assessment import assessment_complete, committee_decide, vote_cast
from evaluations.services.attachments import attachment_add
from evaluations.services.dossiers import dossier_submit
from evaluations.services.review import dossier_review
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.assessment.factories import make_panel, score_all
from tests.evaluations.dossiers.factories import JPEG, PDF, PNG, eligible_talent, upload
from tests.evaluations.factories import DossierFactory, ExpertFactory, RoundFactory

pytestmark = pytest.mark.django_db

S = DossierStatus


# The transition table, edge by edge


def _actors(world, panel) -> dict:
    """Every kind of actor, relative to a Guangzhou dossier whose committee is ``panel.committee``."""
    return {
        "clerk": world.clerk,
        "clerk_other_org": world.clerk_other_org,
        "city": world.city_official,
        "city_other": world.city_official_other_city,
        "province": world.provincial_official,
        "province_other": world.provincial_official_other,
        "national": world.national_official,
        "chair": panel.chair,
        "member": panel.experts[1],
        "expert_outsider": world.expert,  # an expert of no committee of this round
        "admin": world.admin,
        "system": None,
    }


def _dossier_in(world, scenario: str, status: str):
    """A dossier in ``status`` with a frozen revision: ``city`` (a Guangzhou enterprise, standard track),
    ``green`` (the same enterprise, green channel) or ``cityless`` (an enterprise directly under the province)."""
    org = {
        "city": world.org,
        "green": world.org,
        "cityless": None,
    }[scenario] or OrganisationFactory(region=region("440000"))
    panel = make_panel(size=2, status=status, org=org)
    if scenario == "green":
        Dossier.objects.filter(pk=panel.dossier.pk).update(track=Track.GREEN_CHANNEL)
    # The clerk of a city-less organisation is a clerk of that organisation.
    if scenario == "cityless":
        world.clerk.organisation = org
        world.clerk.save(update_fields=["organisation"])
    panel.dossier.refresh_from_db()
    return panel


# (action, from, scenario, to, who may take it)
EDGE_CASES = [
    ("submit", S.DRAFT, "city", S.SUBMITTED, {"clerk"}),
    ("submit", S.RETURNED, "city", S.SUBMITTED, {"clerk"}),
    ("submit", S.WITHDRAWN, "city", S.SUBMITTED, {"clerk"}),
    ("withdraw", S.SUBMITTED, "city", S.WITHDRAWN, {"clerk"}),
    ("approve", S.SUBMITTED, "city", S.CITY_APPROVED, {"city"}),
    ("approve", S.SUBMITTED, "green", S.IN_ASSESSMENT, {"province"}),
    ("approve", S.SUBMITTED, "cityless", S.IN_ASSESSMENT, {"province"}),
    ("approve", S.CITY_APPROVED, "city", S.IN_ASSESSMENT, {"province"}),
    ("return", S.SUBMITTED, "city", S.RETURNED, {"city"}),
    ("return", S.SUBMITTED, "green", S.RETURNED, {"province"}),
    ("return", S.SUBMITTED, "cityless", S.RETURNED, {"province"}),
    ("return", S.CITY_APPROVED, "city", S.RETURNED, {"province"}),
    ("reject", S.SUBMITTED, "city", S.REJECTED, {"city"}),
    ("reject", S.SUBMITTED, "green", S.REJECTED, {"province"}),
    ("reject", S.SUBMITTED, "cityless", S.REJECTED, {"province"}),
    ("reject", S.CITY_APPROVED, "city", S.REJECTED, {"province"}),
    ("complete_scoring", S.IN_ASSESSMENT, "city", S.IN_COMMITTEE, {"chair", "province", "system"}),
    ("decide_pass", S.IN_COMMITTEE, "city", S.PASSED, {"chair", "province"}),
    ("decide_fail", S.IN_COMMITTEE, "city", S.FAILED, {"chair", "province"}),
    ("publish", S.PASSED, "city", S.IN_PUBLICITY, {"province"}),
    ("certify", S.IN_PUBLICITY, "city", S.CERTIFIED, {"province", "system"}),
    ("fail_after_objection", S.IN_PUBLICITY, "city", S.FAILED, {"province", "system"}),
]
CASE_IDS = [f"{action}-{source}-{scenario}" for action, source, scenario, _t, _a in EDGE_CASES]


def test_the_cases_cover_every_edge_of_the_table():
    covered = {(action, source, target) for action, source, _scenario, target, _allowed in EDGE_CASES}
    table = {(edge.action, edge.source, edge.target) for edge in workflow.EDGES}
    assert covered == table


def _reset(dossier, status):
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    dossier.refresh_from_db()


@pytest.mark.parametrize(("action", "source", "scenario", "target", "allowed"), EDGE_CASES, ids=CASE_IDS)
def test_each_edge_allowed_actors_succeed_and_are_audited(world, action, source, scenario, target, allowed):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    edge = workflow.edge_for(dossier, action)
    comment = "理由：材料核实" if edge.comment_required else ""
    for key in sorted(allowed):
        _reset(dossier, source)
        before = timezone.now()
        updated = workflow.transition(actor=actors[key], dossier=dossier, action=action, comment=comment)
        assert updated.status == target, key
        dossier.refresh_from_db()
        assert dossier.status == target
        entry = AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").order_by("-pk").first()
        assert entry is not None, key
        assert entry.actor == actors[key]
        assert (entry.from_state, entry.to_state, entry.comment) == (source, target, comment)
        assert entry.at >= before
    assert AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").count() == len(allowed)


@pytest.mark.parametrize(("action", "source", "scenario", "target", "allowed"), EDGE_CASES, ids=CASE_IDS)
def test_each_edge_refuses_every_other_actor_with_403_and_changes_nothing(
    world, action, source, scenario, target, allowed
):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    for key, actor in actors.items():
        if key in allowed:
            continue
        with pytest.raises(PermissionDeniedError) as refused:
            workflow.transition(actor=actor, dossier=dossier, action=action, comment="理由")
        assert refused.value.status == 403, key
        dossier.refresh_from_db()
        assert dossier.status == source, key
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


COMMENT_CASES = [
    case
    for case in EDGE_CASES
    if any(e.comment_required for e in workflow.EDGES if (e.action, e.source, e.target) == (case[0], case[1], case[3]))
]


def test_the_comment_required_edges_are_return_reject_and_the_upheld_objection():
    assert {case[0] for case in COMMENT_CASES} == {"return", "reject", "fail_after_objection"}


@pytest.mark.parametrize(
    ("action", "source", "scenario", "target", "allowed"),
    COMMENT_CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in COMMENT_CASES],
)
@pytest.mark.parametrize("blank", ["", "   \n "])
def test_comment_required_edges_refuse_a_blank_comment(world, action, source, scenario, target, allowed, blank):
    panel = _dossier_in(world, scenario, source)
    dossier, actors = panel.dossier, _actors(world, panel)
    with pytest.raises(ApplicationError) as refused:
        workflow.transition(actor=actors[sorted(allowed)[0]], dossier=dossier, action=action, comment=blank)
    assert (refused.value.status, refused.value.field) == (400, "comment")
    assert str(refused.value.message)
    dossier.refresh_from_db()
    assert dossier.status == source
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


ACTIONS = sorted({edge.action for edge in workflow.EDGES})


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_from_a_state_without_its_edge_is_a_409_naming_state_and_action(world, action):
    panel = _dossier_in(world, "city", S.DRAFT)
    dossier = panel.dossier
    sources = {edge.source for edge in workflow.EDGES if edge.action == action}
    illegal = [status for status in S.values if status not in sources]
    assert illegal
    for status in illegal:
        _reset(dossier, status)
        # Even the actor the step would belong to elsewhere: the state is checked first.
        for actor in (world.provincial_official, world.clerk, panel.chair, None):
            with pytest.raises(ApplicationError) as refused:
                workflow.transition(actor=actor, dossier=dossier, action=action, comment="理由")
            error = refused.value
            assert (error.status, error.code) == (409, "illegal_transition"), (action, status)
            assert str(S(status).label) in str(error.message)
            assert str(workflow.ACTION_LABELS[action]) in str(error.message)
            dossier.refresh_from_db()
            assert dossier.status == status
    assert not AuditLog.objects.for_object(dossier).filter(action=f"dossier_{action}").exists()


def test_an_unknown_action_is_a_409_too(world):
    panel = _dossier_in(world, "city", S.SUBMITTED)
    with pytest.raises(ApplicationError) as refused:
        workflow.transition(actor=world.city_official, dossier=panel.dossier, action="teleport")
    assert refused.value.status == 409


def test_green_channel_from_a_city_less_organisation_goes_to_the_province(world):
    panel = _dossier_in(world, "cityless", S.SUBMITTED)
    Dossier.objects.filter(pk=panel.dossier.pk).update(track=Track.GREEN_CHANNEL)
    panel.dossier.refresh_from_db()
    assert workflow.allowed_actions(world.city_official, panel.dossier) == []
    assert set(workflow.allowed_actions(world.provincial_official, panel.dossier)) == {"approve", "return", "reject"}
    updated = dossier_review(actor=world.provincial_official, dossier=panel.dossier, decision="approve")
    assert updated.status == S.IN_ASSESSMENT


def test_a_dossier_returned_by_the_province_goes_back_through_the_city(world):
    panel = _dossier_in(world, "city", S.CITY_APPROVED)
    dossier_review(actor=world.provincial_official, dossier=panel.dossier, decision="return", comment="请补充")
    _reset(panel.dossier, S.SUBMITTED)  # resubmitted
    assert workflow.allowed_actions(world.provincial_official, panel.dossier) == []
    assert set(workflow.allowed_actions(world.city_official, panel.dossier)) == {"approve", "return", "reject"}


# Round window on submission


def _returned_dossier_in(round_, world):
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org), status=S.RETURNED)
    return dossier


def test_a_returned_dossier_may_be_resubmitted_after_the_window_closed(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = dossier_submit(actor=world.clerk, dossier=_returned_dossier_in(round_, world))
    assert dossier.status == S.SUBMITTED and dossier.current_revision_id is not None


def test_a_withdrawn_dossier_keeps_to_the_window_and_nothing_changes(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org), status=S.WITHDRAWN)
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert (refused.value.status, refused.value.code) == (400, "window_closed")
    assert round_.closes_on.isoformat() in str(refused.value.message)
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN and dossier.current_revision_id is None
    assert not AuditLog.objects.for_object(dossier).filter(action="dossier_submit").exists()


def test_submitting_before_the_round_opens_names_the_window(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org))
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(actor=world.clerk, dossier=dossier)
    assert (refused.value.status, refused.value.code) == (400, "window_not_open")
    message = str(refused.value.message)
    assert round_.opens_on.isoformat() in message and round_.closes_on.isoformat() in message
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


def test_submitting_through_the_api_after_the_window_is_a_400_with_the_code(world):
    round_ = RoundFactory(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    dossier = DossierFactory(round=round_, talent=eligible_talent(world.org))
    response = _api(world.clerk).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code == 400
    assert response.json()["code"] == "window_closed"
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


# Illegal transitions through the API: 409 with the workflow's message


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_withdrawing_a_city_approved_dossier_through_the_api_is_a_409_with_the_message(world):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.CITY_APPROVED)
    response = _api(world.clerk).post(reverse("api:dossier-withdraw", args=[dossier.pk]), {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert str(S.CITY_APPROVED.label) in body["detail"]
    dossier.refresh_from_db()
    assert dossier.status == S.CITY_APPROVED


def test_submitting_a_dossier_in_assessment_through_the_api_is_a_409(world):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.IN_ASSESSMENT)
    response = _api(world.clerk).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"


# Attachments: bad inputs leave the dossier and the disk unchanged


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def draft(world):
    return DossierFactory(talent=eligible_talent(world.org))


def _assert_unchanged(dossier, private_media):
    before = dossier.updated_at
    dossier.refresh_from_db()
    assert dossier.updated_at == before
    assert not Attachment.objects.filter(dossier=dossier).exists()
    assert _files(private_media) == []
    assert not AuditLog.objects.for_object(dossier).filter(action="attachment_add").exists()


def test_a_pdf_renamed_png_is_taken_for_what_it_is_and_served_as_pdf(world, draft, private_media, client):
    attachment = attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF, "扫描件.png", "image/png"))
    assert attachment.content_type == "application/pdf"
    client.force_login(world.clerk)
    response = client.get(reverse("evaluations:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (PNG[:24], "photo.png"),  # the PNG signature and a cut-off header: not a decodable image
        (JPEG[:12], "scan.jpg"),  # the JPEG start marker and nothing else
        (b"%PDF", "a.pdf"),  # the magic bytes and nothing else
        (PDF[:60], "cut.pdf"),  # a PDF cut off before its end-of-file marker
        (b"%PDF" + b"\x00" * 600 + b"%%EOF", "noversion.pdf"),  # no "%PDF-x.y" header
        (b"\x00" * 4096, "zeros.pdf"),
    ],
    ids=["truncated-png", "truncated-jpeg", "pdf-magic-only", "truncated-pdf", "pdf-without-version", "zeros"],
)
def test_broken_files_with_a_right_extension_are_refused_and_nothing_is_left(
    world, draft, private_media, content, name
):
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(content, name, "application/octet-stream"))
    assert (refused.value.status, refused.value.field, refused.value.code) == (400, "file", "file_type")
    _assert_unchanged(draft, private_media)


def test_empty_and_too_large_files_leave_the_dossier_unchanged(world, draft, private_media, monkeypatch):
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(b"", "空.pdf"))
    assert (refused.value.code, refused.value.field) == ("empty", "file")
    _assert_unchanged(draft, private_media)
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF))
    assert (refused.value.code, refused.value.field) == ("too_large", "file")
    _assert_unchanged(draft, private_media)


def test_a_pdf_with_trailing_bytes_after_its_end_marker_is_accepted(world, draft, private_media):
    # Scanners and incremental saves leave bytes after "%%EOF"; readers accept them within 1024 bytes.
    content = PDF + b"\r\n" + b" " * 900
    assert attachment_add(actor=world.clerk, dossier=draft, upload=upload(content)).content_type == "application/pdf"


def test_a_file_of_exactly_the_limit_is_accepted(world, draft, private_media, monkeypatch):
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF))
    assert attachment_add(actor=world.clerk, dossier=draft, upload=upload(PDF)).size == len(PDF)


def test_a_real_file_over_ten_megabytes_is_refused_before_its_type_is_read(world, draft, private_media):
    big = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(big))
    assert refused.value.code == "too_large" and "10 MB" in str(refused.value.message)
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_a_too_large_file_on_the_file_field_and_leaves_nothing(
    world, draft, private_media, monkeypatch
):
    monkeypatch.setattr(attachment_service, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload(PDF)}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_an_empty_file(world, draft, private_media):
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload(b"", "空.pdf")}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()
    _assert_unchanged(draft, private_media)


def test_another_organisations_clerk_cannot_upload_and_nothing_is_written(world, draft, private_media):
    with pytest.raises(PermissionDeniedError):
        attachment_add(actor=world.clerk_other_org, dossier=draft, upload=upload())
    _assert_unchanged(draft, private_media)
    response = _api(world.clerk_other_org).post(
        reverse("api:attachment-list"), {"dossier": draft.pk, "file": upload()}, format="multipart"
    )
    assert response.status_code == 404
    _assert_unchanged(draft, private_media)


def test_the_api_refuses_an_upload_to_a_submitted_dossier_with_409(world, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.SUBMITTED)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"), {"dossier": dossier.pk, "file": upload()}, format="multipart"
    )
    assert response.status_code == 409 and response.json()["code"] == "not_editable"
    assert _files(private_media) == [] and not Attachment.objects.exists()


# Scoped download


def test_anonymous_download_goes_to_the_login_and_the_api_answers_401(world, draft, private_media, client):
    attachment = attachment_add(actor=world.clerk, dossier=draft, upload=upload())
    client.logout()
    response = client.get(reverse("evaluations:attachment-download", args=[attachment.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert _api(None).get(reverse("api:attachment-download", args=[attachment.pk])).status_code == 401


def test_other_organisations_get_404_from_the_api_download(world, private_media):
    dossier = DossierFactory(talent=eligible_talent(world.org), status=S.SUBMITTED)
    attachment = attachment_add(
        actor=world.clerk, dossier=DossierFactory(talent=eligible_talent(world.org)), upload=upload()
    )
    Attachment.objects.filter(pk=attachment.pk).update(dossier=dossier)
    url = reverse("api:attachment-download", args=[attachment.pk])
    for user in (world.clerk_other_org, world.city_official_other_city, world.provincial_official_other, world.expert):
        assert _api(user).get(url).status_code == 404, user.username
    assert _api(world.city_official).get(url).status_code == 200


# Votes and scores


def test_a_vote_is_tied_to_the_revision_it_judged():
    panel = make_panel(status=S.IN_COMMITTEE)
    vote = vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="yes")
    assert vote.revision_id == panel.dossier.current_revision_id is not None


def test_a_conflicted_colleague_is_left_out_of_the_quorum_end_to_end():
    """3 members plus one of the dossier's employer: 2 votes of the 3 eligible make the quorum (with the
    colleague counted, 2 of 4 would not)."""
    panel = make_panel(size=3)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    score_all(panel, value=80)
    assessment_complete(actor=panel.chair, dossier=panel.dossier)
    panel.dossier.refresh_from_db()
    vote_cast(actor=panel.experts[1], dossier=panel.dossier, choice="yes")
    vote_cast(actor=panel.experts[2], dossier=panel.dossier, choice="yes")
    with pytest.raises(PermissionDeniedError):
        vote_cast(actor=colleague, dossier=panel.dossier, choice="no")
    assert committee_decide(actor=panel.chair, dossier=panel.dossier).status == S.PASSED


def test_a_conflicted_member_is_refused_403_by_the_api_and_nothing_is_stored():
    panel = make_panel(status=S.IN_COMMITTEE)
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    response = _api(colleague).post(
        reverse("api:dossier-votes", args=[panel.dossier.pk]), {"choice": "yes"}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "conflicted"
    assert not Vote.objects.exists()


def test_a_conflicted_member_cannot_score_through_the_api():
    panel = make_panel()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    response = _api(colleague).post(
        reverse("api:dossier-scores", args=[panel.dossier.pk]),
        {"method": "skill_operation", "value": "90"},
        format="json",
    )
    assert response.status_code == 403 and response.json()["code"] == "conflicted"
    assert not panel.dossier.scores.exists()


def test_a_second_vote_through_the_api_keeps_the_first():
    panel = make_panel(status=S.IN_COMMITTEE)
    url = reverse("api:dossier-votes", args=[panel.dossier.pk])
    client = _api(panel.experts[1])
    assert client.post(url, {"choice": "no"}, format="json").status_code == 201
    second = client.post(url, {"choice": "yes"}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]


def test_the_api_offers_closing_scoring_to_the_chair_and_not_to_a_plain_member(world):
    """The ``actions`` hint is the workflow's: it must not offer a step the service refuses."""
    panel = _dossier_in(world, "city", S.IN_ASSESSMENT)
    url = reverse("api:dossier-detail", args=[panel.dossier.pk])
    member = _api(panel.experts[1]).get(url)
    assert member.status_code == 200 and "complete_scoring" not in member.json()["actions"]
    assert "complete_scoring" in _api(panel.chair).get(url).json()["actions"]
    with pytest.raises(PermissionDeniedError):
        assessment_complete(actor=panel.experts[1], dossier=panel.dossier)


def test_the_workflow_still_refuses_a_city_official_on_a_committee_step(world):
    panel = _dossier_in(world, "city", S.IN_COMMITTEE)
    with pytest.raises(PermissionDeniedError):
        committee_decide(actor=world.city_official, dossier=panel.dossier)


# The OpenAPI document


EVALUATIONS_PATHS = {
    "/api/v1/rounds/": {"get", "post"},
    "/api/v1/rounds/{id}/": {"get"},
    "/api/v1/committees/": {"get"},
    "/api/v1/dossiers/": {"get", "post"},
    "/api/v1/dossiers/{id}/": {"get", "patch"},
    "/api/v1/dossiers/{id}/submit/": {"post"},
    "/api/v1/dossiers/{id}/withdraw/": {"post"},
    "/api/v1/dossiers/{id}/review/": {"post"},
    "/api/v1/dossiers/{id}/comments/": {"get", "post"},
    "/api/v1/dossiers/{id}/scores/": {"get", "post"},
    "/api/v1/dossiers/{id}/scores/complete/": {"post"},
    "/api/v1/dossiers/{id}/votes/": {"get", "post"},
    "/api/v1/dossiers/{id}/decide/": {"post"},
    "/api/v1/attachments/": {"get", "post"},
    "/api/v1/attachments/{id}/": {"get", "delete"},
    "/api/v1/attachments/{id}/download/": {"get"},
    "/api/v1/certificates/": {"get"},
    "/api/v1/certificates/verify/": {"get"},
    "/api/v1/notices/": {"get"},
    "/api/v1/objections/": {"get", "post"},
}


def test_the_openapi_document_lists_every_evaluations_endpoint(world, client):
    client.force_login(world.clerk)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in EVALUATIONS_PATHS.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    # The public verification needs no credentials and never offers the ID number.
    verify = paths["/api/v1/certificates/verify/"]["get"]
    assert "id_number" not in str(verify)


def test_certificate_verification_is_reachable_without_the_trailing_slash(db, client):
    response = client.get("/api/v1/certificates/verify", {"number": "X", "code": "Y"})
    assert response.status_code == 404


def test_a_deactivated_clerk_may_not_submit(world):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    inactive = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=world.org, is_active=False)
    response = _api(inactive).post(reverse("api:dossier-submit", args=[dossier.pk]))
    assert response.status_code in (401, 403)
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


# Round window when a round is created


def _round_data(**overrides):
    from catalogues.models import Occupation
    from evaluations.models import RoundKind
    from tests.talents.factories import catalogue

    today = timezone.localdate()
    data = {
        "kind": RoundKind.SKILL_EVALUATION,
        "title": "2026年车工技师评价",
        "occupation": catalogue(Occupation, "6-18-01-01"),
        "target_level": "technician",
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=30),
        "methods": ["theory_exam", ("skill_operation", 70)],
    }
    return data | overrides


@pytest.mark.parametrize("missing", ["opens_on", "closes_on"])
def test_a_round_without_its_window_is_refused(world, missing):
    from evaluations.models import Round
    from evaluations.services.rounds import round_create

    with pytest.raises(ApplicationError) as refused:
        round_create(actor=world.provincial_official, **_round_data(**{missing: None}))
    assert refused.value.status == 400 and refused.value.field in ("opens_on", "closes_on")
    assert not Round.objects.exists()


def test_a_one_day_window_is_a_window(world):
    from evaluations.services.dossiers import window_error
    from evaluations.services.rounds import round_create

    today = timezone.localdate()
    round_ = round_create(actor=world.provincial_official, **_round_data(opens_on=today, closes_on=today))
    assert window_error(round_, today) is None
    assert window_error(round_, today + datetime.timedelta(days=1)).code == "window_closed"
    assert window_error(round_, today - datetime.timedelta(days=1)).code == "window_not_open"


def test_the_api_refuses_a_window_closing_before_it_opens(world):
    today = timezone.localdate()
    response = _api(world.provincial_official).post(
        reverse("api:round-list"),
        {
            "kind": "skill_evaluation",
            "title": "2026年车工技师评价",
            "occupation": "6-18-01-01",
            "target_level": "technician",
            "opens_on": today.isoformat(),
            "closes_on": (today - datetime.timedelta(days=1)).isoformat(),
            "methods": [{"method": "theory_exam"}],
        },
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "closes_on" in response.json()


# More bad inputs of the review and of attachments


def test_a_review_comment_over_the_limit_is_refused_and_changes_nothing(world):
    from evaluations.models import DossierReview
    from evaluations.services.review import COMMENT_MAX_LENGTH

    panel = _dossier_in(world, "city", S.SUBMITTED)
    with pytest.raises(ApplicationError) as refused:
        dossier_review(
            actor=world.city_official, dossier=panel.dossier, decision="return", comment="补" * (COMMENT_MAX_LENGTH + 1)
        )
    assert (refused.value.status, refused.value.field) == (400, "comment")
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.SUBMITTED and not DossierReview.objects.exists()
    response = _api(world.city_official).post(
        reverse("api:dossier-review", args=[panel.dossier.pk]),
        {"decision": "return", "comment": "补" * (COMMENT_MAX_LENGTH + 1)},
        format="json",
    )
    assert response.status_code == 400 and "comment" in response.json()


def test_an_attachment_cannot_hang_on_another_dossiers_evidence(world, draft, private_media):
    from tests.evaluations.factories import EvidenceItemFactory

    foreign_item = EvidenceItemFactory(dossier=DossierFactory(talent=eligible_talent(world.org)))
    with pytest.raises(ApplicationError) as refused:
        attachment_add(actor=world.clerk, dossier=draft, upload=upload(), evidence_item=foreign_item)
    assert (refused.value.status, refused.value.field) == (400, "evidence_item")
    _assert_unchanged(draft, private_media)
    response = _api(world.clerk).post(
        reverse("api:attachment-list"),
        {"dossier": draft.pk, "file": upload(), "evidence_item": foreign_item.pk},
        format="multipart",
    )
    assert response.status_code == 400 and "evidence_item" in response.json()
    _assert_unchanged(draft, private_media)
