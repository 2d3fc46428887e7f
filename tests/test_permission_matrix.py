"""Every URL pattern × every HTTP method it allows × every role × (own object, a foreign object at
each level of scope the role does not reach: another organisation of the same city, another city of
the province, another province — FOREIGN_LEVELS).

The test enumerates the URL resolver and reads from each view the methods it allows (a DRF viewset's
mapped actions, a class's handlers within ``http_method_names``, a function view's
``require_http_methods``); a URL, or a method of it, without an expectation fails, so every new page,
endpoint and method joins the matrix. Expected answers: a status code, or LOGIN for a redirect to the
login page. Writes are sent with empty bodies: an allowed role gets a validation answer (200 form /
400), a forbidden one 403, an out-of-scope object 404. A write on a foreign object (for every role
but the ministry and the administrator, who reach every object), and any write refused by design
(4xx), must change nothing: the subjects' rows, the row counts of their tables and the audit log are
compared before and after. Each request runs in a savepoint rolled back afterwards, so the
methods of a route do not see each other's effects.

The Django admin (``admin:``) is checked for its GET pages here; its writes and their scoping are
tested in tests/admin.
"""

import dataclasses
import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import (
    ADMIN_LOGIN,
    CLERK_ONLY,
    CLERK_ONLY_FOREIGN,
    FOREIGN_LEVELS,
    LOGIN,
    OFFICIALS_ONLY,
    OFFICIALS_ONLY_FOREIGN,
    REGISTRY_API,
    REGISTRY_API_FOREIGN,
    REGISTRY_API_OBJECT,
    REGISTRY_FOREIGN,
    REGISTRY_PAGE,
    REVEAL_API,
    REVEAL_API_FOREIGN,
    ROLES,
    SIGNED_IN_API,
    SIGNED_IN_PAGE,
    Also,
    Deviation,
    Row,
    answers,
    everyone,
)


def code(value):
    return lambda subjects, which: {"code": value}


def talent_kwargs(subjects, which):
    return {"pk": subjects.talents[which].pk}


def credential_kwargs(subjects, which):
    credential = subjects.credentials[which]
    return {"pk": credential.talent_id, "cid": credential.pk}


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


