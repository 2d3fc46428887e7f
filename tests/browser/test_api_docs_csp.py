"""Swagger UI works under the Content-Security-Policy (docs/security.md, "Headers"): the page draws the
schema's operations and the browser reports no CSP violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_load_under_the_csp_without_a_violation(live_server, page, world):
    reported = []
    page.on("console", lambda message: reported.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")

    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)  # the schema was fetched and drawn
    assert page.locator(".swagger-ui .opblock").count() > 0
    violations = [text for text in reported if "Content Security Policy" in text or "Refused to" in text]
    assert not violations, violations
