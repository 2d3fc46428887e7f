"""Every URL pattern × every role × (own object, object of another organisation / region).

The test enumerates the URL resolver; a URL without a row in MATRIX fails, so every new page and
endpoint joins the matrix. Expected answers: a status code, or LOGIN for a redirect to the login page.
Writes are sent with empty bodies: an allowed role gets a validation answer (200 form / 400), a
forbidden one 403, an out-of-scope object 404 — so nothing changes.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import (
    ADMIN_LOGIN,
    CLERK_ONLY,
    CLERK_ONLY_FOREIGN,
    FOREIGN_FOR_ROLE,
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
    APP_ADMIN_MAKERS |= getattr(_module, "ADMIN_MAKERS", {})

MATRIX |= admin_rows()


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


def test_every_url_has_an_expectation():
    missing = sorted(url_names() - set(MATRIX))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - url_names())
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


def ask(client, row: Row, name: str, kwargs: dict):
    url = reverse(name, kwargs=kwargs) + row.query
    method = getattr(client, row.method)
    if row.method == "get":
        return method(url)
    if name.startswith("api"):
        return method(url, row.data, content_type="application/json")
    return method(url, row.data)


def check(response, expected, context):
    if expected in (LOGIN, ADMIN_LOGIN):
        # Anonymous visitors of admin pages may land on either login page; both ask for credentials.
        logins = (reverse("accounts:login"), reverse("admin:login")) if expected == LOGIN else (reverse("admin:login"),)
        assert response.status_code == 302, context
        assert response.url.startswith(logins), context
    else:
        assert response.status_code == expected, f"{context}: got {response.status_code}"


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(name, role, world, client):
    row = MATRIX[name]
    subjects = row.subjects(world) if row.kwargs else None
    user = None if role == "anonymous" else world.users_by_role()[role]
    if user is not None:
        client.force_login(user)

    kwargs = row.kwargs(subjects, "own") if row.kwargs else {}
    check(ask(client, row, name, kwargs), row.answers[role], f"{name} as {role} (own)")
    if row.foreign is not None:
        foreign_kwargs = row.kwargs(subjects, FOREIGN_FOR_ROLE[role])
        check(ask(client, row, name, foreign_kwargs), row.foreign[role], f"{name} as {role} (foreign)")
