"""The role dashboard's maintained registry figures (talents.figures): refresh, debounce, enqueue, reads."""

import datetime
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from talentportal.dashboard import (
    maintained_registry_figures,
    maintained_talents_by_region,
    registry_figures,
    talents_by_region,
)
from talents.figures import QUEUED_KEY, REFRESH_TASK, registry_figures_refresh, registry_figures_refresh_later
from talents.models import CredentialKind, RegistryFigure, RegistryRefresh
from talents.services import credential_delete, talent_update
from tests.accounts.factories import OrganisationFactory, region
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory


def _population(world):
    """Talents in two cities of one province, directly under that province, in another province and
    at national level; credentials (a level held twice by one talent) and honours among them."""
    guangzhou = TalentFactory.create_batch(3, employer=world.org, frontline=True)
    shenzhen = TalentFactory.create_batch(2, employer=world.org_other_city)
    TalentFactory(employer=OrganisationFactory(region=region("440000")))
    nanjing = TalentFactory.create_batch(2, employer=world.org_other_province, frontline=True)
    TalentFactory(employer=OrganisationFactory(region=region("000000")))
    CredentialFactory(talent=guangzhou[0])
    CredentialFactory(talent=guangzhou[0])  # the same level twice: one talent
    CredentialFactory(talent=shenzhen[0])
    CredentialFactory(talent=nanjing[1])
    HonourFactory(talent=guangzhou[1])
    HonourFactory(talent=guangzhou[1], conferred_on=datetime.date(2023, 9, 1))
    HonourFactory(talent=nanjing[0])


def _comparable(figures):
    return {**figures, "skill_levels": [(row["skill_level__code"], row["talents"]) for row in figures["skill_levels"]]}


def test_refresh_gives_the_same_figures_as_a_direct_count_for_every_official_scope(world):
    _population(world)
    refresh = registry_figures_refresh()
    assert refresh.pk == 1 and refresh.refreshed_at
    for official in (world.national_official, world.provincial_official, world.provincial_official_other):
        assert _comparable(maintained_registry_figures(official)) == _comparable(registry_figures(official))
        assert maintained_talents_by_region(official) == talents_by_region(official)
    assert maintained_registry_figures(world.national_official)["talents"] == 9
    assert maintained_registry_figures(world.provincial_official)["talents"] == 6
    assert maintained_registry_figures(world.provincial_official)["skill_levels"][0]["talents"] == 2


def test_refresh_replaces_the_previous_set(world):
    talent = TalentFactory(employer=world.org)
    registry_figures_refresh()
    talent.delete()
    registry_figures_refresh()
    assert not RegistryFigure.objects.exists()
    assert RegistryRefresh.objects.count() == 1
    assert maintained_registry_figures(world.national_official)["talents"] == 0


def test_a_write_is_on_the_dashboard_after_the_refresh_task_and_the_page_says_as_of_when(
    client_for, world, django_capture_on_commit_callbacks, eager_celery
):
    talent = TalentFactory(employer=world.org, frontline=False)
    registry_figures_refresh()
    with django_capture_on_commit_callbacks(execute=True):  # the task runs eagerly after the commit
        talent_update(actor=world.clerk, talent=talent, frontline=True)
    page = client_for(world.national_official).get(reverse("dashboard")).content.decode()
    assert 'data-figure="frontline">1<' in page
    assert "data-figures-as-of" in page
    assert RegistryRefresh.objects.get().refreshed_at.astimezone().strftime("%Y-%m-%d") in page


def test_the_page_before_any_refresh_says_so(client_for, world):
    page = client_for(world.provincial_official).get(reverse("dashboard")).content.decode()
    assert "data-figures-as-of" in page and 'data-figure="talents">0<' in page


def test_officials_dashboard_reads_a_constant_number_of_queries(client_for, world):
    client = client_for(world.national_official)
    _population(world)
    registry_figures_refresh()
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard"))
    TalentFactory.create_batch(5, employer=world.org_other_province)
    CredentialFactory.create_batch(3, talent=TalentFactory(employer=world.org_other_city))
    registry_figures_refresh()
    with CaptureQueriesContext(connection) as larger:
        client.get(reverse("dashboard"))
    assert len(small) == len(larger)
    scanned = [q["sql"] for q in larger.captured_queries if '"talents_talent"' in q["sql"]]
    assert scanned == []  # no scan of the registry per request


def test_writes_enqueue_the_refresh_by_name_after_commit_once_while_queued(world, django_capture_on_commit_callbacks):
    talent = TalentFactory(employer=world.org, frontline=False)
    credential = CredentialFactory(talent=talent, kind=CredentialKind.SKILL_LEVEL)
    with mock.patch("talents.tasks.registry_figures_refresh.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            talent_update(actor=world.clerk, talent=talent, frontline=True)
        assert delay.call_count == 0 and len(callbacks) == 2  # only after the commit (and the cache bump)
        callbacks[0]()
        assert delay.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):  # still queued: debounced
            credential_delete(actor=world.clerk, credential=credential)
            registry_figures_refresh_later()
        assert delay.call_count == 1
        registry_figures_refresh()  # the refresh started: the next write queues again
        with django_capture_on_commit_callbacks(execute=True):
            talent_update(actor=world.clerk, talent=talent, frontline=False)
        assert delay.call_count == 2


def test_the_debounce_key_expires(world):
    from django.core.cache import cache

    with mock.patch("talents.figures.delay_on_commit") as enqueue:
        registry_figures_refresh_later()
        registry_figures_refresh_later()
        cache.delete(QUEUED_KEY)  # what its TTL does if the queued task was lost
        registry_figures_refresh_later()
    assert [call.args for call in enqueue.call_args_list] == [(REFRESH_TASK,), (REFRESH_TASK,)]


def test_the_beat_refreshes_the_figures_every_15_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["talents-registry-figures-refresh"]
    assert entry == {"task": REFRESH_TASK, "schedule": 15 * 60.0}
    from celery import current_app

    assert REFRESH_TASK in current_app.tasks
