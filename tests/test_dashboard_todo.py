"""The dashboard's to-do list (issues 12 and 15) and the clerk's and city official's figures: counted in a
fixed number of queries per scope, kept in the versioned cache (accounts.cache) until a write changes what
they count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commendations.models import NominationStatus
from commendations.services.nominations import nomination_recommend
from evaluations.models import DossierStatus, Score
from evaluations.services.review import dossier_review
from talents.services import talent_update
from tests.accounts.factories import region
from tests.commendations.factories import NominationFactory, open_campaign
from tests.commendations.review.factories import make_review
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import add_members
from tests.evaluations.review.factories import submitted_dossier
from tests.notices.factories import NoticeEntryFactory, ObjectionFactory, PublicNoticeFactory, past_notice
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def _page(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def _todo(html: str, name: str) -> int | None:
    """The count a to-do link shows (its text is translated: "1份申报材料待您审核" in zh-hans)."""
    match = re.search(rf'data-todo-count="{name}">(\d+)\D', html)
    return int(match.group(1)) if match else None


def test_each_role_sees_its_own_to_do(world, client_for):
    submitted_dossier(world.org)  # the city's step
    submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)  # the province's step
    submitted_dossier(world.org, status=DossierStatus.RETURNED)
    submitted_dossier(world.org_other_province, status=DossierStatus.CITY_APPROVED)
    city, _ = _page(client_for(world.city_official))
    assert _todo(city, "awaiting_decision") == 1
    province, _ = _page(client_for(world.provincial_official))
    assert _todo(province, "awaiting_decision") == 1 and "?awaiting=true" in province
    clerk, _ = _page(client_for(world.clerk))
    assert _todo(clerk, "returned") == 1 and 'data-todo-count="awaiting_decision"' not in clerk
    expert, _ = _page(client_for(world.expert))
    assert 'data-todo-count="awaiting_decision"' not in expert and _todo(expert, "scores_due") == 0


def test_the_dashboard_takes_the_same_queries_for_one_and_several_dossiers_and_talents(world, client_for):
    client = client_for(world.city_official)
    submitted_dossier(world.org)
    TalentFactory(employer=world.org)
    client.get(DASHBOARD)  # the session's first save
    _html, one = _page(client)
    for _ in range(4):
        submitted_dossier(world.org_same_city)
    TalentFactory.create_batch(4, employer=world.org_same_city)
    html, several = _page(client)
    assert len(one) == len(several)
    assert _todo(html, "awaiting_decision") == 5


def test_a_review_changes_the_cached_to_do_count_on_the_next_visit(world, client_for, settings):
    settings.SCOPE_CACHE_ENABLED = True
    dossier = submitted_dossier(world.org)
    client = client_for(world.city_official)
    html, first = _page(client)
    assert _todo(html, "awaiting_decision") == 1
    html, repeated = _page(client)
    assert not [sql for sql in repeated if '"evaluations_dossier"' in sql]  # from the cache
    assert not [sql for sql in repeated if '"talents_talent"' in sql]  # the city's figures too
    dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    html, _queries = _page(client)
    assert _todo(html, "awaiting_decision") == 0


def test_a_talent_write_changes_the_cached_live_figures_on_the_next_visit(world, client_for, settings):
    settings.SCOPE_CACHE_ENABLED = True
    talent = TalentFactory(employer=world.org, frontline=False)
    client = client_for(world.clerk)
    html, _queries = _page(client)
    assert 'data-figure="frontline">0<' in html
    talent_update(actor=world.clerk, talent=talent, frontline=True)
    html, _queries = _page(client)
    assert 'data-figure="frontline">1<' in html


def _oldest(html: str, name: str) -> bool:
    return f'data-todo-oldest="{name}"' in html


def test_an_expert_sees_the_scores_and_votes_due_and_each_link_opens_them(world, client_for):
    scoring = make_panel(size=2)
    add_members(scoring.committee, [world.expert])
    voting = make_panel(size=2, status=DossierStatus.IN_COMMITTEE)
    add_members(voting.committee, [world.expert])
    own = make_panel(size=2, org=world.expert.organisation)  # their employer's: not theirs to judge
    add_members(own.committee, [world.expert])
    client = client_for(world.expert)
    html, _queries = _page(client)
    assert _todo(html, "scores_due") == 1 and _todo(html, "votes_due") == 1 and _oldest(html, "scores_due")
    queue = client.get(reverse("evaluations:expert-queue") + "?due=score").content.decode()
    assert '<option value="score" selected>' in queue  # the filter form shows what the link chose
    assert f"/dossiers/{scoring.dossier.pk}/" in queue and f"/dossiers/{voting.dossier.pk}/" not in queue
    assert f"/dossiers/{own.dossier.pk}/" not in queue
    queue = client.get(reverse("evaluations:expert-queue") + "?due=vote").content.decode()
    assert f"/dossiers/{voting.dossier.pk}/" in queue and f"/dossiers/{scoring.dossier.pk}/" not in queue
    Score.objects.create(
        dossier=scoring.dossier,
        revision=scoring.dossier.current_revision,
        method="theory",
        expert=world.expert,
        value=70,
    )
    html, _queries = _page(client)
    assert _todo(html, "scores_due") == 0 and not _oldest(html, "scores_due")


def test_the_expert_dashboard_takes_the_same_queries_for_one_and_several(world, client_for):
    client = client_for(world.expert)
    for status in (DossierStatus.IN_ASSESSMENT, DossierStatus.IN_COMMITTEE):
        add_members(make_panel(size=1, status=status).committee, [world.expert])
    add_members(make_review(size=1).committee, [world.expert])
    client.get(DASHBOARD)
    _html, one = _page(client)
    for _ in range(3):
        add_members(make_panel(size=1).committee, [world.expert])
        add_members(make_review(size=1, nominations=2).committee, [world.expert])
    html, several = _page(client)
    assert len(one) == len(several)
    assert _todo(html, "scores_due") == 4 and _todo(html, "nominations_to_review") == 7


def test_a_provincial_official_sees_objections_and_notices_due_with_working_links(world, client_for):
    due = past_notice()
    ObjectionFactory(entry=NoticeEntryFactory(notice=due))
    ObjectionFactory(entry=NoticeEntryFactory(notice=PublicNoticeFactory()))
    ObjectionFactory(entry=NoticeEntryFactory(notice=PublicNoticeFactory(region=region("320000"))))
    open_notice = PublicNoticeFactory()
    client = client_for(world.provincial_official)
    html, _queries = _page(client)
    assert _todo(html, "objections_to_resolve") == 2 and _todo(html, "notices_due") == 1
    assert "?status=filed" in html and "?due=true" in html
    listed = client.get(reverse("notices:notice-list") + "?due=true").content.decode()
    assert due.title in listed and open_notice.title not in listed
    assert open_notice.title in client.get(reverse("notices:notice-list")).content.decode()
    clerk, _queries = _page(client_for(world.clerk))
    assert 'data-todo-count="objections_to_resolve"' not in clerk


def test_nominations_to_recommend_and_returned_ones_are_counted_for_their_roles(world, client_for):
    campaign = open_campaign()
    NominationFactory(campaign=campaign, talent=TalentFactory(employer=world.org), status=NominationStatus.SUBMITTED)
    NominationFactory(campaign=campaign, talent=TalentFactory(employer=world.org), status=NominationStatus.RETURNED)
    city, _queries = _page(client_for(world.city_official))
    assert _todo(city, "nominations_to_recommend") == 1
    clerk, _queries = _page(client_for(world.clerk))
    assert _todo(clerk, "nominations_returned") == 1 and _todo(clerk, "returned") == 0


def test_a_nomination_step_changes_the_cached_count(world, client_for, settings, django_capture_on_commit_callbacks):
    settings.SCOPE_CACHE_ENABLED = True
    nomination = NominationFactory(
        campaign=open_campaign(), talent=TalentFactory(employer=world.org), status=NominationStatus.SUBMITTED
    )
    client = client_for(world.city_official)
    html, _queries = _page(client)
    assert _todo(html, "nominations_to_recommend") == 1
    with django_capture_on_commit_callbacks(execute=True):
        nomination_recommend(actor=world.city_official, nomination=nomination)
    html, _queries = _page(client)
    assert _todo(html, "nominations_to_recommend") == 0


def test_the_clerk_edit_page_of_a_returned_dossier_shows_the_return_comment(world, client_for):
    dossier = submitted_dossier(world.org)
    dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充技师证书扫描件。")
    page = client_for(world.clerk).get(reverse("evaluations:dossier-edit", args=[dossier.pk])).content.decode()
    assert "data-return-comment" in page and "请补充技师证书扫描件。" in page
    approved = submitted_dossier(world.org, status=DossierStatus.DRAFT)
    page = client_for(world.clerk).get(reverse("evaluations:dossier-edit", args=[approved.pk])).content.decode()
    assert "data-return-comment" not in page
