"""A full national ID number never reaches an error report (issue 19): every form and view that takes
one marks it with ``sensitive_post_parameters``, so Django's reporter shows stars instead."""

import pytest
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from tests.talents.factories import fresh_id_number

pytestmark = pytest.mark.django_db

# (URL, the POST field carrying a full ID number)
VIEWS = [
    (lambda: reverse("talents:create"), "id_number"),
    (lambda: reverse("talents:validate-id"), "id_number"),
    (lambda: reverse("programs:activity-enrol", args=[1]), "id_number"),
    (lambda: reverse("programs:platform-create"), "leader_id_number"),
    (lambda: reverse("programs:platform-edit", args=[1]), "leader_id_number"),
    (lambda: "/api/v1/talents/", "id_number"),
]


@pytest.mark.parametrize(("url", "field"), VIEWS)
def test_the_id_number_is_starred_in_error_reports(world, client_for, url, field):
    number = fresh_id_number()
    response = client_for(world.clerk).post(url(), {field: number, "name": "王五"})
    reported = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert reported[field] != number and set(reported[field]) == {"*"}
    assert reported["name"] == "王五"  # only the number is hidden


def test_the_inline_id_check_takes_the_number_by_post_only(world, client_for):
    client = client_for(world.clerk)
    assert client.get(reverse("talents:validate-id"), {"id_number": fresh_id_number()}).status_code == 405
