"""The dashboard's to-do counts and the clerk's and city official's figures (issue 12): counted in one
query per scope, kept in the versioned cache (accounts.cache) until a write changes what they count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.models import DossierStatus
from evaluations.services.review import dossier_review
from talents.services import talent_update
from tests.evaluations.review.factories import submitted_dossier
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
    assert "data-todo" not in expert


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
