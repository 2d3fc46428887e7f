"""Campaigns through the API and the pages: scope, writes through the services, the quota table,
constant query counts (docs/commendations.md#campaigns)."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditLog
from catalogues.models import Award
from commendations.models import Campaign, CampaignQuota, CampaignStatus, NominationStatus
from commendations.selectors.campaigns import campaign_list, campaign_quota_table
from tests.accounts.factories import OrganisationFactory, region
from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory
from tests.eligibility.factories import PublishedRuleSetFactory
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def award(code):
    return Award.objects.get(code=code)


def provincial(**kwargs):
    return CampaignFactory(region=region("440000"), award=award("provincial_technical_expert"), **kwargs)


def national(**kwargs):
    return CampaignFactory(region=region("000000"), award=award("national_technical_expert"), **kwargs)


def api_body(**overrides):
    return {
        "award": "provincial_technical_expert",
        "year": 2026,
        "nominee_kind": "individual",
        "opens_on": "2026-11-02",
        "closes_on": "2026-12-31",
        **overrides,
    }


# Who sees which campaign


def test_everyone_sees_the_campaigns_of_their_region_and_above(world):
    mine = {
        "national": national(),
        "guangdong": provincial(),
        "guangzhou": CampaignFactory(region=region("440100"), award=award("city_technical_expert")),
        "shenzhen": CampaignFactory(region=region("440300"), award=award("city_technical_expert")),
        "jiangsu": CampaignFactory(region=region("320000"), award=award("provincial_technical_expert")),
    }

    def seen(user):
        ids = set(campaign_list(actor=user).values_list("pk", flat=True))
        return {key for key, campaign in mine.items() if campaign.pk in ids}

    assert seen(world.clerk) == {"national", "guangdong", "guangzhou"}
    assert seen(world.city_official) == {"national", "guangdong", "guangzhou"}
    assert seen(world.provincial_official) == {"national", "guangdong", "guangzhou", "shenzhen"}
    assert seen(world.provincial_official_other) == {"national", "jiangsu"}
    assert seen(world.expert) == {"national", "guangdong", "shenzhen"}  # by the expert's employer in Shenzhen
    assert seen(world.national_official) == set(mine)


# The quota table


def test_quota_table_counts_places_used_from_the_provincial_recommendation_on(world):
    campaign = national()
    for code, quota in (("000000", 10), ("440000", 4), ("320000", 3), ("440100", 2)):
        CampaignQuota.objects.create(campaign=campaign, region=region(code), quota=quota)
    province_org = OrganisationFactory(region=region("440000"))
    for organisation, status in (
        (world.org, NominationStatus.PROVINCE_RECOMMENDED),
        (world.org_other_city, NominationStatus.CONFERRED),
        (province_org, NominationStatus.IN_EXPERT_REVIEW),
        (world.org, NominationStatus.SUBMITTED),  # not yet the province's: takes no place
        (world.org_other_province, NominationStatus.IN_PUBLICITY),
    ):
        NominationFactory(campaign=campaign, talent=TalentFactory(employer=organisation), status=status)
    rows = {
        row.region.code: (row.quota, row.used, row.left)
        for row in campaign_quota_table(actor=world.national_official, campaign=campaign)
    }
    assert rows == {"000000": (10, 4, 6), "320000": (3, 1, 2), "440000": (4, 3, 1), "440100": (2, 1, 1)}
    # A Guangdong clerk reads the national row and Guangdong's, not Jiangsu's.
    assert [row.region.code for row in campaign_quota_table(actor=world.clerk, campaign=campaign)] == [
        "000000",
        "440000",
        "440100",
    ]


def test_quota_table_is_two_queries_for_any_number_of_regions(world, django_assert_num_queries):
    campaign = national()
    CampaignQuota.objects.create(campaign=campaign, region=region("000000"), quota=50)
    with django_assert_num_queries(2):
        assert len(campaign_quota_table(actor=world.national_official, campaign=campaign)) == 1
    for code in ("440000", "320000", "440100", "440300"):
        CampaignQuota.objects.create(campaign=campaign, region=region(code), quota=5)
        NominationFactory(campaign=campaign, status=NominationStatus.CONFERRED)
    with django_assert_num_queries(2):
        assert len(campaign_quota_table(actor=world.national_official, campaign=campaign)) == 5


# API


def test_api_create_update_close_and_conclude(world, client_for):
    client = client_for(world.provincial_official)
    rule_set = PublishedRuleSetFactory()
    body = api_body(criteria_rule_set=rule_set.pk, criteria_clauses=["R1.high_skilled"])
    response = client.post(reverse("api:campaign-list"), body, content_type="application/json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["region"], data["status"], data["award_level"]) == ("440000", "open", "provincial")
    assert data["criteria"][0]["code"] == "R1.high_skilled" and data["criteria"][0]["text"]
    assert data["allowed_actions"] == ["close"]
    detail = reverse("api:campaign-detail", kwargs={"pk": data["id"]})
    response = client.patch(detail, {"publicity_working_days": 7}, content_type="application/json")
    assert response.status_code == 200 and response.json()["publicity_working_days"] == 7
    response = client.post(
        reverse("api:campaign-close", kwargs={"pk": data["id"]}), {}, content_type="application/json"
    )
    assert response.json()["status"] == "closed"
    response = client.post(
        reverse("api:campaign-conclude", kwargs={"pk": data["id"]}), {}, content_type="application/json"
    )
    assert response.json()["status"] == "concluded"
    response = client.post(
        reverse("api:campaign-close", kwargs={"pk": data["id"]}), {}, content_type="application/json"
    )
    assert response.status_code == 409


def test_api_bad_input_is_a_translated_400_that_changes_nothing(world, client_for):
    client = client_for(world.provincial_official)
    before = AuditLog.objects.count()
    for body in (
        api_body(award="national_technical_expert"),  # a national award in a province
        api_body(closes_on="2026-10-01"),
        api_body(criteria_rule_set=PublishedRuleSetFactory().pk, criteria_clauses=["R99.none"]),
        api_body(criteria_rule_set=999999),
        api_body(year="twenty"),
        api_body(region="320000"),
    ):
        response = client.post(
            reverse("api:campaign-list"), body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
        assert response.status_code == 400, (body, response.content)
    assert not Campaign.objects.exists() and AuditLog.objects.count() == before


def test_api_others_cannot_change_a_campaign(world, client_for):
    campaign = provincial()
    url = reverse("api:campaign-detail", kwargs={"pk": campaign.pk})
    assert (
        client_for(world.provincial_official_other)
        .patch(url, {"year": 2027}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        client_for(world.city_official).patch(url, {"year": 2027}, content_type="application/json").status_code == 403
    )
    assert client_for(world.clerk).post(reverse("api:campaign-close", kwargs={"pk": campaign.pk})).status_code == 403
    campaign.refresh_from_db()
    assert (campaign.year, campaign.status) == (2026, CampaignStatus.OPEN)


def test_api_quotas_list_and_set(world, client_for):
    campaign = national()
    url = reverse("api:campaign-quotas", kwargs={"pk": campaign.pk})
    ministry = client_for(world.national_official)
    response = ministry.post(url, {"region": "000000", "quota": 10}, content_type="application/json")
    assert response.status_code == 200 and response.json() == [
        {"region": "000000", "region_name": region("000000").display_name, "quota": 10, "used": 0, "left": 10}
    ]
    assert ministry.post(url, {"region": "440000", "quota": 11}, content_type="application/json").status_code == 400
    assert ministry.post(url, {"region": "440000", "quota": 4}, content_type="application/json").status_code == 200
    province = client_for(world.provincial_official)
    assert province.post(url, {"region": "440100", "quota": 5}, content_type="application/json").status_code == 400
    assert province.post(url, {"region": "320100", "quota": 1}, content_type="application/json").status_code == 403
    assert province.post(url, {"region": "440100", "quota": 3}, content_type="application/json").status_code == 200
    assert [row["region"] for row in province.get(url).json()] == ["000000", "440000", "440100"]
    assert AuditLog.objects.filter(action="quota_set").count() == 3


def test_api_quota_outside_the_campaign_region_is_refused(world, client_for):
    campaign = provincial()
    CampaignQuotaFactory(campaign=campaign, region=region("440000"), quota=5)
    url = reverse("api:campaign-quotas", kwargs={"pk": campaign.pk})
    response = client_for(world.national_official).post(
        url, {"region": "320100", "quota": 1}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "region_outside_campaign"
    assert not CampaignQuota.objects.filter(region=region("320100")).exists()


def test_api_list_filters_and_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.clerk)
    provincial(year=2025)
    url = reverse("api:campaign-list")
    client.get(url)  # warm the session
    with django_assert_num_queries(5):  # session, user, clerk's organisation and region, campaigns
        assert len(client.get(url).json()["results"]) == 1
    for _ in range(5):
        national()
    with django_assert_num_queries(5):
        data = client.get(url).json()
    assert len(data["results"]) == 6 and "count" not in data
    assert [row["year"] for row in client.get(url, {"year": 2025}).json()["results"]] == [2025]
    assert len(client.get(url, {"level": "national"}).json()["results"]) == 5
    assert (
        client.get(url, {"award": "provincial_technical_expert"}).json()["results"][0]["award"]
        == "provincial_technical_expert"
    )


def test_campaigns_are_in_the_openapi_schema(world, client_for):
    schema = client_for(world.clerk).get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    assert {
        "/api/v1/campaigns/",
        "/api/v1/campaigns/{id}/quotas/",
        "/api/v1/campaigns/{id}/close/",
        "/api/v1/awards/",
    } <= set(schema["paths"])


# Pages


def test_campaign_list_page_filters_and_query_count(world, client_for, django_assert_num_queries):
    client = client_for(world.city_official)
    provincial(year=2025)
    CampaignFactory(region=region("320000"), award=award("provincial_chief_technician"))
    url = reverse("commendations:campaign-list")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["campaigns"] and len(response.context["campaigns"]) == 1
    queries = _count(client, url)  # with one row
    for _ in range(6):
        national()
    with django_assert_num_queries(queries):
        assert len(client.get(url).context["campaigns"]) == 7
    assert len(client.get(url, {"status": "closed"}).context["campaigns"]) == 0


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_campaign_detail_shows_criteria_quotas_and_the_organisers_buttons(world, client_for):
    rule_set = PublishedRuleSetFactory()
    campaign = provincial(criteria_rule_set=rule_set, criteria_clauses=["R1.frontline"])
    CampaignQuotaFactory(campaign=campaign, region=region("440000"), quota=6)
    url = reverse("commendations:campaign-detail", kwargs={"pk": campaign.pk})
    response = client_for(world.provincial_official).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["criteria"][0]["code"] == "R1.frontline"
    assert response.context["criteria"][0]["text"] in response.content.decode()
    assert [row.quota for row in response.context["quota_rows"]] == [6]
    assert reverse("commendations:campaign-close", kwargs={"pk": campaign.pk}) in response.content.decode()
    response = client_for(world.clerk).get(url)
    assert response.status_code == 200 and response.context["actions"] == []
    assert 'id="quota-form"' not in response.content.decode()
    assert client_for(world.provincial_official_other).get(url).status_code == 404


def test_campaign_page_links_its_officials_to_the_later_stages(world, client_for):
    """Committee, review, notice, conferral and awardees have their own pages: the campaign's officials reach
    them from the campaign page (the browser journey found no way there); the nominating side sees none."""
    campaign = provincial()
    url = reverse("commendations:campaign-detail", kwargs={"pk": campaign.pk})
    stages = {
        "commendations:campaign-committee",
        "commendations:campaign-notice-publish",
        "commendations:campaign-conferral",
        "commendations:campaign-awardees-pdf",
    }
    html = client_for(world.provincial_official).get(url).content.decode()
    for name in stages:
        assert reverse(name, kwargs={"pk": campaign.pk}) in html
    for outsider in (world.clerk, world.city_official):
        html = client_for(outsider).get(url).content.decode()
        assert 'id="campaign-stages"' not in html
        assert not any(reverse(name, kwargs={"pk": campaign.pk}) in html for name in stages)


def test_campaign_pages_lead_to_the_nominations(world, client_for):
    """The navigation leads to the campaigns; from there a clerk drafts a nomination for an open campaign and
    officials reach the nominations and their "to recommend" queue (the browser journey found no link)."""
    campaign = provincial()
    detail = reverse("commendations:campaign-detail", kwargs={"pk": campaign.pk})
    create = reverse("commendations:nomination-create") + f"?campaign={campaign.pk}"
    listing, queue = reverse("commendations:nomination-list"), reverse("commendations:nomination-queue")
    assert create in client_for(world.clerk).get(detail).content.decode()
    assert create not in client_for(world.provincial_official).get(detail).content.decode()
    html = client_for(world.clerk).get(reverse("commendations:campaign-list")).content.decode()
    assert f'href="{listing}"' in html and f'href="{queue}"' not in html
    html = client_for(world.city_official).get(reverse("commendations:campaign-list")).content.decode()
    assert f'href="{listing}"' in html and f'href="{queue}"' in html
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    assert create not in client_for(world.clerk).get(detail).content.decode()


def test_campaign_create_and_edit_pages(world, client_for):
    client = client_for(world.provincial_official)
    assert client.get(reverse("commendations:campaign-create")).status_code == 200
    form = {
        "award": award("provincial_technical_expert").pk,
        "year": 2026,
        "nominee_kind": "individual",
        "opens_on": "2026-11-02",
        "closes_on": "2026-12-31",
        "publicity_working_days": 5,
    }
    response = client.post(reverse("commendations:campaign-create"), form)
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "commendations:campaign-detail", kwargs={"pk": campaign.pk}
    )
    # An award of another level is not even offered; a reversed window is a form error.
    response = client.post(reverse("commendations:campaign-create"), {**form, "award": award("china_skills_award").pk})
    assert response.status_code == 200 and response.context["form"].errors["award"]
    edit = reverse("commendations:campaign-edit", kwargs={"pk": campaign.pk})
    response = client.post(edit, {**form, "closes_on": "2026-10-01"})
    assert response.status_code == 200 and response.context["form"].errors["closes_on"]
    response = client.post(edit, {**form, "publicity_working_days": 9})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.publicity_working_days == 9 and Campaign.objects.count() == 1


def test_close_and_conclude_buttons(world, client_for):
    campaign = provincial()
    NominationFactory(campaign=campaign, status=NominationStatus.SUBMITTED)
    client = client_for(world.provincial_official)
    client.post(reverse("commendations:campaign-close", kwargs={"pk": campaign.pk}))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    response = client.post(reverse("commendations:campaign-conclude", kwargs={"pk": campaign.pk}), follow=True)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]  # closed; then the 409


def test_quota_form_sets_a_quota_and_shows_refusals(world, client_for):
    campaign = national()
    url = reverse("commendations:campaign-quotas", kwargs={"pk": campaign.pk})
    client = client_for(world.national_official)
    response = client.post(url, {"region": region("000000").pk, "quota": 8})
    assert response.status_code == 302
    response = client.post(
        url, {"region": region("440000").pk, "quota": 9}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="campaign-quotas"
    )
    assert response.status_code == 200 and response.context["quota_form"].errors["quota"]
    assert "<html" not in response.content.decode()  # the fragment only
    response = client.post(
        url, {"region": region("440000").pk, "quota": 3}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="campaign-quotas"
    )
    assert [(row.region.code, row.quota) for row in response.context["quota_rows"]] == [("000000", 8), ("440000", 3)]
    assert client_for(world.clerk).post(url, {"region": region("440000").pk, "quota": 1}).status_code == 403
    assert CampaignQuota.objects.get(region=region("440000")).quota == 3


def test_campaign_export(world, client_for):
    provincial()
    national()
    response = client_for(world.clerk).post(
        reverse("exports:start", args=["commendations.campaigns"]) + "?level=province"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # header + the Guangdong campaign only


def test_api_patch_with_bad_input_changes_nothing(world, client_for):
    campaign = provincial()
    url = reverse("api:campaign-detail", kwargs={"pk": campaign.pk})
    client = client_for(world.provincial_official)
    before = AuditLog.objects.count()
    for body in ({"closes_on": "2026-01-01"}, {"criteria_clauses": ["R1.frontline"]}, {"status": "concluded"}):
        assert client.patch(url, body, content_type="application/json").status_code == 400, body
    campaign.refresh_from_db()
    assert (campaign.closes_on, campaign.criteria_clauses, campaign.status) == (
        datetime.date(2026, 12, 31),
        [],
        CampaignStatus.OPEN,
    )
    assert AuditLog.objects.count() == before