MATRIX: dict[str, Row] = {
    "dashboard": Row("get", SIGNED_IN_PAGE),
    "accounts:login": Row("get", answers(200, 302, 302, 302, 302, 302, 302)),
    "accounts:logout": Row("post", everyone(302)),
    "set_language": Row("post", everyone(302), data={"language": "en"}),
    "health": Row("get", everyone(200)),  # ok/failed only, for the container healthcheck (tests/test_health.py)
    "api-schema": Row("get", SIGNED_IN_API),
    "api-docs": Row("get", SIGNED_IN_API),
    # talent registry pages
    "talents:list": Row("get", REGISTRY_PAGE),
    "talents:detail": Row("get", REGISTRY_PAGE, REGISTRY_FOREIGN, talent_kwargs),
    "talents:reveal-id": Row("post", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, talent_kwargs),
    "talents:create": Row("post", CLERK_ONLY),
    "talents:validate-id": Row("post", CLERK_ONLY, data={"id_number": "440106198503070011"}),
    "talents:edit": Row("post", CLERK_ONLY, CLERK_ONLY_FOREIGN, talent_kwargs),
    "talents:upload": Row("post", CLERK_ONLY),
    "talents:upload-template": Row("get", CLERK_ONLY),
    "talents:credential-create": Row("post", CLERK_ONLY, CLERK_ONLY_FOREIGN, talent_kwargs),
    "talents:credential-edit": Row("post", CLERK_ONLY, CLERK_ONLY_FOREIGN, credential_kwargs),
    "talents:credential-delete": Row("post", CLERK_ONLY, CLERK_ONLY_FOREIGN, credential_kwargs),
    "talents:honour-create": Row("post", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, talent_kwargs),
    # API
    "api:api-root": Row("get", SIGNED_IN_API),
    "api:auth-token": Row("post", everyone(400)),
    "api:auth-token-current": Row("delete", answers(401, 204, 204, 204, 204, 204, 204)),
    # Two-factor sign-in (tests/security/test_two_factor.py): the matrix's users have no authenticator yet,
    # so enrolment answers its form and the code prompt and recovery codes send them to enrol.
    "accounts:two-factor-setup": Row("get", SIGNED_IN_PAGE),
    "accounts:two-factor-verify": Row("get", answers(LOGIN, 302, 302, 302, 302, 302, 302)),
    "accounts:recovery-codes-renew": Row("post", answers(LOGIN, 302, 302, 302, 302, 302, 302)),
    "api:region-list": Row("get", SIGNED_IN_API),
    "api:region-detail": Row("get", SIGNED_IN_API, kwargs=code("440100")),
    "api:occupation-list": Row("get", SIGNED_IN_API),
    "api:occupation-detail": Row("get", SIGNED_IN_API, kwargs=code("6-18-01-01")),
    "api:skill-level-list": Row("get", SIGNED_IN_API),
    "api:skill-level-detail": Row("get", SIGNED_IN_API, kwargs=code("technician")),
    "api:title-level-list": Row("get", SIGNED_IN_API),
    "api:title-level-detail": Row("get", SIGNED_IN_API, kwargs=code("intermediate")),
    "api:title-series-list": Row("get", SIGNED_IN_API),
    "api:title-series-detail": Row("get", SIGNED_IN_API, kwargs=code("engineering")),
    "api:award-list": Row("get", SIGNED_IN_API),
    "api:award-detail": Row("get", SIGNED_IN_API, kwargs=code("china_skills_award")),
    "api:organisation-list": Row("get", REGISTRY_API),
    "api:organisation-detail": Row("get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("organisations")),
    "api:talent-list": Row("get", REGISTRY_API),
    "api:talent-detail": Row("get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, talent_kwargs),
    "api:talent-reveal-id": Row("post", REVEAL_API, REVEAL_API_FOREIGN, talent_kwargs),
    "api:credential-list": Row("get", REGISTRY_API),
    "api:credential-detail": Row("get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("credentials")),
    "api:honour-list": Row("get", REGISTRY_API),
    "api:honour-detail": Row("get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("honours")),
}

# The dashboard is a page: the design answers any write with 405; the view takes every method today.
NOT_A_WRITE = Deviation(405, "the dashboard answers every method with the page (no require_GET)")
CLERK_API = answers(401, 400, 403, 403, 403, 403, 403)  # the registry's writes: clerks only; empty body 400
CLERK_API_FOREIGN = answers(401, 404, 403, 403, 403, 403, 403)

# The other methods of the routes above (every method a route allows has an expectation): only clerks
# write the registry through the API (an empty PATCH is a valid no-op, 200; deleting an own credential
# 204); officials enter honours; the form pages (GET) of the page rows answer like their POSTs.
MORE = {
    "dashboard": dict.fromkeys(("post", "put", "patch", "delete"), Also(answers(LOGIN, *[NOT_A_WRITE] * 6))),
    # Django's LoginView takes PUT like POST; an empty form is shown again (200), the signed-in redirected.
    "accounts:login": dict.fromkeys(("post", "put"), Also(answers(200, 302, 302, 302, 302, 302, 302))),
    "accounts:two-factor-setup": {"post": Also(SIGNED_IN_PAGE)},
    "accounts:two-factor-verify": {"post": Also(answers(LOGIN, 302, 302, 302, 302, 302, 302))},
    "api:talent-list": {"post": Also(CLERK_API)},
    "api:talent-detail": {
        "put": Also(CLERK_API, CLERK_API_FOREIGN),
        "patch": Also(answers(401, 200, 403, 403, 403, 403, 403), CLERK_API_FOREIGN),
    },
    "api:credential-list": {"post": Also(CLERK_API)},
    "api:credential-detail": {
        "put": Also(CLERK_API, CLERK_API_FOREIGN),
        "patch": Also(answers(401, 200, 403, 403, 403, 403, 403), CLERK_API_FOREIGN),
        "delete": Also(answers(401, 204, 403, 403, 403, 403, 403), CLERK_API_FOREIGN),
    },
    "api:honour-list": {"post": Also(answers(401, 403, 400, 400, 400, 403, 400))},
    "talents:create": {"get": Also(CLERK_ONLY)},
    "talents:upload": {"get": Also(CLERK_ONLY)},
    "talents:edit": {"get": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},
    "talents:credential-create": {"get": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},
    "talents:credential-edit": {"get": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},
    "talents:credential-delete": {"get": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},  # the confirmation page
    "talents:honour-create": {"get": Also(OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN)},
}


# The Django admin: only staff get in (everyone in the world but the superuser is redirected to the
# admin's login); the superuser's answer follows each ModelAdmin's own permissions. Scoping for
# non-superuser staff is tested in tests/admin.
ADMIN_ONLY = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"anonymous": LOGIN, "admin": 200}


def admin_object_kwargs(model):
    def kwargs(subjects, which):
        return {"object_id": admin_object(model).pk}

    return kwargs


def admin_object(model):
    """An existing row of the model (the world and its subjects create most of them)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from accounts.models import AuditLog, User
    from accounts.services import audit_record

    existing = model.objects.order_by("pk").first()
    if existing is not None:
        return existing
    attempt = {
        "user_agent": "pytest",
        "ip_address": "127.0.0.1",
        "username": "clerk",
        "http_accept": "*/*",
        "path_info": "/accounts/login/",
    }
    makers = {
        Group: lambda: Group.objects.create(name="reviewers"),
        AuditLog: lambda: audit_record(actor=None, obj=User.objects.first(), action="create"),
        AccessAttempt: lambda: AccessAttempt.objects.create(
            **attempt, get_data="", post_data="", failures_since_start=1
        ),
        AccessLog: lambda: AccessLog.objects.create(**attempt),
        AccessFailureLog: lambda: AccessFailureLog.objects.create(**attempt),
    }
    if model._meta.concrete_model is Token:  # the admin addresses a token by its user (TokenProxy)
        Token.objects.create(user=User.objects.get(username="admin"))
        return model.objects.order_by("pk").first()
    makers |= APP_ADMIN_MAKERS
    return makers[model]()


def admin_rows() -> dict[str, Row]:
    from django.contrib import admin
    from django.test import RequestFactory

    from accounts.models import User

    request = RequestFactory().get("/admin/")
    request.user = User(username="probe", is_superuser=True, is_staff=True, is_active=True)
    rows = {
        "admin:index": Row("get", ADMIN_ONLY),
        "admin:app_list": Row("get", ADMIN_ONLY, kwargs=lambda subjects, which: {"app_label": "talents"}),
        "admin:login": Row("get", dict.fromkeys(ROLES, 200) | {"admin": 302}),
        "admin:logout": Row("post", everyone(302)),
        "admin:password_change": Row("get", ADMIN_ONLY),
        "admin:password_change_done": Row("get", ADMIN_ONLY),
        "admin:jsi18n": Row("get", ADMIN_ONLY),
        "admin:autocomplete": Row("get", ADMIN_ONLY | {"admin": 403}),  # no field named: refused
        "admin:view_on_site": Row(
            "get",
            ADMIN_ONLY | {"admin": 404},  # no model of ours has get_absolute_url
            kwargs=lambda subjects, which: {"content_type_id": 1, "object_id": 1},
        ),
        "admin:auth_user_password_change": Row(
            "get", ADMIN_ONLY, kwargs=lambda subjects, which: {"id": User.objects.get(username="clerk").pk}
        ),
    }
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        by_object = admin_object_kwargs(model)
        rows[f"{prefix}_changelist"] = Row("get", ADMIN_ONLY)
        rows[f"{prefix}_add"] = Row(
            "get", ADMIN_ONLY | {"admin": 200 if model_admin.has_add_permission(request) else 403}
        )
        rows[f"{prefix}_change"] = Row("get", ADMIN_ONLY, kwargs=by_object)
        rows[f"{prefix}_history"] = Row("get", ADMIN_ONLY, kwargs=by_object)
        deletable = model_admin.has_delete_permission(request)
        rows[f"{prefix}_delete"] = Row("get", ADMIN_ONLY | {"admin": 200 if deletable else 403}, kwargs=by_object)
    return rows


def app_row_modules():
    """tests/<app>/**/permission_rows.py of every app: its URLs' rows and its admin objects' makers."""
    root = Path(__file__).parent
    for path in sorted(root.rglob("permission_rows.py")):
        yield importlib.import_module(".".join(("tests", *path.relative_to(root).with_suffix("").parts)))


APP_ADMIN_MAKERS = {}
for _module in app_row_modules():
    MATRIX |= _module.ROWS
    MORE |= getattr(_module, "MORE", {})  # the other methods of its routes
    APP_ADMIN_MAKERS |= getattr(_module, "ADMIN_MAKERS", {})

MATRIX |= admin_rows()
STALE_MORE = sorted(set(MORE) - set(MATRIX))
MATRIX = {name: dataclasses.replace(row, more=row.more | MORE.get(name, {})) for name, row in MATRIX.items()}


def url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None and namespace == "admin:":
                continue  # the admin's unnamed "<object_id>/" only redirects to the named change view
            if pattern.name is None:
                raise AssertionError(f"URL pattern {pattern.pattern} has no name: name it and add it to MATRIX")
            names.add(f"{namespace}{pattern.name}")
    return names


METHODS = ("get", "post", "put", "patch", "delete")  # HEAD and OPTIONS follow GET and the metadata


def declared_methods(view) -> set[str] | None:
    """The methods ``require_http_methods`` (``require_GET``, ``require_POST``) lets through, read from
    the decorator's closure; None for a function view that does not declare them."""
    stack, seen = [view], set()
    while stack:
        function = stack.pop()
        if id(function) in seen:
            continue
        seen.add(id(function))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if isinstance(value, list | tuple) and value and all(isinstance(m, str) and m.isupper() for m in value):
                return {m.lower() for m in value}
            if callable(value):
                stack.append(value)
        if hasattr(function, "__wrapped__"):
            stack.append(function.__wrapped__)
    return None


def allowed_methods(callback) -> set[str]:
    """The methods a URL's view answers (other than with 405)."""
    actions = getattr(callback, "actions", None)
    if actions is not None:  # a DRF viewset route: the methods mapped to actions
        return set(actions) & set(callback.cls.http_method_names) & set(METHODS)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:  # a DRF APIView or a Django class-based view
        return {m for m in view_class.http_method_names if m in METHODS and hasattr(view_class, m)}
    declared = declared_methods(callback)
    return set(METHODS) if declared is None else declared & set(METHODS)


def url_methods(patterns=None, namespace="") -> dict[str, set[str]]:
    """URL name → the methods its view allows (the admin's are left to tests/admin)."""
    methods = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if inner != "admin:":
                methods |= url_methods(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name is not None:
            name = f"{namespace}{pattern.name}"
            methods[name] = methods.get(name, set()) | allowed_methods(pattern.callback)
    return methods


def rows_by_method(row: Row) -> dict[str, Row]:
    """The route's Row for each method it has an expectation for (the first method and ``more``)."""
    rows = {row.method: dataclasses.replace(row, more={})}
    for method, also in row.more.items():
        rows[method] = dataclasses.replace(
            row,
            method=method,
            answers=also.answers,
            foreign=also.foreign,
            levels=also.levels,
            data=row.data if also.data is None else also.data,
            more={},
        )
    return rows


def test_every_url_has_an_expectation():
    missing = sorted(url_names() - set(MATRIX))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - url_names())
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


def test_every_method_a_route_allows_has_an_expectation():
    missing, stale = [], []
    for name, allowed in sorted(url_methods().items()):
        expected = set(rows_by_method(MATRIX[name]))
        missing += [f"{method.upper()} {name}" for method in sorted(allowed - expected)]
        stale += [f"{method.upper()} {name}" for method in sorted(expected - allowed)]
    assert not missing, f"Methods the routes allow without an expectation (add Row.more): {missing}"
    assert not stale, f"Expectations for methods the routes do not allow: {stale}"
    assert not STALE_MORE, f"MORE for URLs without a row: {STALE_MORE}"


def ask(client, row: Row, name: str, kwargs: dict):
    url = reverse(name, kwargs=kwargs) + row.query
    method = getattr(client, row.method)
    if row.method == "get":
        return method(url)
    if name.startswith("api"):
        return method(url, row.data, content_type="application/json")
    if row.method == "post":
        return method(url, row.data)
    return method(url, row.data, content_type="application/x-www-form-urlencoded")


def subject_rows(subjects) -> list[Model]:
    """Every model instance the subjects hold (for the before/after comparison of a write)."""
    if subjects is None or not dataclasses.is_dataclass(subjects):
        return []
    found = {}
    for subject_field in dataclasses.fields(subjects):
        value = getattr(subjects, subject_field.name)
        for item in value.values() if isinstance(value, dict) else [value]:
            if isinstance(item, Model):
                found[(item._meta.label, item.pk)] = item
    return list(found.values())


def snapshot(instances) -> dict:
    """The stored values of the subjects' rows, the row counts of their tables and of the audit log
    (two queries a table)."""
    from accounts.models import AuditLog

    by_model = {AuditLog: []}
    for instance in instances:
        by_model.setdefault(type(instance)._meta.concrete_model, []).append(instance.pk)
    state = {}
    for model, pks in by_model.items():
        state[model._meta.label] = model.objects.count()
        if pks:
            state[(model._meta.label, "rows")] = list(model.objects.filter(pk__in=pks).order_by("pk").values())
    return state


def refused(expected) -> bool:
    return isinstance(expected, int) and expected >= 400


def send(client, row: Row, name: str, kwargs: dict, *, unchanged: bool, instances) -> object:
    """One request in a savepoint rolled back afterwards; for a write that must change nothing (on a
    foreign object, or refused), the subjects' rows and the audit log are compared."""
    compare = row.method != "get" and unchanged
    with transaction.atomic():
        before = snapshot(instances) if compare else None
        response = ask(client, row, name, kwargs)
        if compare:
            after = snapshot(instances)
            changed = sorted(str(key) for key in before.keys() | after.keys() if before.get(key) != after.get(key))
            assert not changed, f"{row.method.upper()} {name} ({response.status_code}) changed {changed}"
        transaction.set_rollback(True)
    return response


def check(response, expected, context, deviations: list):
    if isinstance(expected, Deviation):
        if response.status_code == expected.answer:
            pytest.fail(f"{context}: now answers {expected.answer} as designed: drop the Deviation")
        deviations.append(f"{context}: {expected.reason} (got {response.status_code})")
        return
    if expected in (LOGIN, ADMIN_LOGIN):
        # Anonymous visitors of admin pages may land on either login page; both ask for credentials.
        logins = (reverse("accounts:login"), reverse("admin:login")) if expected == LOGIN else (reverse("admin:login"),)
        assert response.status_code == 302, context
        assert response.url.startswith(logins), context
    else:
        assert response.status_code == expected, f"{context}: got {response.status_code}"


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]
# The roles whose scope has no outside: their "foreign" objects are theirs to change.
EVERYWHERE = {"national_official", "admin"}


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(name, role, world, client):
    """Every method of the route, as this role, on the own object and each foreign level (one world and
    one set of subjects for all of them)."""
    first = MATRIX[name]
    subjects = first.subjects(world) if first.kwargs else None
    instances = subject_rows(subjects)
    user = None if role == "anonymous" else world.users_by_role()[role]
    if user is not None:
        client.force_login(user)

    deviations = []
    for method, row in rows_by_method(first).items():
        context = f"{method.upper()} {name} as {role}"
        if row.foreign is not None:
            for level in FOREIGN_LEVELS[role]:
                expected = (row.levels or {}).get(level, {}).get(role, row.foreign[role])
                unchanged = role not in EVERYWHERE or refused(expected)
                response = send(
                    client, row, name, row.kwargs(subjects, level), unchanged=unchanged, instances=instances
                )
                check(response, expected, f"{context} ({level})", deviations)
        kwargs = row.kwargs(subjects, "own") if row.kwargs else {}
        unchanged = refused(row.answers[role])  # a write refused by design changes nothing
        response = send(client, row, name, kwargs, unchanged=unchanged, instances=instances)
        check(response, row.answers[role], f"{context} (own)", deviations)
    if deviations:
        pytest.xfail("; ".join(deviations))
