"""One filter definition per list: for every registered list export, the page, the export and the API
endpoint (where there is one) accept the same filter names.

Each side's names are read from what it really uses: the page's from the ``ListFilterSet`` it renders
(found in the page's template context), the export's from ``ListExport.parameters``, the API's from
its viewset's ``filterset_class`` (or ``filterset_fields``). A filter added to one of them only fails here.
"""

import pytest
from django.urls import resolve, reverse

from accounts.filters import ListFilterSet
from exports.registry import list_exports
from tests.eligibility.runs.factories import finished_run
from tests.programs.factories import ActivityFactory

pytestmark = pytest.mark.django_db

# The API list endpoint of each exported list; None: the list has no API (the queues are pages only,
# a run's difference is read through the run's summary).
API_ROUTE = {
    "commendations.review_queue": "api:nomination-review-list",
    "commendations.campaigns": "api:campaign-list",
    "eligibility.run_changes": None,
    "eligibility.runs": "api:eligibility-run-list",
    "evaluations.assessment_queue": None,
    "evaluations.committees": "api:committee-list",
    "commendations.nominations": "api:nomination-list",
    "evaluations.my_dossiers": "api:dossier-list",
    "evaluations.review_queue": None,
    "evaluations.rounds": "api:round-list",
    "notices.objections": "api:objection-list",
    "commendations.honours_roll": "api:honours-roll-list",
    "programs.activities": "api:activity-list",
    "programs.enrolments": "api:enrolment-list",
    "programs.plans": "api:plan-list",
    "programs.platforms": "api:platform-list",
    "talents.registry": "api:talent-list",
}


def _run_changes_page(world):
    first = finished_run(region_code="440100")
    second = finished_run(region_code="440100", previous=first)
    return world.national_official, reverse("eligibility:run-changes", args=[second.pk])


def _enrolments_page(world):
    return world.national_official, reverse("programs:activity-detail", args=[ActivityFactory().pk])


# A list of one object's children is shown on that object's page (ListExport.parent_parameter).
CHILD_PAGE = {
    "eligibility.run_changes": _run_changes_page,
    "programs.enrolments": _enrolments_page,
}


def _cases():
    for spec in list_exports():
        yield pytest.param(spec, id=spec.name)


def _page_filterset(context):
    """The ListFilterSet the page rendered (itself, or its form): ``filter`` by convention, else the only one."""
    chosen = context.get("filter")
    if isinstance(chosen, ListFilterSet):
        return chosen
    contexts = context if isinstance(context, list) else [context]
    found = {}
    for each in contexts:
        for value in each.flatten().values():
            filterset = value if isinstance(value, ListFilterSet) else getattr(value, "filterset", None)
            if isinstance(filterset, ListFilterSet):
                found[id(filterset)] = filterset
    assert len(found) <= 1, "the page renders more than one FilterSet: name its list's one 'filter'"
    return next(iter(found.values()), None)


def _page_names(spec, world, client_for) -> set[str]:
    if spec.name in CHILD_PAGE:
        user, url = CHILD_PAGE[spec.name](world)
        response = client_for(user).get(url)
    else:
        users = [user for user in world.users_by_role().values() if spec.may_export(user)]
        assert users, f"nobody may export {spec.name}"
        response = client_for(users[0]).get(reverse(spec.page))
    assert response.status_code == 200, (spec.name, response.status_code)
    filterset = _page_filterset(response.context)
    return set(type(filterset).parameter_names()) if filterset is not None else set()


def _api_names(route: str) -> set[str]:
    viewset = resolve(reverse(route)).func.cls
    filterset_class = getattr(viewset, "filterset_class", None)
    if filterset_class is not None:
        return set(filterset_class.base_filters)
    return set(getattr(viewset, "filterset_fields", None) or ())


def test_every_exported_list_is_mapped_to_its_api():
    assert set(API_ROUTE) == {spec.name for spec in list_exports()}


@pytest.mark.parametrize("spec", list(_cases()))
def test_page_export_and_api_take_the_same_filters(spec, world, client_for):
    export = set(spec.parameters)
    page = _page_names(spec, world, client_for)
    assert page == export, f"{spec.name}: page {sorted(page)} ≠ export {sorted(export)}"
    route = API_ROUTE[spec.name]
    if route is not None:
        api = _api_names(route)
        assert api == export, f"{spec.name}: API {sorted(api)} ≠ export {sorted(export)}"
