"""The versioned list cache (accounts.cache, docs/scale.md "Cached lists"): a write through a service is
visible on the next request of every cached list; readers of different scope never share an entry; a
repeated request is answered without the list's queries; the language and the query are in the key."""

import pytest
from django.db import connection
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
DOSSIERS_API = reverse("api:dossier-list")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SCOPE_CACHE_ENABLED = True


def _queries(client, url, **data) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", [TALENTS_PAGE, TALENTS_API])
def test_a_talent_write_is_visible_on_the_next_request_of_the_registry_lists(world, client_for, url):
    talent = TalentFactory(employer=world.org, name="张三")
    client = client_for(world.clerk)
    first, html = _queries(client, url)
    assert "张三" in html
    repeated, html = _queries(client, url)
    assert repeated < first and "张三" in html  # answered from the cache
    talent_update(actor=world.clerk, talent=talent, name="张三丰")
    _count, html = _queries(client, url)
    assert "张三丰" in html


@pytest.mark.parametrize("url", [QUEUE, DOSSIERS_API])
def test_a_review_is_visible_on_the_next_request_of_the_dossier_lists(world, client_for, url):
    status = 'data-status="{}"' if url == QUEUE else '"status":"{}"'
    dossier = submitted_dossier(world.org)
    client = client_for(world.city_official)
    first, html = _queries(client, url)
    assert status.format("submitted") in html and status.format("city_approved") not in html
    repeated, _html = _queries(client, url)
    assert repeated < first
    dossier_review(actor=world.city_official, dossier=dossier, decision="approve")
    _count, html = _queries(client, url)
    assert status.format("city_approved") in html


def test_a_talent_write_is_visible_in_the_dossier_lists_that_show_its_name(world, client_for):
    dossier = submitted_dossier(world.org)
    client = client_for(world.city_official)
    assert dossier.talent.name in client.get(DOSSIERS_API).content.decode()
    talent_update(actor=world.clerk, talent=dossier.talent, name="李四光")
    assert "李四光" in client.get(DOSSIERS_API).content.decode()
    assert "李四光" in client.get(QUEUE).content.decode()


@pytest.mark.parametrize("url", [TALENTS_PAGE, TALENTS_API])
def test_readers_of_different_scope_never_share_an_entry(world, client_for, url):
    TalentFactory(employer=world.org, name="广州人才")
    TalentFactory(employer=world.org_other_province, name="南京人才")
    seen = {}
    for user in (world.clerk, world.clerk_other_org, world.provincial_official, world.provincial_official_other):
        seen[user.username] = client_for(user).get(url).content.decode()
    assert "广州人才" in seen["clerk"] and "南京人才" not in seen["clerk"]
    assert "广州人才" not in seen["clerk2"]  # same city, another organisation: its own entry
    assert "广州人才" in seen["province"] and "南京人才" not in seen["province"]
    assert "南京人才" in seen["province_js"] and "广州人才" not in seen["province_js"]


def test_the_queue_is_shared_by_officials_of_one_scope_and_never_across_scopes(world, client_for):
    submitted_dossier(world.org)
    city = client_for(world.city_official).get(QUEUE).content.decode()
    assert 'data-status="submitted"' in city
    other_city = client_for(world.city_official_other_city).get(QUEUE).content.decode()
    assert 'data-status="submitted"' not in other_city


def test_scope_keys_separate_roles_regions_organisations_and_experts(world):
    keys = {
        scope_cache.scope_key(user)
        for user in (
            world.clerk,
            world.clerk_other_org,
            world.city_official,
            world.city_official_other_city,
            world.provincial_official,
            world.provincial_official_other,
            world.national_official,
            world.expert,
        )
    }
    assert len(keys) == 8


def test_the_language_and_the_sorted_query_are_in_the_key(world, client_for):
    TalentFactory(employer=world.org, name="张三", frontline=True)
    client = client_for(world.clerk)
    chinese = client.get(TALENTS_PAGE, {"frontline": "true", "digital": ""}).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(TALENTS_PAGE, {"digital": "", "frontline": "true"}).content.decode()
    assert "是" in chinese and ">Yes<" in english  # the frontline badge, each in its own language
    with CaptureQueriesContext(connection) as repeated:  # the same query in another order: a hit
        client.get(TALENTS_PAGE, {"frontline": "true", "digital": ""})
    assert not [q for q in repeated.captured_queries if '"talents_talent"' in q["sql"]]


def test_a_bump_changes_the_versions_and_an_evicted_version_never_goes_back(world):
    before = scope_cache.scope_versions([scope_cache.TALENTS])
    scope_cache.scope_version_bump(scope_cache.TALENTS)
    after = scope_cache.scope_versions([scope_cache.TALENTS])
    assert after != before
    scope_cache.cache.delete("scopever:talents:national")  # evicted
    assert scope_cache.scope_versions([scope_cache.TALENTS]) not in (before, after)


def test_a_refusal_is_never_cached(world, client_for):
    client = client_for(world.clerk)
    assert client.get(TALENTS_API, {"page": "99"}).status_code == 404
    TalentFactory.create_batch(2, employer=world.org)
    assert client.get(TALENTS_API, {"page": "1"}).status_code == 200
