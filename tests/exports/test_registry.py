"""Every registered list export against its page: the roles that open the page are exactly the roles
that may export it, the page offers the export button, and the file's header is the columns'."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from exports.registry import list_exports

pytestmark = pytest.mark.django_db
SPECS = list_exports()


def test_every_list_page_is_registered():
    # A list page added without its export, or an export dropped, fails here. Not exported on purpose:
    # the public notice list (anonymous visitors must not start tasks) and the personal inbox.
    assert {spec.name for spec in SPECS} == {
        "commendations.review_queue",
        "commendations.campaigns",
        "commendations.honours_roll",
        "eligibility.run_changes",
        "eligibility.runs",
        "evaluations.assessment_queue",
        "evaluations.committees",
        "commendations.nominations",
        "evaluations.my_dossiers",
        "evaluations.review_queue",
        "evaluations.rounds",
        "notices.objections",
        "programs.activities",
        "programs.enrolments",
        "programs.plans",
        "programs.platforms",
        "talents.registry",
    }


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_the_roles_that_open_the_page_are_the_roles_that_export_it(spec, world, client_for):
    start = reverse("exports:start", args=[spec.name])
    for role, user in world.users_by_role().items():
        client = client_for(user)
        page = client.get(reverse(spec.page))
        export = client.post(start)
        assert page.status_code in (200, 403), (role, page.status_code)
        assert (page.status_code, export.status_code) in ((200, 200), (403, 403)), role
        if page.status_code == 200:
            if not spec.parent_parameter:  # a child list's button is on its parent's page
                assert f'data-export="{spec.name}"' in page.content.decode(), f"{role}: no export button"
            header = next(load_workbook(io.BytesIO(export.content), read_only=True).active.iter_rows(values_only=True))
            assert list(header) == [str(column.header) for column in spec.columns]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_anonymous_visitors_are_sent_to_log_in(spec, client):
    response = client.post(reverse("exports:start", args=[spec.name]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
