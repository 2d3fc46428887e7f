"""Issue 15 item 5: a round's page shows its dossiers by stage and region, each cell opening the review
queue filtered to exactly those dossiers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import RegionLevel
from evaluations.models import DossierStatus
from tests.accounts.factories import OrganisationFactory, region
from tests.evaluations.factories import RoundFactory
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def _cell_links(html: str) -> dict[str, str]:
    return {key: href for href, key in re.findall(r'<a href="([^"]+)" data-overview-cell="([^"]+)">', html)}


def _queue_ids(client, href: str) -> set[int]:
    html = client.get(href.replace("&amp;", "&")).content.decode()
    return {int(pk) for pk in re.findall(r'data-dossier="(\d+)"', html)}


def test_the_round_page_counts_dossiers_by_region_and_stage_and_each_cell_opens_them(world, client_for):
    round_ = RoundFactory()
    guangzhou = [submitted_dossier(world.org, round=round_) for _ in range(2)]
    shenzhen = submitted_dossier(world.org_other_city, round=round_, status=DossierStatus.CITY_APPROVED)
    direct_org = OrganisationFactory(region=region("440000"))
    assert direct_org.region.level == RegionLevel.PROVINCE
    direct = submitted_dossier(direct_org, round=round_)
    submitted_dossier(world.org, round=round_, status=DossierStatus.DRAFT)  # never shown to officials
    client = client_for(world.provincial_official)
    html = client.get(reverse("evaluations:round-detail", args=[round_.pk])).content.decode()
    assert 'id="round-overview"' in html
    cells = _cell_links(html)
    guangzhou_region = world.org.region_id
    assert set(cells) == {
        f"{guangzhou_region}-submitted",
        f"{world.org_other_city.region_id}-city_approved",
        f"{direct_org.region_id}-submitted",
    }
    assert _queue_ids(client, cells[f"{guangzhou_region}-submitted"]) == {d.pk for d in guangzhou}
    assert _queue_ids(client, cells[f"{world.org_other_city.region_id}-city_approved"]) == {shenzhen.pk}
    assert _queue_ids(client, cells[f"{direct_org.region_id}-submitted"]) == {direct.pk}


def test_the_overview_takes_the_same_queries_for_one_and_several_dossiers(world, client_for):
    round_ = RoundFactory()
    client = client_for(world.provincial_official)
    url = reverse("evaluations:round-detail", args=[round_.pk])
    submitted_dossier(world.org, round=round_)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for org in (world.org_same_city, world.org_other_city, world.org_other_city):
        submitted_dossier(org, round=round_, status=DossierStatus.CITY_APPROVED)
    with CaptureQueriesContext(connection) as several:
        client.get(url)
    assert len(one.captured_queries) == len(several.captured_queries)


def test_clerks_do_not_get_the_overview(world, client_for):
    round_ = RoundFactory()
    submitted_dossier(world.org, round=round_)
    html = client_for(world.clerk).get(reverse("evaluations:round-detail", args=[round_.pk])).content.decode()
    assert 'id="round-overview"' not in html
