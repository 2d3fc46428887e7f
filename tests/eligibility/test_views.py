import datetime

import pytest
from django.urls import reverse

from eligibility.models import EligibilityCheck, EligibilityOverride
from eligibility.services.checks import eligibility_check_talent
from tests.eligibility.factories import TalentSpec, make_talent

FRONTLINE = TalentSpec(skills=(("technician", datetime.date(2018, 1, 1)),), frontline=True, years_of_work=15)


def page(talent):
    return reverse("eligibility:talent-checks", args=[talent.pk])


def test_the_talent_page_links_to_eligibility(world, client_for):
    talent = make_talent(FRONTLINE, employer=world.org)
    response = client_for(world.clerk).get(reverse("talents:detail", args=[talent.pk]))
    assert page(talent) in response.content.decode()


def test_a_clerk_checks_and_sees_every_reason(world, client_for):
    talent = make_talent(FRONTLINE, employer=world.org)
    client = client_for(world.clerk)
    response = client.post(page(talent), {"track": "green_channel", "target_level": "deputy_senior"}, follow=True)
    check = EligibilityCheck.objects.get()
    assert check.outcome == "needs_review" and check.checked_by == world.clerk
    html = response.content.decode()
    assert f'id="check-{check.pk}"' in html and 'data-outcome="needs_review"' in html
    for reason in check.reasons:
        assert reason["explanation"]["zh-hans"] in html
    assert reverse("eligibility:check-override", args=[check.pk]) not in html  # clerks do not decide


def test_a_level_the_track_does_not_offer_is_answered_ineligible(world, client_for):
    talent = make_talent(FRONTLINE, employer=world.org)
    response = client_for(world.clerk).post(page(talent), {"track": "green_channel", "target_level": "technician"})
    assert response.status_code == 302
    check = EligibilityCheck.objects.get()
    assert check.outcome == "ineligible" and [reason["clause"] for reason in check.reasons] == ["R1.target"]
    assert check.reasons[0]["explanation"]["zh-hans"] in client_for(world.clerk).get(page(talent)).content.decode()


def test_english_pages_show_english_explanations(world, client_for):
    talent = make_talent(FRONTLINE, employer=world.org)
    eligibility_check_talent(actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior")
    client = client_for(world.clerk)
    client.cookies["django_language"] = "en"
    assert "special evaluation route" in client.get(page(talent)).content.decode()


def test_an_official_decides_a_needs_review_check_on_the_page(world, client_for):
    talent = make_talent(FRONTLINE, employer=world.org)
    check = eligibility_check_talent(
        actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior"
    )
    client = client_for(world.city_official)
    url = reverse("eligibility:check-override", args=[check.pk])
    assert url in client.get(page(talent)).content.decode()
    empty = client.post(url, {f"override-{check.pk}-outcome": "eligible", f"override-{check.pk}-reason": " "})
    assert empty.status_code == 200 and not EligibilityOverride.objects.exists()
    response = client.post(
        url, {f"override-{check.pk}-outcome": "eligible", f"override-{check.pk}-reason": "技术骨干，贡献突出"}
    )
    assert response.status_code == 302
    override = EligibilityOverride.objects.get()
    assert (override.outcome, override.decided_by, override.check_overridden) == (
        "eligible",
        world.city_official,
        check,
    )
    html = client.get(page(talent)).content.decode()
    assert 'data-override="eligible"' in html and "技术骨干，贡献突出" in html


@pytest.mark.parametrize("user", ["city_official_other_city", "provincial_official_other"])
def test_officials_without_scope_get_404(world, client_for, user):
    talent = make_talent(FRONTLINE, employer=world.org)
    check = eligibility_check_talent(
        actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior"
    )
    client = client_for(getattr(world, user))
    assert client.get(page(talent)).status_code == 404
    url = reverse("eligibility:check-override", args=[check.pk])
    assert client.post(url, {f"override-{check.pk}-outcome": "eligible"}).status_code == 404


def test_the_page_takes_the_same_queries_for_one_check_or_ten(world, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    one, ten = (make_talent(FRONTLINE, employer=world.org) for _ in range(2))
    for talent, count in ((one, 1), (ten, 10)):
        for _ in range(count):
            eligibility_check_talent(
                actor=world.clerk, talent=talent, track="green_channel", target_level="deputy_senior"
            )
    client = client_for(world.city_official)
    client.get(page(one))  # warms the catalogue's level names
    with CaptureQueriesContext(connection) as baseline:
        client.get(page(one))
    with django_assert_num_queries(len(baseline)):
        response = client.get(page(ten))
    assert response.content.decode().count('data-outcome="needs_review"') == 10
