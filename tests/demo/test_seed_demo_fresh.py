"""seed_demo on an empty database: accounts it must not touch, and the DEBUG guard."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from demo.data import TALENT_COUNT
from talents.models import Talent


def test_an_existing_account_with_a_demo_username_is_left_alone(db, settings):
    settings.DEBUG = True
    User.objects.create_user("expert1", password="their-own-secret", role=Role.EXPERT)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert User.objects.get(username="expert1").check_password("their-own-secret")
    assert "expert1" in out.getvalue().split("keep their own password:")[1]


def test_refuses_to_seed_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    assert Talent.objects.count() == TALENT_COUNT
