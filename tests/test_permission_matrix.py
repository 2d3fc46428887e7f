"""Every URL pattern × every role × (own object, object of another organisation / region).

The test enumerates the URL resolver; a URL without a row in MATRIX fails, so every new page and
endpoint joins the matrix. Expected answers: a status code, or LOGIN for a redirect to the login page.
Writes are sent with empty bodies: an allowed role gets a validation answer (200 form / 400), a
forbidden one 403, an out-of-scope object 404 — so nothing changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory

LOGIN = "login"
ROLES = (
    "anonymous",
    "enterprise_clerk",
    "city_official",
    "provincial_official",
    "national_official",
    "expert",
    "admin",
)
# Namespaces tested elsewhere: the Django admin has its own permission system (tests/admin).
SKIPPED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Row:
    method: str
    answers: dict  # role → answer for an object in the role's scope (or a URL without an object)
    foreign: dict | None = None  # role → answer for another organisation's / region's object
    kwargs: Callable | None = None  # (subjects, which) → URL kwargs
    data: dict = field(default_factory=dict)
    query: str = ""


def answers(anonymous, clerk, city, province, national, expert, admin) -> dict:
    return dict(zip(ROLES, (anonymous, clerk, city, province, national, expert, admin), strict=True))


def everyone(answer) -> dict:
    return dict.fromkeys(ROLES, answer)


# Shorthands for the common shapes.
PUBLIC = everyone(200)
SIGNED_IN_PAGE = answers(LOGIN, 200, 200, 200, 200, 200, 200)
REGISTRY_PAGE = answers(LOGIN, 200, 200, 200, 200, 403, 200)
REGISTRY_FOREIGN = answers(LOGIN, 404, 404, 404, 200, 403, 200)
SIGNED_IN_API = answers(401, 200, 200, 200, 200, 200, 200)
REGISTRY_API = answers(401, 200, 200, 200, 200, 200, 200)  # experts get an empty, scoped list
REGISTRY_API_OBJECT = answers(401, 200, 200, 200, 200, 404, 200)
REGISTRY_API_FOREIGN = answers(401, 404, 404, 404, 200, 404, 200)


CLERK_ONLY = answers(LOGIN, 200, 403, 403, 403, 403, 403)
CLERK_ONLY_FOREIGN = answers(LOGIN, 404, 403, 403, 403, 403, 403)
OFFICIALS_ONLY = answers(LOGIN, 403, 200, 200, 200, 403, 200)
OFFICIALS_ONLY_FOREIGN = answers(LOGIN, 403, 404, 404, 200, 403, 200)
REVEAL_API = answers(401, 403, 200, 200, 200, 403, 200)
REVEAL_API_FOREIGN = answers(401, 403, 404, 404, 200, 403, 200)


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
    "api-schema": Row("get", SIGNED_IN_API),
    "api-docs": Row("get", SIGNED_IN_API),
    # talent registry pages
    "talents:list": Row("get", REGISTRY_PAGE),
    "talents:export": Row("get", REGISTRY_PAGE),
    "talents:detail": Row("get", REGISTRY_PAGE, REGISTRY_FOREIGN, talent_kwargs),
    "talents:reveal-id": Row("post", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, talent_kwargs),
    "talents:create": Row("post", CLERK_ONLY),
    "talents:validate-id": Row("get", CLERK_ONLY, query="?id_number=440106198503070011"),
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


@dataclass
class Subjects:
    """One object per organisation of the world, keyed by whose scope it falls in."""

    talents: dict
    credentials: dict
    honours: dict
    organisations: dict


def make_subjects(world) -> Subjects:
    orgs = {
        "own": world.org,
        "other_org": world.org_same_city,
        "other_city": world.org_other_city,
        "other_province": world.org_other_province,
    }
    talents = {key: TalentFactory(employer=org) for key, org in orgs.items()}
    return Subjects(
        talents=talents,
        credentials={key: CredentialFactory(talent=talent) for key, talent in talents.items()},
        honours={key: HonourFactory(talent=talent) for key, talent in talents.items()},
        organisations=orgs,
    )


# The nearest object each role may NOT see (national officials and admins see everything).
FOREIGN_FOR_ROLE = {
    "anonymous": "other_province",
    "enterprise_clerk": "other_org",
    "city_official": "other_city",
    "provincial_official": "other_province",
    "national_official": "other_province",
    "expert": "other_province",
    "admin": "other_province",
}


def url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
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
    if expected == LOGIN:
        assert response.status_code == 302, context
        assert response.url.startswith(reverse("accounts:login")), context
    else:
        assert response.status_code == expected, f"{context}: got {response.status_code}"


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(name, role, world, client):
    row = MATRIX[name]
    subjects = make_subjects(world) if row.kwargs else None
    user = None if role == "anonymous" else world.users_by_role()[role]
    if user is not None:
        client.force_login(user)

    kwargs = row.kwargs(subjects, "own") if row.kwargs else {}
    check(ask(client, row, name, kwargs), row.answers[role], f"{name} as {role} (own)")
    if row.foreign is not None:
        foreign_kwargs = row.kwargs(subjects, FOREIGN_FOR_ROLE[role])
        check(ask(client, row, name, foreign_kwargs), row.foreign[role], f"{name} as {role} (foreign)")
