"""What the browser journeys share: a user's own signed-in browser context, a small PDF to attach, labels
as the zh-hans catalogue has them, and posting a form while checking that no error message shows."""

import io
import re

from django.utils import translation
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

PASSWORD = "correct-horse-battery"  # tests/accounts/factories.py


def small_pdf() -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "Process improvement report, 2025")
    document.save()
    return buffer.getvalue()


class Users:
    """One browser context per user, logged in through the form."""

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url, self.contexts = browser, base_url, []

    def page_for(self, username: str | None):
        context = self.browser.new_context()
        self.contexts.append(context)
        page = context.new_page()
        if username is not None:
            page.goto(f"{self.base_url}/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(f"{self.base_url}/")
        return page

    def close(self):
        for context in self.contexts:
            context.close()


def zh(label) -> str:
    """A label as the zh-hans catalogue has it, checked to really be Chinese (not the English msgid)."""
    with translation.override("zh-hans"):
        text = str(label)
    assert re.search(r"[\u4e00-\u9fff]", text), f"no zh-hans translation for {label!r}"
    return text


def expect_no_error_messages(page):
    expect(page.locator(".alert-danger")).to_have_count(0)


def post(page, button) -> None:
    """Click a form's button and wait for the page it redirects to, even when that is the same URL
    (``wait_for_url`` would be satisfied at once by the old page); no error message may show."""
    with page.expect_navigation():
        button.click()
    expect_no_error_messages(page)
