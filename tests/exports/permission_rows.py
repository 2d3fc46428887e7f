"""Permission-matrix rows of exports (tests/test_permission_matrix.py discovers this file).

``exports:start`` is checked with the review queue (each registered list's roles are checked against
its page in tests/exports/test_registry.py); an export's page and file reach only its requester, the
Guangdong provincial official: everyone else gets the same 404 as for a missing export.
"""

from tests.exports.factories import export_subjects
from tests.permissions import LOGIN, Row, answers


def export_kwargs(subjects, which):
    return {"pk": subjects.export.pk}


REQUESTER_ONLY = answers(LOGIN, 404, 404, 200, 404, 404, 404)

ROWS = {
    "exports:start": Row(
        "post",
        answers(LOGIN, 403, 200, 200, 200, 403, 200),
        kwargs=lambda subjects, which: {"name": "evaluations.review_queue"},
    ),
    "exports:status": Row("get", REQUESTER_ONLY, kwargs=export_kwargs, subjects=export_subjects),
    "exports:download": Row("get", REQUESTER_ONLY, kwargs=export_kwargs, subjects=export_subjects),
}


def _export():
    from tests.accounts.factories import UserFactory, region
    from tests.exports.factories import finished_export

    return finished_export(UserFactory(role="provincial_official", region=region("440000")))


def _admin_makers():
    from exports.models import Export

    return {Export: _export}


ADMIN_MAKERS = _admin_makers()
