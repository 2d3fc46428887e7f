"""Playwright drives Debian's chromium (never a downloaded browser: the CI machines cannot download one)."""

import os
import shutil

import pytest

from tests.browser.journey import Users

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM calls beside Playwright's event loop
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def reference_data(db):
    """Transactional tests flush every table after each test, migrated catalogues included; load
    them again with the data migrations' own functions (serialized_rollback proved unreliable)."""
    from tests.transactional import load_reference_data

    load_reference_data()


@pytest.fixture(autouse=True)
def _password_sign_in(settings):
    """The journeys sign in through the login form with a password; two-factor sign-in has its own tests
    (tests/security/test_two_factor.py), so a browser needs no authenticator app here."""
    settings.TWO_FACTOR_ENFORCED = False


@pytest.fixture
def rule_set(reference_data):
    """The flush after transactional tests removes the published default rule set too: load it again."""
    from tests.transactional import load_reference_data

    load_reference_data(rule_set=True)


@pytest.fixture
def users(browser, live_server):
    """Each user of a journey in their own browser context, signed in (tests/browser/journey.py)."""
    opened = Users(browser, live_server.url)
    yield opened
    opened.close()
