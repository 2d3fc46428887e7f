"""The health-check endpoint (issue 19): database, cache and broker; open to anyone (the container
healthcheck and the load balancer call it without a session) but telling anonymous callers only
ok or failed."""

import json

import pytest
from celery import current_app
from django.urls import reverse
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

pytestmark = pytest.mark.django_db

URL = "/health/"


def body(response) -> dict:
    return json.loads(response.content)


def test_anyone_gets_ok_when_database_cache_and_broker_answer(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert body(response) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert reverse("health") == URL


@pytest.fixture
def broker_down():
    conf = current_app.conf
    previous = conf.broker_url, conf.broker_write_url, conf.broker_read_url
    conf.broker_url = conf.broker_write_url = conf.broker_read_url = "redis://127.0.0.1:1/0"
    yield
    conf.broker_url, conf.broker_write_url, conf.broker_read_url = previous


def test_a_broker_that_does_not_answer_fails_the_check_without_details(client, broker_down):
    response = client.get(URL)
    assert response.status_code == 503
    assert body(response) == {"status": "failed"}


def test_a_failing_database_fails_the_check_and_anonymous_callers_learn_nothing_more(client, monkeypatch):
    def refuse(self):
        raise ServiceUnavailable("connection to server at 10.1.2.3 refused")

    monkeypatch.setattr(Database, "run", refuse)
    response = client.get(URL, HTTP_ACCEPT="text/html")
    assert response.status_code == 503
    assert response.content == b'{"status": "failed"}'


def test_staff_see_which_check_failed(client_for, world, monkeypatch):
    def refuse(self):
        raise ServiceUnavailable("refused")

    monkeypatch.setattr(Database, "run", refuse)
    checks = body(client_for(world.admin).get(URL))["checks"]
    assert checks["database"].endswith("refused")
    assert checks["cache"] == checks["broker"] == "ok"
