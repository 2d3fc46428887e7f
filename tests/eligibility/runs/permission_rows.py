"""Batch-run pages and endpoints in the permission matrix (tests/test_permission_matrix.py).

Runs are an officials' tool: clerks and experts get 403; an official gets 404 for a run of a region
outside their own (a city official: another city; a province: another province)."""

from tests.eligibility.runs.factories import finished_run, run_subjects
from tests.permissions import LOGIN, OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, Also, Row, answers


def run_kwargs(subjects, which):
    return {"pk": subjects.runs[which].pk}


CHANGES = "?track=green_channel&direction=newly_eligible"
RESULTS = "?track=green_channel&outcome=eligible"
# POST with an empty body: an official gets a validation answer, nothing starts.
START_PAGE = answers(LOGIN, 403, 400, 400, 400, 403, 400)
RUNS_API = answers(401, 403, 200, 200, 200, 403, 200)
RUNS_API_FOREIGN = answers(401, 403, 404, 404, 200, 403, 200)
# Cancelling a finished run: the page redirects with the refusal, the API answers 409.
CANCEL_PAGE = answers(LOGIN, 403, 302, 302, 302, 403, 302)
CANCEL_PAGE_FOREIGN = answers(LOGIN, 403, 404, 404, 302, 403, 302)
CANCEL_API = answers(401, 403, 409, 409, 409, 403, 409)
CANCEL_API_FOREIGN = answers(401, 403, 404, 404, 409, 403, 409)

ROWS = {
    "eligibility:run-list": Row("get", OFFICIALS_ONLY),
    "eligibility:run-start": Row("post", START_PAGE),
    "eligibility:run-detail": Row("get", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, run_kwargs, subjects=run_subjects),
    "eligibility:run-progress": Row("get", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, run_kwargs, subjects=run_subjects),
    "eligibility:run-cancel": Row("post", CANCEL_PAGE, CANCEL_PAGE_FOREIGN, run_kwargs, subjects=run_subjects),
    "eligibility:run-changes": Row(
        "get", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, run_kwargs, query=CHANGES, subjects=run_subjects
    ),
    "eligibility:run-results": Row(
        "get", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, run_kwargs, query=RESULTS, subjects=run_subjects
    ),
    "eligibility:run-changes-export": Row(
        "get", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, run_kwargs, query=CHANGES, subjects=run_subjects
    ),
    "api:eligibility-run-list": Row("get", RUNS_API),
    "api:eligibility-run-detail": Row("get", RUNS_API, RUNS_API_FOREIGN, run_kwargs, subjects=run_subjects),
    "api:eligibility-run-cancel": Row("post", CANCEL_API, CANCEL_API_FOREIGN, run_kwargs, subjects=run_subjects),
}


MORE = {"api:eligibility-run-list": {"post": Also(answers(401, 403, 400, 400, 400, 403, 400))}}
# POST /api/v1/eligibility-runs/ shares the list's URL name; its answers are tested in test_api.py.


def _make_chunk():
    from eligibility.models import EligibilityRunChunk

    return EligibilityRunChunk.objects.create(run=finished_run(), seq=0, first_talent_id=1, last_talent_id=1, size=1)


def _admin_makers():
    from eligibility.models import EligibilityRun, EligibilityRunChunk

    return {EligibilityRun: finished_run, EligibilityRunChunk: _make_chunk}


ADMIN_MAKERS = _admin_makers()
