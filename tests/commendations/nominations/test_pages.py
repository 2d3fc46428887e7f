"""The nomination pages: list with filters and constant queries, the recommendation queue, drafting,
the detail page (criteria reasons, steps with comments, attachments, audit trail), the export."""

import pytest
from django.urls import reverse

from commendations.models import Nomination, NominationStatus
from tests.accounts.factories import region
from tests.commendations.factories import NominationFactory, open_campaign, technician
from tests.evaluations.dossiers.factories import PDF, upload
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
TEXTS = {"achievements": "主持完成关键零件加工工艺改进。", "recommendation": "推荐。"}


def test_a_clerk_drafts_uploads_and_submits_on_the_pages(world, client_for):
    campaign = open_campaign()
    talent = technician(world.org)
    client = client_for(world.clerk)
    assert client.get(reverse("commendations:nomination-create")).status_code == 200
    response = client.post(
        reverse("commendations:nomination-create"), {"campaign": campaign.pk, "talent": talent.pk, **TEXTS}
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "commendations:nomination-detail", args=[nomination.pk]
    )
    response = client.post(
        reverse("commendations:nomination-attachment-upload", args=[nomination.pk]), {"file": upload()}
    )
    assert response.status_code == 302
    page = client.get(reverse("commendations:nomination-detail", args=[nomination.pk])).content.decode()
    assert "证明材料.pdf" in page and 'data-clause="R9.technician"' in page and 'data-step="submit"' in page
    assert talent.id_number not in page
    attachment = nomination.attachments.get()
    download = client.get(reverse("commendations:nomination-attachment-download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    response = client.post(reverse("commendations:nomination-step", args=[nomination.pk]), {"action": "submit"})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    page = client.get(reverse("commendations:nomination-detail", args=[nomination.pk])).content.decode()
    assert 'id="audit-trail"' in page and 'data-step="withdraw"' in page and 'data-step="submit"' not in page


def test_a_failing_nominee_is_refused_with_the_reasons_on_the_page(world, client_for):
    nomination = NominationFactory(
        campaign=open_campaign(), talent=TalentFactory(employer=world.org), nominated_by=world.clerk, **TEXTS
    )
    client = client_for(world.clerk)
    response = client.post(reverse("commendations:nomination-step", args=[nomination.pk]), {"action": "submit"})
    assert response.status_code == 400
    assert 'data-clause="R9.technician"' in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DRAFT


def test_the_city_returns_with_a_comment_only(world, client_for):
    nomination = NominationFactory(
        campaign=open_campaign(), talent=technician(world.org), status=NominationStatus.SUBMITTED
    )
    client = client_for(world.city_official)
    url = reverse("commendations:nomination-step", args=[nomination.pk])
    assert client.post(url, {"action": "return", "comment": ""}).status_code == 400
    assert client.post(url, {"action": "return", "comment": "请补充事迹。"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.RETURNED
    assert client.post(url, {"action": "return", "comment": "再退"}).status_code == 409


def test_the_queue_shows_what_awaits_the_official(world, client_for):
    campaign = open_campaign()
    submitted = NominationFactory(campaign=campaign, talent=technician(world.org), status=NominationStatus.SUBMITTED)
    city_done = NominationFactory(
        campaign=campaign, talent=technician(world.org), status=NominationStatus.CITY_RECOMMENDED
    )
    NominationFactory(campaign=campaign, talent=technician(world.org))  # a draft: nobody's step
    city = client_for(world.city_official).get(reverse("commendations:nomination-queue")).content.decode()
    assert f'data-nomination="{submitted.pk}"' in city and f'data-nomination="{city_done.pk}"' not in city
    province = client_for(world.provincial_official).get(reverse("commendations:nomination-queue")).content.decode()
    assert f'data-nomination="{city_done.pk}"' in province and f'data-nomination="{submitted.pk}"' not in province


def test_list_filters_by_name_and_city(world, client_for):
    campaign = open_campaign()
    NominationFactory(campaign=campaign, talent=technician(world.org, name="张三"))
    NominationFactory(campaign=campaign, talent=technician(world.org_other_city, name="李四"))
    client = client_for(world.provincial_official)
    page = client.get(reverse("commendations:nomination-list"), {"q": "张"}).content.decode()
    assert "张三" in page and "李四" not in page
    page = client.get(reverse("commendations:nomination-list"), {"city": region("440300").pk}).content.decode()
    assert "李四" in page and "张三" not in page


@pytest.mark.parametrize("rows", [1, 5])
def test_list_page_query_count_is_constant(world, client_for, django_assert_num_queries, rows):
    campaign = open_campaign()
    for _ in range(rows):
        NominationFactory(campaign=campaign, talent=technician(world.org))
    client = client_for(world.provincial_official)
    client.get(reverse("commendations:nomination-list"))  # warm caches
    # session, user, the nav's notices, the filter's campaign and city choices, the page
    with django_assert_num_queries(7):
        response = client.get(reverse("commendations:nomination-list"))
    assert response.content.decode().count("data-nomination=") == rows


def test_the_export_holds_the_filtered_rows(world, client_for):
    from exports.registry import list_export

    campaign = open_campaign()
    NominationFactory(campaign=campaign, talent=technician(world.org, name="张三"))
    NominationFactory(campaign=campaign, talent=technician(world.org_other_city, name="李四"))
    spec = list_export("commendations.nominations")
    rows = list(spec.rows(world.provincial_official, {"q": "李"}))
    assert [spec.columns[2].value(row) for row in rows] == ["李四"]
    assert list(spec.rows(world.clerk_other_org, {})) == []
    assert not spec.may_export(world.expert)
    response = client_for(world.provincial_official).post(reverse("exports:start", args=["commendations.nominations"]))
    assert response.status_code in (200, 302)
