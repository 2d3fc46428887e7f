"""The nominations API: create, edit, submit (criteria refusal with reasons), the officials' steps with
the next allowed actions, 409s, scoping, attachments, query counts."""

import pytest
from django.urls import reverse

from commendations.models import Nomination, NominationAttachment, NominationStatus
from tests.accounts.factories import region
from tests.commendations.factories import CampaignQuotaFactory, NominationFactory, open_campaign, technician
from tests.evaluations.dossiers.factories import PDF, ZIP, upload
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
TEXTS = {"achievements": "主持完成关键零件加工工艺改进。", "recommendation": "推荐。"}


def post(client, name, data=None, **kwargs):
    return client.post(reverse(name, kwargs=kwargs or None), data or {}, content_type="application/json")


def test_the_whole_way_to_the_province(world, client_for):
    campaign = open_campaign()
    CampaignQuotaFactory(campaign=campaign, region=region("440000"), quota=1)
    talent = technician(world.org)
    client = client_for(world.clerk)
    response = post(client, "api:nomination-list", {"campaign": campaign.pk, "talent": talent.pk, **TEXTS})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["actions"] == ["submit", "withdraw"]
    assert body["criteria"]["outcome"] == "eligible" and body["criteria"]["reasons"][0]["clause"] == "R9.technician"
    assert talent.id_number not in response.content.decode()
    pk = body["id"]
    response = client.patch(
        reverse("api:nomination-detail", args=[pk]), {"achievements": "改"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["achievements"] == "改"
    response = post(client, "api:nomination-submit", pk=pk)
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert response.json()["actions"] == ["withdraw"]
    response = post(client, "api:nomination-submit", pk=pk)
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"

    city = client_for(world.city_official)
    assert post(city, "api:nomination-return", pk=pk).status_code == 400  # comment required
    response = post(city, "api:nomination-recommend", {"comment": "同意推荐"}, pk=pk)
    assert response.status_code == 200 and response.json()["status"] == "city_recommended"
    assert response.json()["actions"] == []
    province = client_for(world.provincial_official)
    response = post(province, "api:nomination-recommend", pk=pk)
    assert response.status_code == 200 and response.json()["status"] == "province_recommended"


def test_criteria_failure_answers_400_with_reasons(world, client_for):
    nomination = NominationFactory(
        campaign=open_campaign(), talent=TalentFactory(employer=world.org), nominated_by=world.clerk, **TEXTS
    )
    response = post(client_for(world.clerk), "api:nomination-submit", pk=nomination.pk)
    assert response.status_code == 400
    assert response.json()["code"] == "criteria_failed"
    assert [r["clause"] for r in response.json()["reasons"]] == ["R9.technician"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT


def test_duplicate_is_409_and_bad_input_400(world, client_for):
    campaign = open_campaign()
    talent = technician(world.org)
    client = client_for(world.clerk)
    assert post(client, "api:nomination-list", {"campaign": campaign.pk, "talent": talent.pk}).status_code == 201
    response = post(client, "api:nomination-list", {"campaign": campaign.pk, "talent": talent.pk})
    assert response.status_code == 409 and response.json()["code"] == "duplicate"
    assert post(client, "api:nomination-list", {"campaign": "x", "talent": talent.pk}).status_code == 400
    assert post(client, "api:nomination-list", {"campaign": campaign.pk}).status_code == 400
    foreign = technician(world.org_other_province)
    assert post(client, "api:nomination-list", {"campaign": campaign.pk, "talent": foreign.pk}).status_code == 400
    assert Nomination.objects.count() == 1


def test_roles_that_do_not_nominate_get_403(world, client_for):
    campaign = open_campaign()
    talent = technician(world.org)
    response = post(
        client_for(world.provincial_official), "api:nomination-list", {"campaign": campaign.pk, "talent": talent.pk}
    )
    assert response.status_code == 403


def test_scope(world, client_for):
    campaign = open_campaign()
    own = NominationFactory(campaign=campaign, talent=technician(world.org))
    other_city = NominationFactory(campaign=campaign, talent=technician(world.org_other_city))
    national = NominationFactory(campaign=open_campaign(region=region("000000")), talent=technician(world.org))

    def ids(user):
        response = client_for(user).get(reverse("api:nomination-list"))
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids(world.clerk) == {own.pk, national.pk}
    assert ids(world.clerk_other_org) == set()
    assert ids(world.city_official) == {own.pk, national.pk}
    assert ids(world.city_official_other_city) == {other_city.pk}
    assert ids(world.provincial_official) == {own.pk, other_city.pk, national.pk}
    assert ids(world.provincial_official_other) == set()
    assert ids(world.national_official) == {national.pk}
    assert client_for(world.clerk_other_org).get(reverse("api:nomination-detail", args=[own.pk])).status_code == 404


def test_filters(world, client_for):
    campaign = open_campaign()
    first = NominationFactory(campaign=campaign, talent=technician(world.org, name="张三"))
    NominationFactory(campaign=campaign, talent=technician(world.org_other_city, name="李四"), status="submitted")
    client = client_for(world.provincial_official)
    rows = client.get(reverse("api:nomination-list"), {"q": "张"}).json()["results"]
    assert [row["id"] for row in rows] == [first.pk]
    rows = client.get(reverse("api:nomination-list"), {"city": "440300"}).json()["results"]
    assert [row["talent_name"] for row in rows] == ["李四"]
    rows = client.get(reverse("api:nomination-list"), {"status": "submitted"}).json()["results"]
    assert [row["talent_name"] for row in rows] == ["李四"]


@pytest.mark.parametrize("rows", [1, 6])
def test_list_query_count_is_constant(world, client_for, django_assert_num_queries, rows):
    campaign = open_campaign()
    for _ in range(rows):
        NominationFactory(campaign=campaign, talent=technician(world.org))
    client = client_for(world.provincial_official)
    with django_assert_num_queries(3):  # session, user, page
        response = client.get(reverse("api:nomination-list"))
    assert len(response.json()["results"]) == rows


def test_attachments_upload_download_remove(world, client_for, private_media):
    nomination = NominationFactory(campaign=open_campaign(), talent=technician(world.org), nominated_by=world.clerk)
    client = client_for(world.clerk)
    response = client.post(
        reverse("api:nomination-attachment-list"), {"nomination": nomination.pk, "file": upload(ZIP, "x.zip")}
    )
    assert response.status_code == 400 and response.json()["code"] == "file_type"
    assert not NominationAttachment.objects.exists()
    response = client.post(reverse("api:nomination-attachment-list"), {"nomination": nomination.pk, "file": upload()})
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.get(reverse("api:nomination-attachment-download", args=[pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert (
        client_for(world.clerk_other_org).get(reverse("api:nomination-attachment-download", args=[pk])).status_code
        == 404
    )
    detail = client_for(world.clerk).get(reverse("api:nomination-detail", args=[nomination.pk])).json()
    assert [a["id"] for a in detail["attachments"]] == [pk]
    assert client.delete(reverse("api:nomination-attachment-detail", args=[pk])).status_code == 204
    assert NominationAttachment.objects.get().removed_at is not None
