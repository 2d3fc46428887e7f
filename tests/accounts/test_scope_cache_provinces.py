"""Cache versions per province (accounts.cache, docs/scale.md "Cached lists"): a write in one province is
visible on the next request in its own province and to readers of the whole country, while another
province's cached lists and dashboards survive it; a write whose province is unknown invalidates all."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import cache as scope_cache
from evaluations.services.review import dossier_review
from talents.services import talent_update
from tests.evaluations.review.factories import submitted_dossier
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db

TALENTS_PAGE = reverse("talents:list")
TALENTS_API = reverse("api:talent-list")
QUEUE = reverse("evaluations:review-queue")
DASHBOARD = reverse("dashboard")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SCOPE_CACHE_ENABLED = True


def client_of(user) -> Client:
    """A client of its own per reader (``client_for`` logs one client in and out)."""
    client = Client()
    client.force_login(user)
    return client


def _get(client, url, table: str) -> tuple[str, bool]:
    """The page and whether it was answered from the cache (no query read ``table``)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), not [q for q in queries.captured_queries if f'"{table}"' in q["sql"]]


@pytest.mark.parametrize("url", [TALENTS_PAGE, TALENTS_API])
def test_a_write_in_one_province_leaves_another_provinces_entry_cached(world, url):
    talent = TalentFactory(employer=world.org, name="张三")
    TalentFactory(employer=world.org_other_province, name="南京人才")
    guangdong = client_of(world.provincial_official)
    jiangsu = client_of(world.provincial_official_other)
    nation = client_of(world.national_official)
    for client in (guangdong, jiangsu, nation):
        _get(client, url, "talents_talent")
    html, hit = _get(jiangsu, url, "talents_talent")
    assert hit and "南京人才" in html  # cached before the write

    talent_update(actor=world.clerk, talent=talent, name="张三丰")

    html, hit = _get(guangdong, url, "talents_talent")
    assert not hit and "张三丰" in html  # its own province: the next request shows it
    html, hit = _get(nation, url, "talents_talent")
    assert not hit and "张三丰" in html  # the whole country too
    html, hit = _get(jiangsu, url, "talents_talent")
    assert hit and "南京人才" in html  # another province's entry survived


@scope_cache.bumps_scope_version(scope_cache.TALENTS)
def _move(*, actor, talent, employer):
    """A service written by a reader of the whole country (or a task): no province of its own."""
    talent.employer = employer
    talent.save(update_fields=["employer"])
    return talent


def test_a_write_without_a_writers_province_bumps_the_province_of_what_it_wrote(world):
    talent = TalentFactory(employer=world.org, name="张三")
    guangdong, jiangsu = client_of(world.provincial_official), client_of(world.provincial_official_other)
    for client in (guangdong, jiangsu):
        _get(client, TALENTS_PAGE, "talents_talent")
    _move(actor=world.national_official, talent=talent, employer=world.org_same_city)
    html, hit = _get(guangdong, TALENTS_PAGE, "talents_talent")
    assert not hit and "张三" in html
    assert _get(jiangsu, TALENTS_PAGE, "talents_talent")[1]


def test_a_talent_moved_to_another_provinces_employer_leaves_both_provinces_lists(world):
    talent = TalentFactory(employer=world.org, name="张三")
    guangdong, jiangsu = client_of(world.provincial_official), client_of(world.provincial_official_other)
    assert "张三" in _get(guangdong, TALENTS_PAGE, "talents_talent")[0]
    assert "张三" not in _get(jiangsu, TALENTS_PAGE, "talents_talent")[0]
    _move(actor=None, talent=talent, employer=world.org_other_province)
    html, hit = _get(guangdong, TALENTS_PAGE, "talents_talent")
    assert not hit and "张三" not in html  # the province it left
    html, hit = _get(jiangsu, TALENTS_PAGE, "talents_talent")
    assert not hit and "张三" in html  # the province it joined


def test_a_dossier_transition_refreshes_its_provinces_queue_and_to_do_counts_only(world):
    dossier = submitted_dossier(world.org)
    submitted_dossier(world.org_other_province)
    city = client_of(world.city_official)
    jiangsu = client_of(world.provincial_official_other)
    for client in (city, jiangsu):
        for url in (QUEUE, DASHBOARD):
            _get(client, url, "evaluations_dossier")

    dossier_review(actor=world.city_official, dossier=dossier, decision="approve")

    html, hit = _get(city, QUEUE, "evaluations_dossier")
    assert not hit and 'data-status="city_approved"' in html
    assert not _get(city, DASHBOARD, "evaluations_dossier")[1]
    assert _get(jiangsu, QUEUE, "evaluations_dossier")[1]
    assert _get(jiangsu, DASHBOARD, "evaluations_dossier")[1]


def test_an_expert_reads_the_national_versions(world):
    assert scope_cache.scope_province(world.expert) is None
    assert scope_cache.scope_province(world.national_official) is None
    assert scope_cache.scope_province(world.admin) is None
    guangdong = world.provincial_official.region_id
    assert scope_cache.scope_province(world.clerk) == guangdong
    assert scope_cache.scope_province(world.city_official) == guangdong
    assert scope_cache.scope_province(world.provincial_official_other) not in (None, guangdong)


def test_a_write_of_unknown_province_invalidates_every_reader(world):
    guangdong = world.provincial_official.region_id
    jiangsu = world.provincial_official_other.region_id
    before = {p: scope_cache.scope_versions([scope_cache.TALENTS], p) for p in (guangdong, jiangsu, None)}
    scope_cache.scope_version_bump(scope_cache.TALENTS, provinces=[guangdong])
    after = {p: scope_cache.scope_versions([scope_cache.TALENTS], p) for p in (guangdong, jiangsu, None)}
    assert after[guangdong] != before[guangdong] and after[None] != before[None]
    assert after[jiangsu] == before[jiangsu]
    scope_cache.scope_version_bump(scope_cache.TALENTS)  # unknown: everybody
    unknown = {p: scope_cache.scope_versions([scope_cache.TALENTS], p) for p in (guangdong, jiangsu, None)}
    assert all(unknown[p] != after[p] for p in unknown)
