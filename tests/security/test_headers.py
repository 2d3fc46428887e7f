"""Headers (issue 14): every page carries a Content-Security-Policy that allows scripts from our own static
files only, and no template has an inline script or an on* handler (they would be blocked)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
# A <script> without src runs inline; a JSON data block (json_script) does not run and is allowed.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def assert_no_inline_script(html: str, where: str) -> None:
    assert not INLINE_SCRIPT.search(html), f"{where}: inline <script>: {INLINE_SCRIPT.search(html)[0]}"
    handler = INLINE_HANDLER.search(html)
    assert not handler, f"{where}: inline event handler: {handler[0][:120]}"
    assert not JS_URL.search(html), f"{where}: javascript: URL"


def assert_strict_csp(response, where: str) -> None:
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"{where}: no Content-Security-Policy header"
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'", f"{where}: {policy}"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy and "http" not in directives["script-src"]


def test_no_template_has_an_inline_script_or_handler():
    templates = [p for d in (ROOT / "templates", *ROOT.glob("*/templates")) for p in d.rglob("*.html")]
    assert len(templates) > 50  # the scan sees the portal's templates
    for template in templates:
        assert_no_inline_script(template.read_text(), str(template.relative_to(ROOT)))


PAGES = {
    "provincial_official": [
        "/",
        "/talents/",
        "/programs/plans/",
        "/evaluations/rounds/",
        "/evaluations/review/",
        "/evaluations/assessment/",
        "/eligibility/runs/",
        "/notifications/",
        "/notices/",
        "/notices/objections/",
        "/api/docs/",
    ],
    "enterprise_clerk": ["/", "/talents/", "/talents/new/", "/talents/upload/", "/evaluations/dossiers/mine/"],
    "admin": ["/admin/", "/admin/accounts/user/"],
    None: ["/accounts/login/", "/evaluations/certificates/verify/", "/notices/"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "anonymous")
def test_main_pages_send_a_strict_csp_and_run_no_inline_script(world, client_for, role):
    client = client_for(world.users_by_role()[role] if role else None)
    for path in PAGES[role]:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert_strict_csp(response, path)
        assert_no_inline_script(response.content.decode(), path)


@pytest.mark.django_db
def test_the_api_docs_start_up_script_is_a_file(world, client_for):
    client = client_for(world.provincial_official)
    page = client.get(reverse("api-docs")).content.decode()
    script = re.search(r"<script src=\"([^\"]*\?script[^\"]*)\"", page)
    assert script, page[:500]
    answer = client.get(script[1].replace("&amp;", "&"))
    assert answer.status_code == 200 and "javascript" in answer["Content-Type"]
