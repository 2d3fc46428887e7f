import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import AuditLog
from talents.models import Talent
from talents.validators import id_number_from_parts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]  # keep migrated catalogues


def test_clerk_logs_in_in_chinese_and_registers_a_talent(live_server, page, world):
    number = id_number_from_parts("440106", datetime.date(1992, 3, 4), 7, male=True)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "correct-horse-battery")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/talents/new/")
    page.fill("[name=name]", "陈建国")
    page.fill("[name=id_number]", number)
    page.locator("[name=id_number]").blur()  # the inline check is posted (CSRF header), never a URL
    page.wait_for_selector("#id-number-feedback [data-valid=true]")
    assert "1992-03-04" in page.locator("#id-number-feedback").inner_text()
    page.select_option("[name=occupation]", label="6-18-01-01 车工")
    page.fill("[name=years_of_work]", "12")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/talents/")  # the receipt: the same for a number held elsewhere

    talent = Talent.objects.get(id_number=number)
    assert (talent.name, talent.employer, talent.years_of_work) == ("陈建国", world.org, 12)
    assert AuditLog.objects.filter(action="create", object_id=str(talent.pk)).exists()
    body = page.locator("main").inner_text()
    assert "440106********" in body and number not in body


def test_switching_to_english_keeps_the_page(live_server, page, world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("select[name=language]", "en")
    expect(page.get_by_role("heading", name="Log in to TalentPortal")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
