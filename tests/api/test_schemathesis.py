"""Schemathesis over the whole OpenAPI schema (issue 14, "keep finding it"): every operation the
schema holds at run time, as an enterprise clerk and as a provincial official, with generated valid
and invalid input; no answer may be a 5xx, and every answer must conform to the schema.

The schema is drf-spectacular's, generated in process; requests go through the WSGI application (no
live server) inside the test's transaction, each in a savepoint rolled back afterwards, so a write
does not change what the next request sees. Path parameters are those of real objects: the permission
matrix's row of the route says which subjects to make and which of them is the actor's own
(tests/test_permission_matrix.py), so retrieve, update and action endpoints reach real rows.

Bounded for the suite (docs/interfaces.md, "The schema is tested"): a few examples per operation and
mode, generation only (no shrinking, no example database), no deadline, derandomized so a run is
reproducible.
"""

import copy
import functools
import json
import re
from collections.abc import Callable

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import Resolver404, resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from notices import registry
from talents.models import Talent
from tests.notices.factories import register_recording_handlers
from tests.test_permission_matrix import MATRIX

# Cases per operation and user: valid input finds schema violations, invalid input finds 5xx. About
# 350 requests a user; raise them locally to search harder (the suite's budget is about a minute).
EXAMPLES = {GenerationMode.POSITIVE: 2, GenerationMode.NEGATIVE: 1}
CHECKS = [not_a_server_error, response_schema_conformance]
PARAMETER = re.compile(r"\{(\w+)\}")


@functools.cache
def openapi_document() -> dict:
    """The schema as /api/schema/ serves it (rendered to JSON, so lazy texts become strings); generated
    once per process, copied for each use."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


def loaded_schema():
    schema = schemathesis.openapi.from_dict(copy.deepcopy(openapi_document()))
    schema.app = WSGIHandler()
    return schema


@pytest.fixture
def same_connection():
    """Django closes "old" connections at each request's start and end; inside the test's transaction
    that would drop it. Django's test client disconnects the same signal handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class RealObjects:
    """Path parameters of the actor's own object for each route, from the permission matrix's rows."""

    def __init__(self, world):
        self.world = world
        self.subjects: dict[Callable, object] = {}

    def of(self, subjects_factory: Callable) -> object:
        if subjects_factory not in self.subjects:
            self.subjects[subjects_factory] = subjects_factory(self.world)
        return self.subjects[subjects_factory]

    def parameters(self, template: str) -> dict | None:
        names = PARAMETER.findall(template)
        if not names:
            return None
        try:
            match = resolve(PARAMETER.sub("1", template))
        except Resolver404:
            return None
        row = MATRIX.get(f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name)
        if row is None or row.kwargs is None:
            return None
        path = reverse(match.view_name, kwargs=row.kwargs(self.of(row.subjects), "own"))
        pattern = re.escape(template)
        for name in names:
            pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>[^/]+)")
        found = re.fullmatch(pattern, path)
        if found is None:
            return None
        return {name: int(value) if value.isdigit() else value for name, value in found.groupdict().items()}


def exercise(operation, mode: GenerationMode, parameters: dict | None, headers: dict, failures: list[str]) -> int:
    """Send EXAMPLES generated cases; record (not raise) each failed check, so one run lists them all."""
    sent = 0
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=parameters)

    @settings(
        max_examples=EXAMPLES[mode],
        phases=[Phase.generate],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        nonlocal sent
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        sent += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except (Failure, FailureGroup) as error:
            found = error.exceptions if isinstance(error, FailureGroup) else (error,)
            details = "\n".join(f"  {failure.title}: {str(failure)[:800]}" for failure in found)
            failures.append(f"{operation.label} ({mode.value}) → {response.status_code}:\n{details}")

    try:
        run()
    except Unsatisfiable:
        # Nothing of the operation can be made invalid (say, a GET whose only parameter is the real id).
        assert mode is GenerationMode.NEGATIVE, f"{operation.label}: no valid input could be generated"
    return sent


@pytest.fixture
def notice_handlers():
    """The notice subjects of the permission matrix are talents: what resolving an objection does to one
    is registered as in tests/notices (no app registers talents as notice subjects)."""
    register_recording_handlers()
    yield
    registry.unregister_subject_handlers(Talent)


@pytest.mark.parametrize("user", ["clerk", "provincial_official"])
def test_every_operation_answers_without_5xx_and_as_documented(user, world, same_connection, notice_handlers):
    objects = RealObjects(world)
    token, _ = Token.objects.get_or_create(user=getattr(world, user))
    headers = {"Authorization": f"Token {token.key}"}
    schema = loaded_schema()
    failures: list[str] = []
    operations = sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        parameters = objects.parameters(operation.path)
        # Invalid input needs something to make invalid beyond the real path parameters.
        negative = operation.body or operation.query or (operation.path_parameters and parameters is None)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if negative else (GenerationMode.POSITIVE,):
            sent += exercise(operation, mode, parameters, headers, failures)
        operations += 1
    # The schema must really have been walked (a broken loader would pass with nothing sent).
    assert operations >= 100
    assert sent >= operations * EXAMPLES[GenerationMode.POSITIVE]
    assert not failures, f"{len(failures)} failed checks:\n\n" + "\n\n".join(failures)


def test_the_real_objects_cover_the_detail_routes(world):
    """Most path parameters come from the permission matrix: a route added without a matrix row
    would be fuzzed with random ids only (404s), and its response schema never checked."""
    objects = RealObjects(world)
    templates = [path for path in openapi_document()["paths"] if PARAMETER.search(path)]
    unresolved = [path for path in templates if objects.parameters(path) is None]
    assert templates
    assert not unresolved, f"no real object for {unresolved}"
