"""Shared fixtures: one user per role, in two provinces, so every test can ask about another
organisation and another region (docs/roles.md)."""

import io
from dataclasses import dataclass

import pytest

from accounts.models import Role
from tests.accounts.factories import OrganisationFactory, UserFactory, region


@dataclass
class World:
    """Guangdong (440000) with Guangzhou (440100) and Shenzhen (440300); Jiangsu (320000) with Nanjing."""

    org: object  # an enterprise in Guangzhou
    org_same_city: object  # another enterprise in Guangzhou
    org_other_city: object  # an enterprise in Shenzhen, same province
    org_other_province: object  # an enterprise in Nanjing, Jiangsu
    clerk: object
    clerk_other_org: object
    city_official: object
    city_official_other_city: object
    provincial_official: object
    provincial_official_other: object
    national_official: object
    expert: object
    admin: object

    def users_by_role(self) -> dict:
        return {
            "enterprise_clerk": self.clerk,
            "city_official": self.city_official,
            "provincial_official": self.provincial_official,
            "national_official": self.national_official,
            "expert": self.expert,
            "admin": self.admin,
        }


@pytest.fixture
def world(db) -> World:
    guangzhou, shenzhen, nanjing = region("440100"), region("440300"), region("320100")
    org = OrganisationFactory(name="广州精工机械有限公司", region=guangzhou)
    org_same_city = OrganisationFactory(name="广州数智科技有限公司", region=guangzhou)
    org_other_city = OrganisationFactory(name="深圳芯片制造有限公司", region=shenzhen)
    org_other_province = OrganisationFactory(name="南京汽车零部件有限公司", region=nanjing)
    return World(
        org=org,
        org_same_city=org_same_city,
        org_other_city=org_other_city,
        org_other_province=org_other_province,
        clerk=UserFactory(username="clerk", role=Role.ENTERPRISE_CLERK, organisation=org),
        clerk_other_org=UserFactory(username="clerk2", role=Role.ENTERPRISE_CLERK, organisation=org_same_city),
        city_official=UserFactory(username="city", role=Role.CITY_OFFICIAL, region=guangzhou),
        city_official_other_city=UserFactory(username="city_sz", role=Role.CITY_OFFICIAL, region=shenzhen),
        provincial_official=UserFactory(username="province", role=Role.PROVINCIAL_OFFICIAL, region=region("440000")),
        provincial_official_other=UserFactory(
            username="province_js", role=Role.PROVINCIAL_OFFICIAL, region=region("320000")
        ),
        national_official=UserFactory(username="ministry", role=Role.NATIONAL_OFFICIAL, region=region("000000")),
        expert=UserFactory(username="expert", role=Role.EXPERT, organisation=org_other_city),
        admin=UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the per-process default): throttles count per client address,
    and every test's client is 127.0.0.1, so counts left by earlier tests would refuse a later one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def eager_celery():
    """Tasks run in the calling process (Celery reads Django settings once, so set the app's conf)."""
    from celery import current_app

    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` signs in past two-factor sign-in too (docs/security.md), so tests of a page
    need no authenticator; ``force_login(user, otp_verified=False)`` leaves the session at the code prompt."""
    import time

    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.middleware import CONFIRMED_AT_KEY

    original = Client.force_login

    def force_login(self, user, backend=None, *, otp_verified=True):
        original(self, user, backend)
        if otp_verified:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = "tests.verified/0"
            session[CONFIRMED_AT_KEY] = int(time.time())  # a code just given, as after the real prompt
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (None → anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    """``seed_demo`` once per test module (it takes seconds), inside a transaction rolled back when the
    module ends; each test of the module runs in a savepoint of it (pytest-django's ``db`` nests).
    Every test of a module that uses it must use it: the seeded rows are there for the whole module."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        # A content type created (and cached) inside an earlier test's rolled-back transaction would
        # otherwise name a row that no longer exists in the audit rows the seeding writes.
        ContentType.objects.clear_cache()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _is_transactional(item) -> bool:
    """The same decision pytest-django takes: a ``transaction=True`` marker, or a fixture that implies it."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def _assert_test_database() -> None:
    """Reference data is only ever written into a test database: never into the one ``DATABASE_URL``
    names (a developer's data, a production copy)."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    assert str(name).startswith("test_") or name == ":memory:" or "memorydb" in str(name), (
        f"refusing to load reference data into {name!r}: not a test database"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied every table (its fixtures' teardown, pytest-django's
    flush included), put the migrated reference data back: under pytest-xdist the next test in this
    process may be an ordinary one that expects the regions, catalogues, rule set and plans.

    Not after the last test of the process (``nextitem`` is None): pytest has torn the session fixtures
    down with it, so the test database is gone and the connection points at the real one."""
    yield
    if nextitem is None or not _is_transactional(item):
        return
    from pytest_django.plugin import blocking_manager_key

    from tests.transactional import load_reference_data

    with item.config.stash[blocking_manager_key].unblock():
        _assert_test_database()
        load_reference_data(rule_set=True, plans=True)


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO",
        help="run the tests with the clock started at this instant in Asia/Shanghai (e.g. 2028-02-29T12:00, "
        "2027-01-01T00:30): the days naive date arithmetic breaks on (tests/dates.py)",
    )


@pytest.fixture(autouse=True, scope="session")
def _clock(request):
    """``--clock``: every test sees a clock that starts at that instant and runs on (ticks), so
    timeouts and expiries still behave."""
    value = request.config.getoption("--clock")
    if not value:
        yield
        return
    import datetime

    import time_machine

    from tests.dates import SHANGHAI

    with time_machine.travel(datetime.datetime.fromisoformat(value).replace(tzinfo=SHANGHAI), tick=True):
        yield
